/**
 * The one loader of OpenAPI documents: read, parse (YAML or JSON), check it is OpenAPI, resolve `$ref`s.
 * Everything else reads the contract through here, so a broken file fails in one place with one message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const VENDORED_SPEC_PATH = fileURLToPath(new URL('./spec/browser-use-v2-update-session.yaml', import.meta.url));

export const OPERATION = { path: '/sessions/{session_id}', method: 'patch' } as const;

export type JsonObject = { [key: string]: unknown };

export type SpecErrorCode = 'missing' | 'unreadable' | 'malformed' | 'not-openapi' | 'bad-ref';

/** A problem with a spec file, worded for the person who gave us the file. */
export class SpecError extends Error {
  constructor(
    readonly code: SpecErrorCode,
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'SpecError';
  }
}

export interface LoadedSpec {
  /** Where it came from (a path, or a name given to text). */
  readonly source: string;
  /** The document as written, `$ref`s intact. */
  readonly document: JsonObject;
  /** The same document with every internal `$ref` replaced by what it points to. */
  readonly resolved: JsonObject;
}

export function loadSpecFile(path: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SpecError('missing', path, 'no such file');
    throw new SpecError('unreadable', path, `cannot be read (${code ?? String(error)})`);
  }
  return parseSpecText(text, path);
}

export function parseSpecText(text: string, source: string): LoadedSpec {
  let document: unknown;
  try {
    // JSON is YAML 1.2, so one parser serves both; uniqueKeys keeps duplicate keys an error, not a silent overwrite.
    document = parseYaml(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SpecError('malformed', source, `is not valid YAML or JSON: ${reason}`);
  }
  if (!isObject(document)) {
    throw new SpecError('not-openapi', source, 'is not an OpenAPI document (its top level is not a mapping)');
  }
  if (typeof document['openapi'] !== 'string' || !/^3\.\d+\.\d+/.test(document['openapi'])) {
    throw new SpecError('not-openapi', source, 'is not an OpenAPI 3 document (no "openapi: 3.x.y" field)');
  }
  if (!isObject(document['paths'])) {
    throw new SpecError('not-openapi', source, 'is not an OpenAPI document (no "paths" mapping)');
  }
  return { source, document, resolved: resolveRefs(document, source) };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords that only annotate; beside a `$ref` they can be merged into the target without changing its meaning. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'summary',
]);

/**
 * Replaces internal `$ref`s (`#/…`) with their targets. OpenAPI 3.1 lets a `$ref` have siblings:
 * annotations are merged over the target; anything that constrains becomes an `allOf`, which is what
 * JSON Schema 2020-12 means by it.
 *
 * A `$ref` that leads back into itself (a recursive schema) is left as it is, so a full API document with
 * a recursive schema elsewhere still loads; only what uses it sees the `$ref`. Targets are resolved once
 * and shared, so documents whose schemas reference each other in long chains stay cheap.
 */
export function resolveRefs(document: JsonObject, source: string): JsonObject {
  const resolvedTargets = new Map<string, unknown>();
  // Whether resolving a node met a cycle: such a result depends on the path taken, so it is not cached.
  let metCycle = false;

  const resolveTarget = (ref: string, trail: readonly string[]): unknown => {
    const cached = resolvedTargets.get(ref);
    if (cached !== undefined) return cached;
    const outer = metCycle;
    metCycle = false;
    const target = walk(pointerGet(document, ref, source), [...trail, ref]);
    if (!metCycle) resolvedTargets.set(ref, target);
    metCycle ||= outer;
    return target;
  };

  const walk = (node: unknown, trail: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, trail));
    if (!isObject(node)) return node;
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      if (trail.includes(ref)) {
        metCycle = true;
        return node;
      }
      const target = resolveTarget(ref, trail);
      const siblings = Object.entries(node).filter(([key]) => key !== '$ref');
      if (siblings.length === 0) return target;
      const constraining = siblings.filter(([key]) => !ANNOTATIONS.has(key));
      const walkedSiblings = Object.fromEntries(siblings.map(([key, value]) => [key, walk(value, trail)]));
      if (constraining.length === 0 && isObject(target)) return { ...target, ...walkedSiblings };
      return { allOf: [target, walkedSiblings] };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, trail)]));
  };
  return walk(document, []) as JsonObject;
}

function pointerGet(document: JsonObject, ref: string, source: string): unknown {
  if (!ref.startsWith('#'))
    throw new SpecError('bad-ref', source, `has an external $ref, which is not supported: ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) node = undefined;
    else node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new SpecError('bad-ref', source, `has a $ref to nothing: ${ref}`);
  }
  return node;
}

let vendored: LoadedSpec | undefined;

/** The vendored Update Session spec, parsed and resolved once per process. */
export function vendoredSpec(): LoadedSpec {
  vendored ??= loadSpecFile(VENDORED_SPEC_PATH);
  return vendored;
}
