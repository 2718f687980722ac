/**
 * Checks pacts against the spec, in both directions:
 * - what the consumer sends is what the spec accepts (or, for a 422 interaction, is refused for the
 *   reason the interaction intends: a bad path id or body, not a missing header);
 * - what the consumer expects back is what the spec promises: the status is documented, every example
 *   validates for its status, every property it relies on is declared, and every value a matcher would
 *   let through validates too (found by sampling each matcher with a fixed seed).
 * Findings are data; `renderPactFinding` words them.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isObject, type JsonObject } from '../spec.ts';
import type { SpecIssue, SpecValidator } from '../validator.ts';
import { PACT_CHECK_SAMPLES_PER_MATCHER, PACT_CHECK_SEED } from '../config.ts';
import { listPactFiles } from './files.ts';
import { PACT_DATE_TIME_REGEX } from './patterns.ts';

export interface PactSpecFinding {
  readonly pact: string;
  readonly interaction: string;
  /** Which side of the interaction, and what about it. */
  readonly kind:
    | 'not-this-operation'
    | 'request'
    | 'response-status'
    | 'response-example'
    | 'undeclared-property'
    | 'matcher-too-loose'
    | 'unreadable';
  /** Where: a JSON path such as `$.tasks[*].cost`, or `path`/`header`/`body`. */
  readonly at: string;
  readonly message: string;
}

/** One matcher of a pact's matching rules, as pact files write it; exported for the tests that read pacts. */
export interface MatcherRule {
  readonly match: string;
  readonly regex?: string;
  readonly min?: number;
  readonly max?: number;
}
/** The matchers a pact gives one body path. */
export interface RuleList {
  readonly combine?: 'AND' | 'OR';
  readonly matchers: readonly MatcherRule[];
}

interface PactInteraction {
  readonly description: string;
  readonly type?: string;
  readonly request?: { method: string; path: string; headers?: Record<string, string | string[]>; body?: PactBody };
  readonly response?: {
    status: number;
    headers?: Record<string, string | string[]>;
    body?: PactBody;
    matchingRules?: { body?: Record<string, RuleList> };
  };
}
interface PactBody {
  readonly content?: unknown;
  readonly contentType?: string;
  readonly encoded?: boolean | string;
}

/**
 * Formats whose calendar rules (month lengths, leap years, leap seconds) a regex can't reasonably state:
 * a matcher on such a field need only hold the shape, and the spec check behind it does the rest.
 */
const SHAPE_ONLY_FORMATS: Readonly<Record<string, RegExp>> = { 'date-time': new RegExp(PACT_DATE_TIME_REGEX, 'u') };

/** `listed`: the folder's pact files, when the caller has listed them already (to show them): not listed again. */
export function checkPactsAgainstSpec(
  pactDir: string,
  validator: SpecValidator,
  listed?: readonly string[],
): PactSpecFinding[] {
  let files: readonly string[];
  try {
    files = listed ?? listPactFiles(pactDir);
  } catch (error) {
    return [{ pact: pactDir, interaction: '', kind: 'unreadable', at: '', message: (error as Error).message }];
  }
  // One draw per matcher and example for the whole run: the same matchers recur across interactions and files.
  const samples = new Map<string, unknown[]>();
  return files.flatMap((path) => checkPactFile(path, validator, samples));
}

function checkPactFile(path: string, validator: SpecValidator, samples: SampleCache): PactSpecFinding[] {
  let pact: unknown;
  try {
    pact = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return [
      {
        pact: path,
        interaction: '',
        kind: 'unreadable',
        at: '',
        message: `is not readable JSON (${error instanceof Error ? error.message : String(error)})`,
      },
    ];
  }
  return checkPact(pact, path, validator, samples);
}

export function checkPact(
  pact: unknown,
  name: string,
  validator: SpecValidator,
  samples: SampleCache = new Map(),
): PactSpecFinding[] {
  if (!isObject(pact) || !Array.isArray(pact['interactions'])) {
    return [
      { pact: name, interaction: '', kind: 'unreadable', at: '', message: 'is not a pact (no "interactions" list)' },
    ];
  }
  return (pact['interactions'] as PactInteraction[]).flatMap((interaction) =>
    checkInteraction(interaction, name, validator, samples),
  );
}

