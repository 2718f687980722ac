import fc from 'fast-check';
import type { NearMiss } from './NearMiss.ts';
import { breakerFamily } from './_internals/nearMissTree.ts';
import { insertAt, NON_ASCII_DIGITS, replaceNth, type StringBreaker } from './_internals/stringEdits.ts';
import { uuidString } from './uuidString.ts';

const DASH_POSITIONS = [8, 13, 18, 23] as const;
const isHex = (char: string): boolean => /^[0-9a-f]$/i.test(char);
/** Characters that look like they could belong in a uuid but are not hex digits. */
const NOT_HEX = ['g', 'G', 'z', 'x', '_', ' ', 'ａ', 'Ｆ', ...NON_ASCII_DIGITS] as const;
const WHITESPACE = [' ', '\t', '\n', '\r\n', '\u00a0'] as const;

const uuid = uuidString();

export const uuidBreakers: readonly StringBreaker[] = [
  {
    why: 'a urn:uuid: prefix (RFC 4122 URN form, not the JSON Schema format)',
    build: uuid.map((u) => `urn:uuid:${u}`),
  },
  { why: 'wrapped in braces', build: uuid.map((u) => `{${u}}`) },
  { why: 'no dashes', build: uuid.map((u) => u.replace(/-/g, '')) },
  {
    why: 'a dash missing',
    build: fc.tuple(uuid, fc.constantFrom(...DASH_POSITIONS)).map(([u, at]) => u.slice(0, at) + u.slice(at + 1)),
  },
  {
    why: 'a dash one place off',
    build: fc.tuple(uuid, fc.constantFrom(...DASH_POSITIONS), fc.constantFrom(-1, 1)).map(([u, at, step]) => {
      const chars = [...u];
      [chars[at], chars[at + step]] = [chars[at + step]!, chars[at]!];
      return chars.join('');
    }),
  },
  {
    why: 'a character that is not a hex digit',
    build: fc.tuple(uuid, fc.nat(), fc.constantFrom(...NOT_HEX)).map(([u, nth, bad]) => replaceNth(u, nth, isHex, bad)),
  },
  {
    why: 'a hex digit missing',
    build: fc.tuple(uuid, fc.nat()).map(([u, nth]) => replaceNth(u, nth, isHex, '')),
  },
  {
    why: 'a hex digit too many',
    build: fc.tuple(uuid, fc.nat(), fc.constantFrom(...'0aF')).map(([u, at, hex]) => insertAt(u, at, hex)),
  },
  {
    why: 'whitespace before or after',
    build: fc
      .tuple(uuid, fc.boolean(), fc.constantFrom(...WHITESPACE))
      .map(([u, before, space]) => (before ? space + u : u + space)),
  },
  { why: 'empty', build: fc.constant('') },
];

/** Strings one step away from a JSON Schema `uuid`, each labelled with the step. */
export function uuidNearMiss(): fc.Arbitrary<NearMiss<string>> {
  return breakerFamily(1, 'uuid', uuidBreakers).arbitrary as fc.Arbitrary<NearMiss<string>>;
}
