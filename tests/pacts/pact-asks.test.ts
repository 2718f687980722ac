/**
 * Every matcher in pacts/ asks no more than the spec or the SDK justifies — derived here from the spec
 * and the SDK's installed .d.ts, not from a table, so a new over-strict matcher (or an SDK that stops
 * promising a field) fails the build.
 *
 * - Presence: Pact requires every property of an expected body. A pact may require one only when the
 *   spec requires it, or (in a 200 body) the SDK's published type declares it without `?`. The SDK's
 *   runtime reads no property of this operation's bodies without a fallback: on an error it reads
 *   `message`, else `detail`, else says `HTTP <status>` (the consumer test records that for the 404).
 *   What only the SDK justifies must be exactly BEYOND_SPEC_ASKS, which says what the spec says of it.
 * - Values: every matcher admits every value the spec's schema admits at its path (sampled with a fixed
 *   seed), except the narrowings NARROWED_BY_THE_OPERATION lists, each admitting exactly what it names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaValue } from '../../contracts/arbitraries/index.ts';
import { PACT_CHECK_SEED } from '../../contracts/config.ts';
import { BEYOND_SPEC_ASKS, NARROWED_BY_THE_OPERATION, type Narrowing } from '../../contracts/pacts/beyond-spec.ts';
import { PACTS_DIR, PUBLISHED_PACT, listPactFiles } from '../../contracts/pacts/files.ts';
import type { MatcherRule, RuleList } from '../../contracts/pacts/check-against-spec.ts';
import { isObject, vendoredSpec, type JsonObject } from '../../contracts/spec.ts';
import { specValidator } from '../../contracts/validator.ts';
import { sdkComponentType, sdkDeclarationPath, sdkMethodComponent } from './sdk-types.ts';

type Json = any; // a pact file is free-form JSON; tests reach into the part they change

interface Interaction {
  readonly description: string;
  readonly providerStates?: ReadonlyArray<{ name: string }>;
  readonly response: {
    status: number;
    body?: { content?: unknown };
    matchingRules?: { body?: Record<string, RuleList> };
  };
}

const validator = specValidator();
const VALUE_SAMPLES = 60;

function interactionsOf(pact: Json): Interaction[] {
  return (pact.interactions ?? []) as Interaction[];
}
const committedInteractions = () =>
  listPactFiles(PACTS_DIR).flatMap((path) => interactionsOf(JSON.parse(readFileSync(path, 'utf8'))));

/** A schema and its anyOf/oneOf/allOf branches. */
function branches(schema: JsonObject): JsonObject[] {
  const nested = ['anyOf', 'oneOf', 'allOf'].flatMap((key) =>
    Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isObject) : [],
  );
  return [schema, ...nested.flatMap(branches)];
}

type Justification = 'spec-required' | 'sdk-types' | 'operation' | 'none';
interface Ask {
  readonly interaction: string;
  readonly status: number;
  readonly path: string;
  readonly component: string;
  readonly property: string;
  readonly by: Justification;
}

/** The properties an expected body makes Pact require, each with what justifies it (`sdkTypes`: the SDK's .d.ts). */
function presenceAsks(interaction: Interaction, sdkTypes = sdkDeclarationPath()): Ask[] {
  const { status } = interaction.response;
  const asks: Ask[] = [];
  const walk = (value: unknown, schema: JsonObject, path: string) => {
    if (Array.isArray(value)) {
      const items = branches(schema)
        .map((b) => b['items'])
        .find(isObject);
      if (items) value.forEach((item) => walk(item, items, `${path}[*]`));
      return;
    }
    if (!isObject(value)) return;
    const object = branches(schema).find((b) => isObject(b['properties']));
    if (!object) return;
    const component = String(object['title'] ?? '');
    const required = Array.isArray(object['required']) ? object['required'] : [];
    const sdkType = status >= 200 && status < 300 ? sdkComponentType(component, sdkTypes) : undefined;
    for (const [property, sub] of Object.entries(value)) {
      const at = `${path}.${property}`;
      const byOperation =
        status === 200 &&
        NARROWED_BY_THE_OPERATION.some(
          (n) => n.kind === 'present' && n.path === at && n.component === component && n.property === property,
        );
      const by: Justification = required.includes(property)
        ? 'spec-required'
        : sdkType?.properties.get(property)?.optional === false
          ? 'sdk-types'
          : byOperation
            ? 'operation'
            : 'none';
      if (!asks.some((ask) => ask.path === at))
        asks.push({ interaction: interaction.description, status, path: at, component, property, by });
      const propertySchema = (object['properties'] as JsonObject)[property];
      if (isObject(propertySchema)) walk(sub, propertySchema, at);
    }
  };
  const schema = validator.responseSchema(status);
  if (schema) walk(interaction.response.body?.content, schema, '$');
  return asks;
}