const SESSION_PATH = /^\/sessions\/([^/]*)$/;

function checkInteraction(
  interaction: PactInteraction,
  pact: string,
  validator: SpecValidator,
  samples: SampleCache,
): PactSpecFinding[] {
  const found: PactSpecFinding[] = [];
  const say = (kind: PactSpecFinding['kind'], at: string, message: string) =>
    found.push({ pact, interaction: interaction.description, kind, at, message });
  const { request, response } = interaction;
  const pathMatch = request && SESSION_PATH.exec(request.path);
  if (!request || !response || request.method.toUpperCase() !== 'PATCH' || !pathMatch) {
    say(
      'not-this-operation',
      'request',
      `is ${request?.method ?? '?'} ${request?.path ?? '?'}, which is not PATCH /sessions/{session_id}`,
    );
    return found;
  }

  const requestVerdict = validator.validateRequest({
    sessionId: decodeURIComponent(pathMatch[1]!),
    headers: flattenHeaders(request.headers),
    body: bodyText(request.body),
  });
  if (response.status === 422) {
    const intended = requestVerdict.issues.filter((issue) => issue.in === 'path' || issue.in === 'body');
    const other = requestVerdict.issues.filter((issue) => issue.in !== 'path' && issue.in !== 'body');
    if (intended.length === 0) say('request', 'request', 'expects 422, but the spec accepts its path id and body');
    for (const issue of other)
      say(
        'request',
        issue.in,
        `expects 422 for its id or body, but is also invalid elsewhere: ${describeIssue(issue)}`,
      );
  } else {
    for (const issue of requestVerdict.issues)
      say('request', issue.in, `is not a valid request: ${describeIssue(issue)}`);
  }

  if (!validator.documentedStatuses().includes(response.status)) {
    say(
      'response-status',
      'status',
      `expects status ${response.status}, which the spec does not document (${validator.documentedStatuses().join(', ')})`,
    );
    return found;
  }
  const contentType = flattenHeaders(response.headers)['content-type'];
  const example = response.body?.content;
  const exampleVerdict = validator.validateResponse({ status: response.status, contentType, body: example });
  for (const issue of exampleVerdict.issues)
    say(
      'response-example',
      issue.in === 'body' ? `$${pointerToPath(issue.pointer)}` : issue.in,
      `its example is not valid for ${response.status}: ${describeIssue(issue)}`,
    );

  const schema = validator.responseSchema(response.status);
  if (schema)
    for (const path of undeclaredProperties(example, schema, '$'))
      say('undeclared-property', path, 'relies on a property the spec does not declare');

  for (const [path, rules] of Object.entries(response.matchingRules?.body ?? {})) {
    const shapeOnly = schema ? shapeOnlyFormatsAt(schema, parseJsonPath(path) ?? []) : [];
    for (const witness of looseMatcherWitnesses(
      example,
      path,
      rules,
      response.status,
      contentType,
      validator,
      shapeOnly,
      samples,
    )) {
      say(
        'matcher-too-loose',
        path,
        `lets through ${JSON.stringify(witness.value)}, which the spec refuses: ${describeIssue(witness.issue)}`,
      );
    }
  }
  return found;
}

function flattenHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

function bodyText(body: PactBody | undefined): string | undefined {
  if (!body || body.content === undefined) return undefined;
  if (typeof body.content === 'string' && body.encoded) return Buffer.from(body.content, 'base64').toString('utf8');
  return typeof body.content === 'string' && !/json/i.test(body.contentType ?? '')
    ? body.content
    : JSON.stringify(body.content);
}

function describeIssue(issue: SpecIssue): string {
  return `${issue.in}${issue.pointer} ${issue.message}`;
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}

