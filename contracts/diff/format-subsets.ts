/**
 * Which string (and number) formats accept a subset of another's values, so that a format change can be
 * told tightened from loosened. Pairs not listed are unrelated: a change between them is both ways.
 */
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