const unjustified = (interactions: readonly Interaction[], sdkTypes = sdkDeclarationPath()) =>
  interactions
    .flatMap((i) => presenceAsks(i, sdkTypes))
    .filter((ask) => ask.by === 'none')
    .map(
      (ask) =>
        `"${ask.interaction}" requires ${ask.path}: the spec does not require it${ask.status === 200 ? ' and the SDK types it as optional' : ''}`,
    );

/** What the spec says of an optional property, worded as BEYOND_SPEC_ASKS words it. */
function specSays(component: string, property: string): string {
  const schema = (vendoredSpec().resolved['components'] as Json).schemas[component] as JsonObject;
  const required = Array.isArray(schema['required']) && schema['required'].includes(property);
  const sub = (schema['properties'] as Json)[property] as JsonObject;
  const nullable = branches(sub).some((b) => b['type'] === 'null');
  return [
    required ? 'required' : 'optional',
    ...(nullable ? ['nullable'] : []),
    ...('default' in sub
      ? [`default ${typeof sub['default'] === 'string' ? `'${sub['default']}'` : JSON.stringify(sub['default'])}`]
      : []),
  ].join(', ');
}

describe('what the pacts require to be present', () => {
  it('the SDK’s stop and update resolve to its SessionView type, the one read for a 200', () => {
    expect(sdkMethodComponent('Sessions', 'stop')).toBe('SessionView');
    expect(sdkMethodComponent('Sessions', 'update')).toBe('SessionView');
  });

  it('is always justified by the spec, the SDK’s types or what the operation does', () => {
    const asks = committedInteractions().flatMap((i) => presenceAsks(i));
    expect(asks.length).toBeGreaterThan(10);
    expect(unjustified(committedInteractions())).toEqual([]);
  });

  it('beyond the spec, is exactly what BEYOND_SPEC_ASKS lists, and each says what the spec says', () => {
    const bySdk = committedInteractions()
      .flatMap((i) => presenceAsks(i))
      .filter((ask) => ask.by === 'sdk-types');
    const derived = [
      ...new Map(
        bySdk.map((ask) => [
          `${ask.status} ${ask.path}`,
          { path: ask.path, status: ask.status, component: ask.component, property: ask.property },
        ]),
      ).values(),
    ];
    expect(new Set(derived.map((ask) => JSON.stringify(ask)))).toEqual(
      new Set(
        BEYOND_SPEC_ASKS.map(({ path, status, component, property }) =>
          JSON.stringify({ path, status, component, property }),
        ),
      ),
    );
    for (const ask of BEYOND_SPEC_ASKS) expect(ask.spec).toBe(specSays(ask.component, ask.property));
  });

  it('beyond the schema, is exactly the presences NARROWED_BY_THE_OPERATION lists, and each says what the schema says', () => {
    const byOperation = committedInteractions()
      .flatMap((i) => presenceAsks(i))
      .filter((ask) => ask.by === 'operation');
    const listed = NARROWED_BY_THE_OPERATION.flatMap((n) => (n.kind === 'present' ? [n] : []));
    expect(new Set(byOperation.map((ask) => ask.path))).toEqual(new Set(listed.map((n) => n.path)));
    for (const narrowing of listed) expect(narrowing.spec).toBe(specSays(narrowing.component, narrowing.property));
  });

  it('an SDK that stops promising proxyCost makes the pact’s ask over-strict', () => {
    const types = readFileSync(sdkDeclarationPath(), 'utf8');
    const start = types.search(/\n\s+SessionView: \{/);
    const loosened = types.slice(0, start) + types.slice(start).replace('proxyCost: string;', 'proxyCost?: string;');
    expect(loosened).not.toBe(types);
    const path = join(mkdtempSync(join(tmpdir(), 'bu-sdk-types-')), 'index.d.ts');
    writeFileSync(path, loosened);
    expect(unjustified(committedInteractions(), path)).toEqual([
      expect.stringContaining('requires $.proxyCost: the spec does not require it and the SDK types it as optional'),
      expect.stringContaining('requires $.proxyCost'),
    ]);
  });

  it('an over-strict ask fails: a task’s finishedAt (optional in the spec and the SDK’s types)', () => {
    const pact = JSON.parse(readFileSync(PUBLISHED_PACT, 'utf8'));
    const stop = interactionsOf(pact).find((i) => i.response.status === 200)!;
    (stop.response.body!.content as Json).tasks[0].finishedAt = '2026-11-02T09:20:41Z';
    expect(unjustified(interactionsOf(pact))).toEqual([expect.stringContaining('requires $.tasks[*].finishedAt')]);
  });

  it('an over-strict ask fails: detail in a 404 (the spec requires nothing; the SDK’s type is no promise for an error)', () => {
    const pact = JSON.parse(readFileSync(PUBLISHED_PACT, 'utf8'));
    const notFound = interactionsOf(pact).find((i) => i.response.status === 404)!;
    (notFound.response.body!.content as Json).detail = 'Session not found';
    expect(sdkComponentType('SessionNotFoundError')?.properties.get('detail')?.optional).toBe(false);
    expect(unjustified(interactionsOf(pact))).toEqual([
      expect.stringContaining('requires $.detail: the spec does not require it'),
    ]);
  });
});

// --- values ---

/** The schema at a Pact body path (`$.a[*].b`) under a response schema. */
function schemaAt(schema: JsonObject, path: string): JsonObject | undefined {
  let nodes = [schema];
  for (const segment of path.slice(1).match(/\.[^.[]+|\[\*\]/g) ?? []) {
    nodes = nodes.flatMap(branches).flatMap((node) => {
      const next =
        segment === '[*]'
          ? node['items']
          : isObject(node['properties'])
            ? node['properties'][segment.slice(1)]
            : undefined;
      return isObject(next) ? [next] : [];
    });
  }
  return nodes[0];
}

function jsonKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Whether one Pact rule admits a value, as the Pact core does (`type` keeps the example's JSON type). */
function admits(rule: MatcherRule, value: unknown, example: unknown): boolean {
  switch (rule.match) {
    case 'regex':
      return typeof value === 'string' && new RegExp(rule.regex ?? '', 'u').test(value);
    case 'equality':
      return JSON.stringify(value) === JSON.stringify(example);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'type':
      if (jsonKind(value) !== jsonKind(example)) return false;
      return !Array.isArray(value) || (value.length >= (rule.min ?? 0) && value.length <= (rule.max ?? Infinity));
    default:
      return false;
  }
}
const admitsAll = (rules: RuleList, value: unknown, example: unknown) =>
  rules.combine === 'OR'
    ? rules.matchers.some((r) => admits(r, value, example))
    : rules.matchers.every((r) => admits(r, value, example));

function exampleAt(content: unknown, path: string): unknown {
  let value = content;
  for (const segment of path.slice(1).match(/\.[^.[]+|\[\*\]/g) ?? []) {
    value =
      segment === '[*]'
        ? Array.isArray(value)
          ? value[0]
          : undefined
        : isObject(value)
          ? value[segment.slice(1)]
          : undefined;
  }
  return value;
}

/** Values the spec admits at a path that a matcher refuses, described; narrowings listed are checked apart. */
function narrowerMatchers(interactions: readonly Interaction[]): string[] {
  return interactions.flatMap((interaction) => {
    const schema = validator.responseSchema(interaction.response.status);
    return Object.entries(interaction.response.matchingRules?.body ?? {}).flatMap(([path, rules]) => {
      const sub = schema && schemaAt(schema, path);
      if (!sub) return [`"${interaction.description}" ${path}: no schema in the spec`];
      const example = exampleAt(interaction.response.body?.content, path);
      const narrowing = NARROWED_BY_THE_OPERATION.find((n) => n.path === path);
      if (narrowing) return narrowingMismatch(narrowing, interaction, sub, rules, example);
      const samples = fc.sample(schemaValue(sub, { maxItems: 2 }), { seed: PACT_CHECK_SEED, numRuns: VALUE_SAMPLES });
      const refused = samples.find((value) => !admitsAll(rules, value, example));
      return refused === undefined
        ? []
        : [`"${interaction.description}" ${path} refuses ${JSON.stringify(refused)}, which the spec admits`];
    });
  });
}

function narrowingMismatch(
  narrowing: Narrowing,
  interaction: Interaction,
  schema: JsonObject,
  rules: RuleList,
  example: unknown,
): string[] {
  const where = `"${interaction.description}" ${narrowing.path}`;
  if (narrowing.kind === 'present') {
    // Present means not null either: every non-null value the schema admits must still be admitted.
    const samples = fc
      .sample(schemaValue(schema), { seed: PACT_CHECK_SEED, numRuns: VALUE_SAMPLES })
      .filter((value) => value !== null);
    const refused = samples.find((value) => !admitsAll(rules, value, example));
    return refused === undefined ? [] : [`${where} refuses ${JSON.stringify(refused)}, which the spec admits`];
  }
  if (narrowing.kind === 'enum') {
    const values = branches(schema).flatMap((b) => (Array.isArray(b['enum']) ? (b['enum'] as string[]) : []));
    const admitted = values.filter((value) => admitsAll(rules, value, example));
    return JSON.stringify(admitted) === JSON.stringify(narrowing.admits)
      ? []
      : [
          `${where} admits ${JSON.stringify(admitted)} of the spec's ${JSON.stringify(values)}, not ${JSON.stringify(narrowing.admits)}`,
        ];
  }
  const item = exampleAt(example, '$[*]');
  const shortest = [0, 1, 2, 3].find((count) =>
    admitsAll(
      rules,
      Array.from({ length: count }, () => item),
      example,
    ),
  );
  const inState = (interaction.providerStates ?? []).some((s) => s.name === narrowing.state);
  const expected = inState ? narrowing.min : 0;
  return shortest === expected
    ? []
    : [
        `${where} admits arrays from ${String(shortest)} items, not ${expected}${inState ? '' : ` (only "${narrowing.state}" justifies more)`}`,
      ];
}

describe('what the pacts admit as values', () => {
  it('is all the spec admits, or exactly a narrowing the operation justifies', () => {
    const interactions = committedInteractions();
    expect(interactions.flatMap((i) => Object.keys(i.response.matchingRules?.body ?? {})).length).toBeGreaterThan(10);
    expect(narrowerMatchers(interactions)).toEqual([]);
  });

  it('a narrower matcher fails: a date-time that must end in Z (the spec allows any offset)', () => {
    const pact = JSON.parse(readFileSync(PUBLISHED_PACT, 'utf8'));
    const stop = interactionsOf(pact).find((i) => i.response.status === 200)!;
    (stop.response.matchingRules!.body!['$.startedAt']!.matchers[0] as { regex: string }).regex = '^[0-9T:.-]+Z$';
    expect(narrowerMatchers(interactionsOf(pact))).toEqual([expect.stringContaining('$.startedAt refuses')]);
  });

  it('a narrowing beyond its list fails: task status "stopped" alone, and tasks required of a stopped session', () => {
    const pact = JSON.parse(readFileSync(PUBLISHED_PACT, 'utf8'));
    const stopped = interactionsOf(pact).find((i) => i.description.includes('already stopped'))!;
    (stopped.response.matchingRules!.body!['$.tasks[*].status']!.matchers[0] as { regex: string }).regex =
      '^(stopped)$';
    (stopped.response.matchingRules!.body!['$.tasks']!.matchers[0] as { min: number }).min = 1;
    expect(narrowerMatchers(interactionsOf(pact))).toEqual([
      expect.stringContaining('$.tasks admits arrays from 1 items, not 0'),
      expect.stringContaining('$.tasks[*].status admits ["stopped"]'),
    ]);
  });
});