/** Properties present in the example whose names the spec's schema never declares. */
function undeclaredProperties(value: unknown, schema: JsonObject, path: string): string[] {
  if (Array.isArray(value)) {
    const items = schemaBranches(schema)
      .map((branch) => branch['items'])
      .find(isObject);
    return items ? value.flatMap((item) => undeclaredProperties(item, items, `${path}[*]`)) : [];
  }
  if (!isObject(value)) return [];
  const branches = schemaBranches(schema);
  const declared = new Map<string, JsonObject>();
  for (const branch of branches) {
    if (isObject(branch['properties'])) {
      for (const [name, sub] of Object.entries(branch['properties'])) if (isObject(sub)) declared.set(name, sub);
    }
  }
  const open = branches.some(
    (branch) => isObject(branch['additionalProperties']) || isObject(branch['patternProperties']),
  );
  return Object.entries(value).flatMap(([name, sub]) => {
    const subSchema = declared.get(name);
    if (!subSchema) return open ? [] : [`${path}.${name}`];
    return undeclaredProperties(sub, subSchema, `${path}.${name}`);
  });
}

function schemaBranches(schema: JsonObject): JsonObject[] {
  const nested = ['anyOf', 'oneOf', 'allOf'].flatMap((key) =>
    Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isObject) : [],
  );
  return [schema, ...nested.flatMap(schemaBranches)];
}

interface Witness {
  readonly value: unknown;
  readonly issue: SpecIssue;
}

/**
 * Puts values each matcher would accept at its path in the example, and keeps those the spec refuses.
 * With `combine: OR` every branch must hold on its own; with AND, values are drawn from the first branch
 * and kept only if every other branch accepts them too.
 */
function looseMatcherWitnesses(
  example: unknown,
  path: string,
  rules: RuleList,
  status: number,
  contentType: string | undefined,
  validator: SpecValidator,
  shapeOnly: readonly RegExp[],
  samples: SampleCache,
): Witness[] {
  const segments = parseJsonPath(path);
  if (!segments) return [];
  const branches = rules.combine === 'OR' ? rules.matchers.map((rule) => [rule]) : [rules.matchers];
  // Only what a candidate adds counts: a broken example is reported once, as an example, not per matcher.
  const issueKey = (issue: SpecIssue) => `${issue.in}${issue.pointer} ${issue.keyword}`;
  const baseline = new Set(validator.validateResponse({ status, contentType, body: example }).issues.map(issueKey));
  const witnesses: Witness[] = [];
  for (const branch of branches) {
    const [first, ...others] = branch;
    if (!first) continue;
    const current = getAll(example, segments);
    for (const candidate of cachedSamples(samples, first, current[0])) {
      if (!others.every((rule) => acceptsSample(rule, candidate))) continue;
      if (typeof candidate === 'string' && shapeOnly.some((shape) => shape.test(candidate))) continue;
      const body = setAll(structuredClone(example), segments, candidate);
      const verdict = validator.validateResponse({ status, contentType, body });
      const refusal = verdict.issues.find((issue) => !baseline.has(issueKey(issue)));
      if (refusal) {
        witnesses.push({ value: candidate, issue: refusal });
        break; // one witness per branch says enough
      }
    }
  }
  return witnesses;
}

/** The shape regexes of the shape-only formats the schema allows at a path (through anyOf branches). */
function shapeOnlyFormatsAt(schema: JsonObject, segments: readonly Segment[]): RegExp[] {
  let nodes = [schema];
  for (const segment of segments) {
    nodes = nodes.flatMap(schemaBranches).flatMap((node) => {
      if (typeof segment === 'string' && segment !== '*') {
        const sub = isObject(node['properties']) ? node['properties'][segment] : undefined;
        return isObject(sub) ? [sub] : [];
      }
      return isObject(node['items']) ? [node['items']] : [];
    });
  }
  return nodes.flatMap(schemaBranches).flatMap((node) => {
    const shape = typeof node['format'] === 'string' ? SHAPE_ONLY_FORMATS[node['format']] : undefined;
    return shape ? [shape] : [];
  });
}

function acceptsSample(rule: MatcherRule, value: unknown): boolean {
  if (rule.match === 'regex' && rule.regex) return typeof value === 'string' && new RegExp(rule.regex, 'u').test(value);
  if (rule.match === 'null') return value === null;
  return true;
}

