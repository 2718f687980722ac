import fc from 'fast-check';
import { GATE_LONG_ID_CHARS } from '../../config.ts';
import { uuidNearMiss } from '../uuidNearMiss.ts';
import { uuidString } from '../uuidString.ts';

export interface InvalidSessionIdConstraints {
  /**
   * Weigh in ids of GATE_LONG_ID_CHARS characters, long enough that a server may refuse the request
   * line (414, 431) instead of answering 422.
   * @defaultValue true
   */
  readonly veryLong?: boolean;
}

/** Characters that are not hex digits but look or act like them, or that must be percent-encoded in a path. */
const INTRUDERS = ['/', '?', '%', '#', ' ', '+', '\\', ':', 'а' /* Cyrillic a */, 'е' /* Cyrillic e */, 'ß', '€', '😀', 'Ａ'] as const;

/**
 * Path ids that are not a JSON Schema `uuid`: the contracts' uuid near-misses (wrong length, non-hex,
 * dashes missing or misplaced, a URN prefix, braces, whitespace, empty) plus characters that must be
 * percent-encoded (`/`, `?`, `%`), non-ASCII text, and long and very long ids. Never all dots, which
 * URL normalisation would turn into another path.
 */
export function invalidSessionId(constraints: InvalidSessionIdConstraints = {}): fc.Arbitrary<string> {
  const { veryLong = true } = constraints;
  const uuid = uuidString();
  const ordinary = fc.oneof(
    { weight: 6, arbitrary: uuidNearMiss().map((miss) => miss.value) },
    {
      weight: 2,
      arbitrary: fc.tuple(uuid, fc.nat(), fc.constantFrom(...INTRUDERS))
        .map(([id, at, intruder]) => id.slice(0, at % (id.length + 1)) + intruder + id.slice(at % (id.length + 1))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((text) => (/^\.*$/.test(text) ? `${text}x` : text)) },
    { weight: 1, arbitrary: fc.tuple(uuid, fc.integer({ min: 2, max: 8 })).map(([id, times]) => Array(times).fill(id).join('-')) },
  );
  if (!veryLong) return ordinary;
  return fc.oneof(
    { weight: 30, arbitrary: ordinary },
    { weight: 1, arbitrary: fc.constantFrom('a', '0', '-').map((char) => char.repeat(GATE_LONG_ID_CHARS)) },
  );
}
