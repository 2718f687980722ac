/**
 * The string generators are proven, not assumed: every valid value passes and every near-miss fails the
 * spec's own judges (the decimal pattern compiled from the vendored YAML, the spec validator's Ajv
 * formats), and each generator is shown to reach the cases it promises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateTimeNearMiss,
  dateTimeString,
  decimalNearMiss,
  decimalString,
  MAX_UUID,
  NIL_UUID,
  uuidNearMiss,
  uuidString,
  type NearMiss,
} from '../../contracts/arbitraries/index.ts';
import { specAjv } from '../../contracts/validator.ts';
import { assertProperty, sampleOf, SEED } from './property-runs.ts';
import { SPEC_DECIMAL_PATTERN, specDecimalRegExp } from './spec-pattern.ts';

const ajv = specAjv();
const judges = {
  uuid: ajv.compile({ type: 'string', format: 'uuid' }),
  dateTime: ajv.compile({ type: 'string', format: 'date-time' }),
  decimal: ajv.compile({ type: 'string', pattern: SPEC_DECIMAL_PATTERN }),
};
const decimalBySpec = (value: string) => specDecimalRegExp.test(value) && judges.decimal(value);

const alwaysValid = (arbitrary: fc.Arbitrary<string>, judge: (value: string) => boolean) =>
  assertProperty(
    fc.property(arbitrary, (value) => {
      if (!judge(value)) throw new Error(`generated as valid, judged invalid: ${JSON.stringify(value)}`);
    }),
  );
const neverValid = (arbitrary: fc.Arbitrary<NearMiss<string>>, judge: (value: string) => boolean) =>
  assertProperty(
    fc.property(arbitrary, ({ why, value }) => {
      if (judge(value)) throw new Error(`near-miss "${why}" is valid: ${JSON.stringify(value)}`);
    }),
    1000,
  );
const reasons = (arbitrary: fc.Arbitrary<NearMiss<string>>) => new Set(sampleOf(arbitrary, 2000).map((m) => m.why));

describe(`decimalString and decimalNearMiss, against the spec's pattern (seed ${SEED})`, () => {
  it('every decimalString matches the pattern from the vendored YAML', () =>
    alwaysValid(decimalString(), decimalBySpec));
  it('so do the canonical, unsigned and short variants', () => {
    alwaysValid(decimalString({ signed: false, nonCanonical: false }), decimalBySpec);
    alwaysValid(decimalString({ maxIntegerDigits: 1, maxFractionDigits: 0 }), decimalBySpec);
  });
  it('no decimalNearMiss matches it', () => neverValid(decimalNearMiss(), decimalBySpec));

  it('reaches every form the pattern admits', () => {
    const values = sampleOf(decimalString(), 1000);
    const forms: Record<string, RegExp> = {
      integer: /^[+-]?\d+$/,
      'plus sign': /^\+/,
      'minus sign': /^-/,
      'leading zeros': /^[+-]?00*\d/,
      'bare leading dot': /^[+-]?\.\d/,
      'bare trailing dot': /\d\.$/,
      'digits on both sides': /\d\.\d/,
    };
    for (const [form, shape] of Object.entries(forms))
      expect(
        values.some((v) => shape.test(v)),
        form,
      ).toBe(true);
  });

  it('honours its constraints', () => {
    for (const value of sampleOf(
      decimalString({ signed: false, nonCanonical: false, maxIntegerDigits: 3, maxFractionDigits: 2 }),
      300,
    )) {
      expect(value).toMatch(/^(0|[1-9]\d{0,2})(\.\d{1,2})?$/);
    }
  });

  it('reaches every kind of near-miss issue 2 names', () => {
    const found = [...reasons(decimalNearMiss())].join('\n');
    for (const kind of ['exponent', 'comma', 'whitespace', 'newline', 'only signs and dots', 'non-ASCII digit'])
      expect(found).toContain(kind);
  });

  /**
   * The generator's grammar needs no lookahead: an optional sign, then `I`, `I.F` or `.F` with at least
   * one digit. Every string of up to 5 characters over an alphabet of digits, signs, dots and
   * troublemakers is judged alike by that grammar and by the spec's pattern — exhaustively, not sampled.
   */
  it('its lookahead-free grammar is exactly the spec pattern (exhaustive to length 5)', () => {
    const grammar = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
    const alphabet = ['0', '7', '+', '-', '.', 'e', ' ', '٣', '\n'];
    let strings = [''];
    let checked = 0;
    const disagreements: string[] = [];
    for (let length = 0; length <= 5; length += 1) {
      for (const s of strings) if (grammar.test(s) !== specDecimalRegExp.test(s)) disagreements.push(s);
      checked += strings.length;
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBe((9 ** 6 - 1) / 8);
  });
});

