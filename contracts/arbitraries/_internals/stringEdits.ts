import type fc from 'fast-check';

/** A family of near-miss strings: every string `build` yields breaks the format for the reason in `why`. */
export interface StringBreaker {
  readonly why: string;
  readonly build: fc.Arbitrary<string>;
}

/** Inserts `piece` at `position` (taken modulo the possible positions, so any integer is a valid choice). */
export function insertAt(text: string, position: number, piece: string): string {
  const at = position % (text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** Replaces the `nth` (modulo their count) character that satisfies `where` by `piece`; `text` unchanged if none does. */
export function replaceNth(text: string, nth: number, where: (char: string) => boolean, piece: string): string {
  const positions = [...text].flatMap((char, index) => (where(char) ? [index] : []));
  if (positions.length === 0) return text;
  const chars = [...text];
  chars[positions[nth % positions.length]!] = piece;
  return chars.join('');
}

export const isAsciiDigit = (char: string): boolean => char >= '0' && char <= '9';

/**
 * Digits that are not ASCII: ECMA-262's `\d` (and so JSON Schema's) never matches them, where Python's
 * `re` or a Unicode-aware parser would. One per script, plus one outside the BMP.
 */
export const NON_ASCII_DIGITS = ['٣', '１', '৪', '߃', '൬', '𝟙'] as const;
