import fc from 'fast-check';
import { GATE_LONG_ID_CHARS } from '../../config.ts';
import { uuidBreakers } from '../uuidNearMiss.ts';
import { uuidString } from '../uuidString.ts';
import { classed, classNames, type Classed, type InputClass } from './_internals/classes.ts';

export interface InvalidSessionIdConstraints {
  /**
   * Weigh in ids of GATE_LONG_ID_CHARS characters, long enough that a server may refuse the request
   * line (414, 431) instead of answering 422.
   * @defaultValue true
   */
  readonly veryLong?: boolean;
}

const uuid = uuidString();

/** The contracts' uuid near-misses, gathered into the classes a report names (several breakers make one class). */
const NEAR_MISS_CLASS: Readonly<Record<string, string>> = {
  'wrapped in braces': 'id: wrapped in braces',
  'no dashes': 'id: dashes missing or misplaced',
  'a dash missing': 'id: dashes missing or misplaced',
  'a dash one place off': 'id: dashes missing or misplaced',
  'a character that is not a hex digit': 'id: a character that is not a hex digit',
  'a hex digit missing': 'id: a hex digit missing or too many',
  'a hex digit too many': 'id: a hex digit missing or too many',
  'whitespace before or after': 'id: whitespace before or after',
  empty: 'id: empty',
};

/**
 * A near-miss in another letter case: upper-cased (`G` for a non-hex `g`), lower-cased, or each letter its
 * own case by a bit mask. Only ASCII letters change, so nothing gets longer (`ß` would become `SS`) and
 * no valid id can come of an invalid one.
 */
const inSomeCase = (miss: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(miss, fc.constantFrom('as drawn', 'upper', 'lower', 'mixed'), fc.nat()).map(([text, letterCase, mask]) => {
    let letter = 0;
    return text.replace(/[a-z]/gi, (char) => {
      const upper =
        letterCase === 'upper' ||
        (letterCase === 'mixed'
          ? ((mask >> (letter++ % 31)) & 1) === 1
          : letterCase === 'as drawn' && char === char.toUpperCase());
      return upper ? char.toUpperCase() : char.toLowerCase();
    });
  });

function nearMissClasses(): InputClass<string>[] {
  const members = new Map<string, fc.Arbitrary<string>[]>();
  for (const breaker of uuidBreakers) {
    // The URN form gets a class of its own below, its prefix in every letter case.
    if (/urn:uuid/i.test(breaker.why)) continue;
    const name = NEAR_MISS_CLASS[breaker.why] ?? `id: ${breaker.why}`;
    members.set(name, [...(members.get(name) ?? []), breaker.build]);
  }
  return [...members].map(([name, builds]) => [
    name,
    inSomeCase(builds.length === 1 ? builds[0]! : fc.oneof(...builds)),
    2,
  ]);
}

/**
 * The RFC 4122 URN form, which JSON Schema's `uuid` does not admit: lenient parsers (Python's uuid.UUID,
 * .NET's Guid) strip the prefix in any letter case, so upper-case `URN:UUID:` is drawn as often as the rest.
 */
const urnPrefix = fc.oneof(
  { weight: 3, arbitrary: fc.constant('URN:UUID:') },
  { weight: 1, arbitrary: fc.constant('urn:uuid:') },
  { weight: 1, arbitrary: fc.constantFrom('Urn:Uuid:', 'urn:UUID:', 'URN:uuid:', 'uuid:') },
);

/** Characters a path segment must percent-encode; each must reach the provider whole. */
const TO_ENCODE = ['/', '?', '%', '#', ' ', '+', '\\', ':', '&', '='] as const;
/** Characters outside ASCII that look or act like hex digits or a dash, or simply are not ASCII. */
const NON_ASCII = [
  'а' /* Cyrillic a */,
  'е' /* Cyrillic e */,
  'ß',
  '€',
  '😀',
  'Ａ',
  '－' /* full-width hyphen */,
  '‐' /* hyphen U+2010 */,
  '٣',
] as const;

const inserted = (pieces: readonly string[]) =>
  fc
    .tuple(uuid, fc.nat(), fc.constantFrom(...pieces))
    .map(([id, at, piece]) => id.slice(0, at % (id.length + 1)) + piece + id.slice(at % (id.length + 1)));

function idClasses(veryLong: boolean): InputClass<string>[] {
  return [
    ['id: urn:uuid: prefix in any letter case', fc.tuple(urnPrefix, uuid).map(([prefix, id]) => prefix + id), 3],
    ...nearMissClasses(),
    ['id: characters that must be percent-encoded', inserted(TO_ENCODE), 2],
    ['id: non-ASCII characters', inserted(NON_ASCII), 2],
    [
      'id: uuids run together',
      fc.tuple(uuid, fc.integer({ min: 2, max: 8 })).map(([id, times]) => Array(times).fill(id).join('-')),
      2,
    ],
    // Never all dots, which URL normalisation would turn into another path.
    [
      'id: arbitrary text',
      fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
        .map((text) => (/^\.*$/.test(text) ? `${text}x` : text)),
      2,
    ],
    ...(veryLong
      ? [['id: very long', fc.constantFrom('a', '0', '-').map((char) => char.repeat(GATE_LONG_ID_CHARS)), 2] as const]
      : []),
  ];
}

/** The class names invalidSessionId draws from, for tests that count them. */
export const INVALID_ID_CLASSES: readonly string[] = classNames(idClasses(true));

/**
 * Path ids that are not a JSON Schema `uuid`, drawn class first: the contracts' uuid near-misses (wrong
 * length, non-hex, dashes missing or misplaced, braces, whitespace, empty) in any letter case, the URN
 * form with its prefix in any case, characters that must be percent-encoded, non-ASCII text, uuids run
 * together, and very long ids.
 */
export function invalidSessionId(constraints: InvalidSessionIdConstraints = {}): fc.Arbitrary<Classed<string>> {
  return classed(idClasses(constraints.veryLong ?? true));
}
