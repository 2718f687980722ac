/**
 * Compares two `pattern`s by what they accept, not by their text: generates strings with fast-check
 * under a fixed seed and tests each against both regular expressions (ECMA-262 with the `u` flag, as
 * JSON Schema evaluates them). A string only one of them accepts proves which way the pattern moved.
 *
 * Strings come from four sources, since no one of them finds every difference:
 * - strings built to match each pattern (`fc.stringMatching`, which cannot take lookarounds or `\b`, so
 *   they are stripped out first: that over-approximates, and the real regexes judge every string);
 * - strings over an alphabet made of every character and class the two patterns name, plus the usual
 *   suspects (signs, dots, spaces, a newline, a non-ASCII digit);
 * - small edits (insert, delete, replace, add a newline) of strings that matched either pattern;
 * - the empty string.
 */
import fc from 'fast-check';
import type { Direction } from './finding.ts';

export interface PatternSearchOptions {
  readonly seed: number;
  /** Strings drawn from each source. */
  readonly runs: number;
}

export interface PatternVerdict {
  /** `equivalent`: the search found no string that tells them apart; `unjudged`: it could not search. */
  readonly outcome: Direction | 'equivalent' | 'unjudged';
  /** The shortest string found that OLD accepts and NEW rejects. */
  readonly oldOnly?: string;
  /** The shortest string found that NEW accepts and OLD rejects. */
  readonly newOnly?: string;
  /** How many strings were tested. */
  readonly tried: number;
  /** Why the search could not judge, for `unjudged`. */
  readonly reason?: string;
}

const SUSPECTS = ['', ' ', '\n', '\t', '-', '+', '.', ',', '_', '/', ':', '0', '1', '9', 'a', 'z', 'A', 'Z', 'e', 'E', 'é', '٣'];

const CLASS_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  d: ['0', '5', '9'], D: ['a', ' '], w: ['a', 'Z', '_', '7'], W: ['-', ' ', 'é'], s: [' ', '\t', '\n'], S: ['x', '.'], b: [], B: [],
};

function compile(pattern: string): RegExp | Error {
  try {
    return new RegExp(pattern, 'u');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The pattern without lookarounds and word boundaries: it accepts a superset, which fast-check can build. */
export function withoutAssertions(pattern: string): string {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (next !== 'b' && next !== 'B') out += char + next;
      index++;
    } else if (char === '[') {
      const end = classEnd(pattern, index);
      out += pattern.slice(index, end + 1);
      index = end;
    } else if (pattern.startsWith('(?=', index) || pattern.startsWith('(?!', index) || pattern.startsWith('(?<=', index) || pattern.startsWith('(?<!', index)) {
      index = groupEnd(pattern, index);
    } else {
      out += char;
    }
  }
  return out;
}

function classEnd(pattern: string, start: number): number {
  for (let index = start + 1; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++;
    else if (pattern[index] === ']' && index > start + 1) return index;
  }
  return pattern.length - 1;
}

function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  for (let index = start; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (char === '[') index = classEnd(pattern, index);
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index;
  }
  return pattern.length - 1;
}

/** Every character the patterns name literally, samples of every class and range they use, and the suspects. */
export function alphabetOf(...patterns: string[]): string[] {
  const found = new Set(SUSPECTS.filter((char) => char.length === 1));
  for (const pattern of patterns) {
    for (let index = 0; index < pattern.length; index++) {
      const char = pattern[index]!;
      if (char === '\\') {
        const next = pattern[++index] ?? '';
        for (const sample of CLASS_SAMPLES[next] ?? [next]) found.add(sample);
      } else if (pattern[index + 1] === '-' && pattern[index + 2] !== undefined && pattern[index + 2] !== ']') {
        const [from, to] = [char.codePointAt(0)!, pattern.codePointAt(index + 2)!];
        for (const point of [from - 1, from, Math.floor((from + to) / 2), to, to + 1]) if (point >= 0) found.add(String.fromCodePoint(point));
        index += 2;
      } else if (!'^$|?*+()[]{}'.includes(char)) {
        found.add(char === '.' ? 'x' : char);
      }
    }
  }
  return [...found].sort();
}

