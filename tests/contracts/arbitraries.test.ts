/**
 * The schema-driven generators: they honour their constraints, reach every kind of value and near-miss
 * the issue asks for, work on schemas other than this spec's (a spec diff needs that), and refuse what
 * they cannot honour with an error that says where and why.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  componentNearMissStrata,
  componentValue,
  schemaNearMiss,
  schemaValue,
  sessionView,
  sessionViewNearMiss,
  taskItemView,
  UnsupportedSchemaError,
  type NearMissKind,
} from '../../contracts/arbitraries/index.ts';
import { componentNames, type ComponentName, type SessionView } from '../../contracts/schemas.ts';
import { isObject } from '../../contracts/spec.ts';
import { specAjv } from '../../contracts/validator.ts';
import { assertProperty, sampleOf, SEED } from './property-runs.ts';

const DECLARED = new Set([
  'id',
  'status',
  'liveUrl',
  'recordingUrl',
  'startedAt',
  'finishedAt',
  'tasks',
  'publicShareUrl',
  'persistMemory',
  'keepAlive',
  'proxyUsedMb',
  'proxyCost',
]);
const REQUIRED = ['id', 'startedAt', 'status', 'tasks'];

describe(`component values (seed ${SEED})`, () => {
  const sessions = sampleOf(sessionView(), 400);

  it('optionalProperties: "absent" yields the required properties only, "present" all of them', () => {
    for (const session of sampleOf(sessionView({ optionalProperties: 'absent', unknownProperties: false }), 50)) {
      expect(Object.keys(session).sort()).toEqual(REQUIRED);
    }
    for (const session of sampleOf(
      sessionView({ optionalProperties: 'present', unknownProperties: false, maxItems: 1 }),
      50,
    )) {
      expect(new Set(Object.keys(session))).toEqual(DECLARED);
    }
  });

  it('by default mixes absent, null and set optional fields, and adds unknown properties', () => {
    const finishedAt = new Set(
      sessions.map((s) => (!('finishedAt' in s) ? 'absent' : s.finishedAt === null ? 'null' : 'set')),
    );
    expect(finishedAt).toEqual(new Set(['absent', 'null', 'set']));
    const unknown = sessions.flatMap((s) => Object.keys(s).filter((key) => !DECLARED.has(key)));
    expect(unknown.length).toBeGreaterThan(50);
    expect(unknown).toContain('__proto__');
    expect(unknown.some((key) => DECLARED.has(key.replace(/_+$/, '')) || DECLARED.has(key.toLowerCase()))).toBe(true);
    const statuses = new Set(sessions.flatMap((s) => s.tasks.map((t) => t.status)));
    expect(statuses).toEqual(new Set(['created', 'started', 'finished', 'stopped']));
  });

  it('keeps an own "__proto__" property a property, never a prototype', () => {
    const withProto = sessions.find((s) => Object.hasOwn(s, '__proto__'));
    expect(withProto).toBeDefined();
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(withProto))).toHaveProperty(['__proto__']);
  });

  it('unknownProperties: false adds none, maxItems bounds every array, string constraints reach the leaves', () => {
    const constraints = {
      unknownProperties: false,
      maxItems: 1,
      dateTime: { offset: 'utc', lowerCase: false },
      uuid: { letterCase: 'lower' },
    } as const;
    for (const session of sampleOf(sessionView(constraints), 200) as SessionView[]) {
      expect(Object.keys(session).every((key) => DECLARED.has(key))).toBe(true);
      expect(session.tasks.length).toBeLessThanOrEqual(1);
      expect(session.startedAt).toMatch(/T.*Z$/);
      expect(session.id).toBe(session.id.toLowerCase());
    }
    // metadata is a map: its entries are content, not unknown properties, so they stay.
    expect(
      sampleOf(taskItemView({ unknownProperties: false, optionalProperties: 'present' }), 200).some(
        (t) => Object.keys(t.metadata ?? {}).length > 0,
      ),
    ).toBe(true);
  });
});

describe(`component near-misses (seed ${SEED})`, () => {
  const ISSUE_KINDS: readonly NearMissKind[] = [
    'required-dropped',
    'wrong-type',
    'null-for-non-null',
    'enum-case',
    'enum-other',
    'uuid',
    'date-time',
    'decimal',
  ];
  const strataOf = (name: ComponentName) => componentNearMissStrata(name).map((s) => `${s.site} ${s.kind}`);

  it('SessionView has a stratum of every kind issue 2 names, nested tasks included', () => {
    const strata = strataOf('SessionView');
    for (const kind of ISSUE_KINDS)
      expect(
        strata.some((s) => s.endsWith(` ${kind}`)),
        kind,
      ).toBe(true);
    for (const expected of [
      '/tasks/*/status enum-case',
      '/tasks/*/cost decimal',
      '/tasks/*/sessionId uuid',
      '/tasks/*/createdAt date-time',
      '/tasks/*/llm required-dropped',
      '/tasks/* null-for-non-null',
      '/proxyCost wrong-type',
      '/keepAlive null-for-non-null',
    ]) {
      expect(strata).toContain(expected);
    }
  });

  it('ValidationError has a stratum for a loc item that is neither a string nor an integer', () => {
    expect(
      componentNearMissStrata('ValidationError')
        .filter((s) => s.site === '/loc/*' && s.kind === 'wrong-type')
        .map((s) => s.label),
    ).toEqual(expect.arrayContaining(['a boolean', 'a number', 'an array', 'an object']));
  });

  it('a random draw reaches every kind and nested places too', () => {
    const misses = sampleOf(sessionViewNearMiss(), 1000);
    expect(new Set(misses.map((m) => m.kind))).toEqual(new Set(ISSUE_KINDS));
    expect(misses.some((m) => /^\/tasks\/\d+\//.test(m.pointer))).toBe(true);
  });

  it('every stratum of every component yields values', () => {
    for (const name of componentNames) {
      expect(sampleOf(componentValue(name), 1)).toHaveLength(1);
      for (const stratum of componentNearMissStrata(name)) expect(sampleOf(stratum.arbitrary, 1)).toHaveLength(1);
    }
  });
});