describe(`uuidString and uuidNearMiss (seed ${SEED})`, () => {
  it('every uuidString is a JSON Schema uuid', () => alwaysValid(uuidString(), judges.uuid));
  it('no uuidNearMiss is one', () => neverValid(uuidNearMiss(), judges.uuid));

  it('reaches every case, every version nibble, the nil and the max uuid', () => {
    const values = sampleOf(uuidString(), 2000);
    expect(values.some((v) => v === v.toLowerCase() && /[a-f]/.test(v))).toBe(true);
    expect(values.some((v) => v === v.toUpperCase() && /[A-F]/.test(v))).toBe(true);
    expect(values.some((v) => /[a-f]/.test(v) && /[A-F]/.test(v))).toBe(true);
    expect(new Set(values.map((v) => v[14]!.toLowerCase())).size).toBe(16);
    expect(values).toContain(NIL_UUID);
    expect(values.some((v) => v.toLowerCase() === MAX_UUID)).toBe(true);
  });

  it('honours its constraints', () => {
    const lower = sampleOf(uuidString({ letterCase: 'lower', nilAndMax: false }), 300);
    expect(lower.every((v) => v === v.toLowerCase() && v !== NIL_UUID && v !== MAX_UUID)).toBe(true);
    expect(sampleOf(uuidString({ letterCase: 'upper' }), 300).every((v) => v === v.toUpperCase())).toBe(true);
  });

  it('reaches the near-misses that matter', () => {
    const found = [...reasons(uuidNearMiss())].join('\n');
    for (const kind of ['urn:uuid:', 'braces', 'no dashes', 'not a hex digit', 'whitespace', 'empty'])
      expect(found).toContain(kind);
  });
});

describe(`dateTimeString and dateTimeNearMiss (seed ${SEED})`, () => {
  it('every dateTimeString is an RFC 3339 date-time', () => alwaysValid(dateTimeString(), judges.dateTime));
  it('no dateTimeNearMiss is one', () => neverValid(dateTimeNearMiss(), judges.dateTime));

  it('reaches lower case, offsets, fractions, leap seconds and February 29', () => {
    const values = sampleOf(dateTimeString(), 2000);
    const cases: Record<string, RegExp> = {
      'upper-case T and Z': /T.*Z$/,
      'lower-case t': /t/,
      'lower-case z': /z$/,
      'plus offset': /\+\d\d:\d\d$/,
      'minus offset': /-\d\d:\d\d$/,
      fraction: /:\d\d\.\d+/,
      'leap second': /:60(\.\d+)?([Zz]|[+-])/,
      'February 29': /-02-29[Tt]/,
    };
    for (const [name, shape] of Object.entries(cases))
      expect(
        values.some((v) => shape.test(v)),
        name,
      ).toBe(true);
  });

  it('honours its constraints', () => {
    const utc = sampleOf(
      dateTimeString({
        offset: 'utc',
        lowerCase: false,
        maxFractionDigits: 0,
        leapSeconds: false,
        minYear: 2024,
        maxYear: 2025,
      }),
      300,
    );
    for (const value of utc) expect(value).toMatch(/^202[45]-\d\d-\d\dT\d\d:\d\d:[0-5]\dZ$/);
    expect(() => dateTimeString({ minYear: 2025, maxYear: 2024 })).toThrow(/minYear <= maxYear/);
    expect(() => dateTimeString({ maxYear: 10_000 })).toThrow(RangeError);
  });

  it('reaches the near-misses that matter', () => {
    const found = [...reasons(dateTimeNearMiss())].join('\n');
    for (const kind of [
      'space instead of T',
      'no offset',
      'offset hour past 23',
      'leap second at a minute',
      'February 29',
      'non-ASCII digit',
      'trailing newline',
    ]) {
      expect(found).toContain(kind);
    }
  });
});