function matching(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(withoutAssertions(pattern), 'u'), { maxLength: 24 });
  } catch {
    return undefined; // back-references and the like: the other sources still search
  }
}

function edits(seeds: string[], alphabet: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom(...alphabet), fc.constantFrom('insert', 'delete', 'replace', 'newline'))
    .map(([seed, at, char, edit]) => {
      const index = seed.length === 0 ? 0 : at % (seed.length + 1);
      if (edit === 'insert') return seed.slice(0, index) + char + seed.slice(index);
      if (edit === 'delete') return seed.slice(0, index) + seed.slice(index + 1);
      if (edit === 'replace') return seed.slice(0, index) + char + seed.slice(index + 1);
      return `${seed}\n`;
    });
}

const shorter = (a: string | undefined, b: string) => (a === undefined || b.length < a.length || (b.length === a.length && b < a) ? b : a);

/** Drops characters from a witness for as long as it stays one, so the report shows the gist. */
function shrink(witness: string, stillWitness: (candidate: string) => boolean): string {
  let current = [...witness];
  for (let index = 0; index < current.length;) {
    const candidate = [...current.slice(0, index), ...current.slice(index + 1)];
    if (stillWitness(candidate.join(''))) current = candidate;
    else index++;
  }
  return current.join('');
}

export function comparePatterns(oldPattern: string, newPattern: string, options: PatternSearchOptions): PatternVerdict {
  const oldRe = compile(oldPattern);
  const newRe = compile(newPattern);
  for (const [which, re] of [['OLD', oldRe], ['NEW', newRe]] as const) {
    if (re instanceof Error) return { outcome: 'unjudged', tried: 0, reason: `the ${which} pattern is not an ECMA-262 regular expression (${re.message})` };
  }
  const [oldTest, newTest] = [oldRe as RegExp, newRe as RegExp];
  const alphabet = alphabetOf(oldPattern, newPattern);
  const sample = (arbitrary: fc.Arbitrary<string>, salt: number) => fc.sample(arbitrary, { seed: options.seed + salt, numRuns: options.runs });

  let oldOnly: string | undefined;
  let newOnly: string | undefined;
  let matchedOld = false;
  let matchedNew = false;
  let tried = 0;
  const matches: string[] = [];
  const test = (candidate: string) => {
    tried++;
    const [inOld, inNew] = [oldTest.test(candidate), newTest.test(candidate)];
    matchedOld ||= inOld;
    matchedNew ||= inNew;
    if (inOld || inNew) matches.push(candidate);
    if (inOld && !inNew) oldOnly = shorter(oldOnly, candidate);
    if (inNew && !inOld) newOnly = shorter(newOnly, candidate);
  };

  test('');
  [matching(oldPattern), matching(newPattern)].forEach((arbitrary, index) => {
    if (arbitrary) sample(arbitrary, index + 1).forEach(test);
  });
  sample(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 }), 3).forEach(test);
  if (matches.length > 0) sample(edits([...new Set(matches)].sort(), alphabet), 4).forEach(test);

  if (oldOnly !== undefined) oldOnly = shrink(oldOnly, (candidate) => oldTest.test(candidate) && !newTest.test(candidate));
  if (newOnly !== undefined) newOnly = shrink(newOnly, (candidate) => newTest.test(candidate) && !oldTest.test(candidate));
  const witnesses = { ...(oldOnly === undefined ? {} : { oldOnly }), ...(newOnly === undefined ? {} : { newOnly }) };
  if (oldOnly !== undefined && newOnly !== undefined) return { outcome: 'changed', tried, ...witnesses };
  if (newOnly !== undefined) return { outcome: 'loosened', tried, ...witnesses };
  if (oldOnly !== undefined) return { outcome: 'tightened', tried, ...witnesses };
  if (!matchedOld || !matchedNew) {
    const which = !matchedOld ? `OLD pattern ${oldPattern}` : `NEW pattern ${newPattern}`;
    return { outcome: 'unjudged', tried, reason: `the search found no string that the ${which} accepts` };
  }
  return { outcome: 'equivalent', tried };
}
