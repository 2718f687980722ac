import fc from 'fast-check';
import type { NearMiss } from './NearMiss.ts';
import { breakerFamily } from './_internals/nearMissTree.ts';
import { insertAt, isAsciiDigit, NON_ASCII_DIGITS, replaceNth, type StringBreaker } from './_internals/stringEdits.ts';
import { decimalString } from './decimalString.ts';

const decimal = decimalString();
const unsigned = decimalString({ signed: false });
const WHITESPACE = [' ', '\t', '\u00a0', '\u2003', '\r'] as const;

/**
 * Each family below leaves the pattern's language for a reason that holds whatever the base value is:
 * the pattern admits only ASCII digits, one leading sign, one dot, and at least one digit.
 */
export const decimalBreakers: readonly StringBreaker[] = [
  {
    // Python's str(Decimal('0.0000001')) is '1E-7': the classic way a server breaks this pattern.
    why: 'an exponent',
    build: fc
      .tuple(decimal, fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 30 }))
      .map(([d, e, sign, exponent]) => `${d}${e}${sign}${exponent}`),
  },
  {
    why: 'a comma (decimal or thousands separator)',
    build: fc
      .tuple(decimal, fc.nat(), fc.boolean())
      .map(([d, at, asDecimalSeparator]) =>
        asDecimalSeparator && d.includes('.') ? d.replace('.', ',') : insertAt(d, at, ','),
      ),
  },
  {
    why: 'whitespace',
    build: fc.tuple(decimal, fc.nat(), fc.constantFrom(...WHITESPACE)).map(([d, at, space]) => insertAt(d, at, space)),
  },
  {
    why: 'a trailing newline (ECMA-262 `$` does not match before it; Python `$` does)',
    build: decimal.map((d) => `${d}\n`),
  },
  {
    why: 'only signs and dots (a bare sign or dot, or nothing at all)',
    build: fc.string({ unit: fc.constantFrom('+', '-', '.'), maxLength: 4 }),
  },
  {
    why: 'a non-ASCII digit (ECMA-262 `\\d` is ASCII only)',
    build: fc
      .tuple(decimal, fc.nat(), fc.constantFrom(...NON_ASCII_DIGITS))
      .map(([d, nth, digit]) => replaceNth(d, nth, isAsciiDigit, digit)),
  },
  {
    why: 'two signs',
    build: fc.tuple(fc.constantFrom('+', '-'), fc.constantFrom('+', '-'), unsigned).map(([a, b, d]) => a + b + d),
  },
  {
    why: 'a sign after the first character',
    build: fc
      .tuple(decimal, fc.nat(), fc.constantFrom('+', '-'))
      .map(([d, at, sign]) => insertAt(d, 1 + (at % d.length), sign)),
  },
  {
    why: 'two dots',
    build: fc.tuple(decimal, fc.nat()).map(([d, at]) => (d.includes('.') ? insertAt(d, at, '.') : `${d}..`)),
  },
  {
    why: 'a word or notation that is not a plain decimal',
    build: fc.constantFrom(
      'NaN',
      'sNaN',
      'Infinity',
      '-Infinity',
      'inf',
      '0x1A',
      '1_000',
      '½',
      'null',
      'true',
      '$12.50',
      '12.50 USD',
      '12%',
    ),
  },
];

/** Strings one step away from the spec's decimal-string pattern, each labelled with the step. */
export function decimalNearMiss(): fc.Arbitrary<NearMiss<string>> {
  return breakerFamily(1, 'decimal', decimalBreakers).arbitrary as fc.Arbitrary<NearMiss<string>>;
}