/** Draws already made in this run, by matcher and example (the draw depends on nothing else). */
type SampleCache = Map<string, unknown[]>;

function cachedSamples(cache: SampleCache, rule: MatcherRule, example: unknown): unknown[] {
  const key = JSON.stringify([rule, example]);
  let found = cache.get(key);
  if (found === undefined) cache.set(key, (found = samplesFor(rule, example)));
  return found;
}

/** Values a single matcher accepts, drawn with a fixed seed so the check says the same thing every run. */
function samplesFor(rule: MatcherRule, example: unknown): unknown[] {
  const draw = <T>(arbitrary: fc.Arbitrary<T>): T[] =>
    fc.sample(arbitrary, { seed: PACT_CHECK_SEED, numRuns: PACT_CHECK_SAMPLES_PER_MATCHER });
  switch (rule.match) {
    case 'regex':
      if (!rule.regex) return [];
      return draw(fc.stringMatching(new RegExp(rule.regex, 'u')));
    case 'null':
      return [null];
    case 'equality':
      return [example];
    case 'integer':
      return draw(fc.integer());
    case 'decimal':
    case 'number':
      return draw(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return [true, false];
    case 'type':
      if (typeof example === 'string') return ['', ...draw(fc.string({ unit: 'binary', maxLength: 12 }))];
      if (typeof example === 'number')
        return draw(Number.isInteger(example) ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true }));
      if (typeof example === 'boolean') return [true, false];
      if (Array.isArray(example) && example.length > 0) {
        const min = rule.min ?? 0;
        const max = rule.max ?? Math.max(min, 3);
        return [min, max].map((count) => Array.from({ length: count }, () => example[0]));
      }
      return [];
    default:
      return [];
  }
}

type Segment = string | number | '*';

/** Parses the JSON paths Pact writes for bodies: `$.a.b`, `$.a[*].b`, `$.a[0]`, `$['a-b']`. */
function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*|\*)|\[(\*|\d+|'(?:[^'\\]|\\.)*')\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const start = re.lastIndex;
    const m = re.exec(path);
    if (!m || m.index !== start) return undefined;
    if (m[1] !== undefined) segments.push(m[1] === '*' ? '*' : m[1]);
    else if (m[2] === '*') segments.push('*');
    else if (/^\d+$/.test(m[2]!)) segments.push(Number(m[2]));
    else segments.push(m[2]!.slice(1, -1).replace(/\\(.)/g, '$1'));
  }
  return segments;
}

function getAll(value: unknown, segments: readonly Segment[]): unknown[] {
  if (segments.length === 0) return [value];
  const [head, ...rest] = segments;
  if (head === '*')
    return Array.isArray(value)
      ? value.flatMap((item) => getAll(item, rest))
      : isObject(value)
        ? Object.values(value).flatMap((item) => getAll(item, rest))
        : [];
  if (typeof head === 'number') return Array.isArray(value) && head < value.length ? getAll(value[head], rest) : [];
  return isObject(value) && head! in value ? getAll(value[head!], rest) : [];
}

function setAll(value: unknown, segments: readonly Segment[], replacement: unknown): unknown {
  if (segments.length === 0) return structuredClone(replacement);
  const [head, ...rest] = segments;
  if (head === '*') {
    if (Array.isArray(value)) return value.map((item) => setAll(item, rest, replacement));
    if (isObject(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, setAll(v, rest, replacement)]));
    return value;
  }
  if (typeof head === 'number') {
    if (!Array.isArray(value) || head >= value.length) return value;
    const copy = [...value];
    copy[head] = setAll(copy[head], rest, replacement);
    return copy;
  }
  if (!isObject(value) || !(head! in value)) return value;
  return { ...value, [head!]: setAll(value[head!], rest, replacement) };
}

export function renderPactFinding(finding: PactSpecFinding): string {
  const where = finding.interaction ? `"${finding.interaction}"` : '';
  return `${finding.pact}${where ? ` ${where}` : ''}${finding.at ? ` at ${finding.at}` : ''}: ${finding.message}`;
}