describe(`schemaValue and schemaNearMiss on schemas other than this spec's (seed ${SEED})`, () => {
  const ajv = specAjv();
  const schemas: Record<string, object> = {
    'closed object': {
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    },
    'typed map': { type: 'object', additionalProperties: { type: 'integer' } },
    'untyped object keywords': { properties: { a: { type: 'boolean' } }, required: ['a'] },
    const: { const: 'fixed' },
    'enum of mixed types': { enum: ['a', 1, null] },
    'type array': { type: ['string', 'null'], format: 'date-time' },
    'oneOf with disjoint types': { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'integer' }] },
    'anyOf sharing a type': {
      anyOf: [
        { type: 'string', format: 'uuid' },
        { type: 'string', format: 'date-time' },
      ],
    },
    'array of numbers': { type: 'array', items: { type: 'number' } },
    'another pattern': { type: 'string', pattern: '^[a-z]{2,4}-\\d+$' },
  };
  for (const [label, schema] of Object.entries(schemas)) {
    it(`${label}: values valid and near-misses invalid by Ajv 2020-12`, () => {
      const validate = ajv.compile(schema);
      assertProperty(
        fc.property(schemaValue(schema), (value) => {
          if (!validate(value))
            throw new Error(`value invalid: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`);
        }),
        100,
      );
      assertProperty(
        fc.property(schemaNearMiss(schema), (m) => {
          if (validate(m.value))
            throw new Error(`near-miss valid (${m.kind} at ${m.pointer}: ${m.why}): ${JSON.stringify(m.value)}`);
        }),
        100,
      );
    });
  }

  it('a near-miss of an untyped schema never relies on a wrong type (any type passes it)', () => {
    const misses = sampleOf(schemaNearMiss({ properties: { a: { type: 'boolean' } }, required: ['a'] }), 300);
    expect(misses.every((m) => isObject(m.value))).toBe(true);
  });
});

describe('schemas the generators cannot honour are refused by name and place', () => {
  const refusal = (schema: unknown) => {
    try {
      schemaValue(schema);
    } catch (error) {
      if (error instanceof UnsupportedSchemaError) return error.message;
      throw error;
    }
    throw new Error('expected an UnsupportedSchemaError');
  };

  it.each([
    [
      { type: 'string', minLength: 1 },
      'cannot generate values for the schema at (root): the keyword "minLength" is not supported',
    ],
    [
      { type: 'object', properties: { a: { type: 'integer', maximum: 3 } } },
      'at /properties/a: the keyword "maximum" is not supported',
    ],
    [{ type: 'string', format: 'email' }, 'the format "email" is not supported (supported: uuid, date-time)'],
    [{ allOf: [{ type: 'string' }] }, 'the keyword "allOf" is not supported'],
    [
      { oneOf: [{ type: 'string' }, { type: 'string', format: 'uuid' }] },
      'oneOf whose branches can admit the same type',
    ],
    [{ type: 'string', pattern: '^(?!x)y$' }, 'cannot generate strings for the pattern ^(?!x)y$'],
    [false, 'the schema false admits no value'],
  ])('%j', (schema, message) => expect(refusal(schema)).toContain(message));

  it('a schema every value satisfies has no near-miss, and says so', () => {
    expect(() => schemaNearMiss({ description: 'anything' })).toThrow(/every JSON value is valid against it/);
  });
});
