/**
 * Which string (and number) formats accept a subset of another's values, so that a format change can be
 * told tightened from loosened. Pairs not listed are unrelated: a change between them is both ways.
 * A format that is a regular language is also written as a pattern (REGULAR_FORMATS), so that a format
 * swapped for a pattern, or back, is decided by automata like two patterns.
 */
import { PACT_UUID_REGEX } from '../pacts/patterns.ts';

/**
 * Formats whose values are exactly the strings a pattern accepts (ECMA-262, u flag). `uuid` is JSON
 * Schema's: 8-4-4-4-12 hex digits in either case (formats.ts); the Pact matcher regex says exactly that,
 * which tests/diff/pattern-automata.test.ts proves. `date-time` is not here: its calendar rules are not
 * worth a regular expression.
 */
export const REGULAR_FORMATS: Readonly<Record<string, string>> = { uuid: PACT_UUID_REGEX };
const NARROWER_THAN: Readonly<Record<string, readonly string[]>> = {
  int64: ['int32'],
  double: ['float'],
  'uri-reference': ['uri'],
  iri: ['uri'],
  'iri-reference': ['iri', 'uri', 'uri-reference'],
  'idn-email': ['email'],
  'idn-hostname': ['hostname'],
};

/** Whether every value of format `narrow` is also a value of format `wide`. */
export function formatWithin(narrow: string, wide: string): boolean {
  return narrow === wide || (NARROWER_THAN[wide]?.includes(narrow) ?? false);
}
