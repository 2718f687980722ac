/**
 * Loads one side of a diff. A file may be a whole OpenAPI document or hold just the Update Session
 * operation; either way the rest of the diff sees one full document, and every pointer it reports is
 * mapped back into the file as written.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  OPERATION,
  SpecError,
  isObject,
  loadSpecFile,
  parseSpecText,
  resolveRefs,
  type JsonObject,
  type LoadedSpec,
} from '../spec.ts';
import { pointerTo } from './pointers.ts';

/** What the file held, which decides how much of the operation's location it states. */
export type DocumentShape = 'openapi' | 'paths' | 'path-item' | 'operation';

export interface SpecDocument {
  readonly spec: LoadedSpec;
  readonly shape: DocumentShape;
  /** Turns a pointer into `spec.document` into a pointer into the file as written. */
  original(pointer: string): string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function loadSpecDocument(path: string): SpecDocument {
  try {
    return { spec: loadSpecFile(path), shape: 'openapi', original: (pointer) => pointer };
  } catch (error) {
    return operationOnly(() => readFileSync(path, 'utf8'), path, error);
  }
}

/** The same from text already in hand (tests build variants of a spec this way). */
export function parseSpecDocument(text: string, source: string): SpecDocument {
  try {
    return { spec: parseSpecText(text, source), shape: 'openapi', original: (pointer) => pointer };
  } catch (error) {
    return operationOnly(() => text, source, error);
  }
}

/** A file the loader refused as not OpenAPI may still hold just the operation; anything else stays refused. */
function operationOnly(text: () => string, source: string, error: unknown): SpecDocument {
  if (!(error instanceof SpecError) || error.code !== 'not-openapi') throw error;
  const raw: unknown = parseYaml(text());
  const wrapped = isObject(raw) ? wrapOperationOnly(raw) : undefined;
  if (!wrapped) throw error;
  const document = { openapi: '3.1.0', ...wrapped.document };
  const spec: LoadedSpec = { source, document, resolved: resolveRefs(document, source) };
  return { spec, shape: wrapped.shape, original: (pointer) => remap(pointer, wrapped.prefix) };
}

const OPERATION_POINTER = pointerTo('/paths', OPERATION.path, OPERATION.method);

/**
 * Builds a full document around a file that holds only a `paths` mapping, a path item, or an operation
 * (each with an optional `components` beside it). A path item or a bare operation does not say where it
 * lives, so it is taken to be the Update Session operation; the report says so.
 */
function wrapOperationOnly(
  raw: JsonObject,
): { document: JsonObject; shape: Exclude<DocumentShape, 'openapi'>; prefix: readonly [string, string] } | undefined {
  // A stated version must be OpenAPI 3; the loader has already refused a full document with a bad one.
  if ('swagger' in raw || (isObject(raw['paths']) && 'openapi' in raw)) return undefined;
  if ('openapi' in raw && !(typeof raw['openapi'] === 'string' && /^3\.\d+\.\d+/.test(raw['openapi'])))
    return undefined;
  const { components, openapi: _version, ...rest } = raw;
  const withComponents = (paths: JsonObject) => (components === undefined ? { paths } : { paths, components });
  if (isObject(raw['paths'])) return { document: raw, shape: 'paths', prefix: ['/paths', '/paths'] };
  const keys = Object.keys(rest);
  if (keys.length > 0 && keys.every((key) => key.startsWith('/')) && keys.some((key) => isPathItem(rest[key]))) {
    return { document: withComponents(rest), shape: 'paths', prefix: ['/paths', ''] };
  }
  if (isPathItem(rest)) {
    return {
      document: withComponents({ [OPERATION.path]: rest }),
      shape: 'path-item',
      prefix: [pointerTo('/paths', OPERATION.path), ''],
    };
  }
  if (isObject(rest['responses'])) {
    return {
      document: withComponents({ [OPERATION.path]: { [OPERATION.method]: rest } }),
      shape: 'operation',
      prefix: [OPERATION_POINTER, ''],
    };
  }
  return undefined;
}

function isPathItem(node: unknown): node is JsonObject {
  return isObject(node) && HTTP_METHODS.some((method) => isObject(node[method]) && isObject(node[method]['responses']));
}

function remap(pointer: string, [wrapped, original]: readonly [string, string]): string {
  if (pointer === wrapped || pointer.startsWith(`${wrapped}/`)) return original + pointer.slice(wrapped.length);
  return pointer;
}

/** Says, for the report, what was assumed about a file that did not state the operation's location. */
export function shapeAssumption(document: SpecDocument): string | undefined {
  const where = `${OPERATION.method.toUpperCase()} ${OPERATION.path}`;
  if (document.shape === 'path-item') return `${document.spec.source} holds a path item: taken to be ${OPERATION.path}`;
  if (document.shape === 'operation') return `${document.spec.source} holds one operation: taken to be ${where}`;
  return undefined;
}
