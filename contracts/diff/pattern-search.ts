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
 *
 * The search is bounded by what it does, never by the clock, so a seed always gives the same verdict:
 * strings drawn per source, their length (shorter for patterns whose repetition nests, which backtrack
 * exponentially on a string they reject), and the characters tested in all.
 */
import fc from 'fast-check';
import { DIFF_PATTERN_BACKTRACK_STEPS, DIFF_PATTERN_CHARACTER_BUDGET, DIFF_PATTERN_MAX_LENGTH } from '../config.ts';
import type { Direction } from './finding.ts';

export interface PatternSearchOptions {
  readonly seed: number;
  /** Strings drawn from each source. */
  readonly runs: number;
  /** Characters tested in all before the search stops. */
  readonly characterBudget?: number;
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
  /** The search stopped at its character budget before testing every string it drew. */
  readonly budgetSpent?: true;
  /** Why the search could not judge, for `unjudged`. */
  readonly reason?: string;
}

const SUSPECTS = [
  '',
  ' ',
  '\n',
  '\t',
  '-',
  '+',
  '.',
  ',',
  '_',
  '/',
  ':',
  '0',
  '1',
  '9',
  'a',
  'z',
  'A',
  'Z',
  'e',
  'E',
  'é',
  '٣',
];

const CLASS_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  d: ['0', '5', '9'],
  D: ['a', ' '],
  w: ['a', 'Z', '_', '7'],
  W: ['-', ' ', 'é'],
  s: [' ', '\t', '\n'],
  S: ['x', '.'],
  b: [],
  B: [],
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
    } else if (
      pattern.startsWith('(?=', index) ||
      pattern.startsWith('(?!', index) ||
      pattern.startsWith('(?<=', index) ||
      pattern.startsWith('(?<!', index)
    ) {
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
        for (const point of [from - 1, from, Math.floor((from + to) / 2), to, to + 1])
          if (point >= 0) found.add(String.fromCodePoint(point));
        index += 2;
      } else if (!'^$|?*+()[]{}'.includes(char)) {
        found.add(char === '.' ? 'x' : char);
      }
    }
  }
  return [...found].sort();
}

/**
 * How deeply repetition nests in a pattern: 0 for none, 1 for `\d+`, 2 for `(\d+)+` or `(a|b)+` (an
 * alternation under repetition can match one string in many ways too), 3 for `((\d+)+)+`. A regex
 * engine that backtracks takes time growing like depth^length on a string such a pattern rejects.
 */
export function repetitionDepth(pattern: string): number {
  const groups: Array<{ depth: number; alternation: boolean }> = [{ depth: 0, alternation: false }];
  // A repeating quantifier right after `index`: its end, or undefined (`?` and `{1}` do not repeat).
  const repeatsAfter = (index: number): number | undefined => {
    const next = pattern[index + 1];
    if (next === '*' || next === '+') return index + 1;
    const bounds = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(index + 1));
    if (!bounds) return undefined;
    const [, low, comma, high] = bounds;
    return comma === ''
      ? Number(low) > 1
        ? index + bounds[0].length
        : undefined
      : high === '' || Number(high) > 1
        ? index + bounds[0].length
        : undefined;
  };
  // An atom or a group just ended at `end`, as deep as `depth`: counts once its quantifier is read.
  const ended = (end: number, depth: number, alternation: boolean): number => {
    const quantifier = repeatsAfter(end);
    const top = groups[groups.length - 1]!;
    top.depth = Math.max(top.depth, quantifier === undefined ? depth : depth + 1 + (alternation ? 1 : 0));
    return quantifier ?? end;
  };
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const braced = /^[pPu]\{[^}]*\}/.exec(pattern.slice(index + 1)); // \p{L}, \u{1F600}: one atom
      index = ended(index + 1 + (braced ? braced[0].length - 1 : 0), 0, false);
    } else if (char === '[') {
      index = ended(classEnd(pattern, index), 0, false);
    } else if (char === '(') {
      groups.push({ depth: 0, alternation: false });
      const opened = pattern[index + 1] === '?' ? pattern.slice(index).search(/[:=!>]/) : -1; // (?:  (?=  (?<name>
      if (opened > 0) index += opened;
    } else if (char === ')' && groups.length > 1) {
      const group = groups.pop()!;
      index = ended(index, group.depth, group.alternation);
    } else if (char === '|') {
      groups[groups.length - 1]!.alternation = true;
    } else if (!'*+?{}^$'.includes(char)) {
      index = ended(index, 0, false);
    }
  }
  return groups[0]!.depth;
}

/** The longest string to build for these patterns (see DIFF_PATTERN_BACKTRACK_STEPS). */
export function searchLength(...patterns: string[]): number {
  const depth = Math.max(...patterns.map(repetitionDepth));
  if (depth <= 1) return DIFF_PATTERN_MAX_LENGTH;
  let length = 1;
  while (length < DIFF_PATTERN_MAX_LENGTH && depth ** (length + 2) <= DIFF_PATTERN_BACKTRACK_STEPS) length++;
  return length;
}

/**
 * fast-check builds a string for a pattern by nesting one generator per repetition, which takes time
 * exponential in the nesting too (measured: 0.1 s for 500 strings at depth 3, 0.4 s at 4, 5 s at 5).
 */
const BUILDABLE_DEPTH = 3;

function matching(pattern: string, maxLength: number): fc.Arbitrary<string> | undefined {
  if (repetitionDepth(pattern) > BUILDABLE_DEPTH) return undefined; // the alphabet and the edits still search
  try {
    return fc.stringMatching(new RegExp(withoutAssertions(pattern), 'u'), { maxLength });
  } catch {
    return undefined; // back-references and the like: the other sources still search
  }
}

function edits(seeds: string[], alphabet: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.nat(),
      fc.constantFrom(...alphabet),
      fc.constantFrom('insert', 'delete', 'replace', 'newline'),
    )
    .map(([seed, at, char, edit]) => {
      const index = seed.length === 0 ? 0 : at % (seed.length + 1);
      if (edit === 'insert') return seed.slice(0, index) + char + seed.slice(index);
      if (edit === 'delete') return seed.slice(0, index) + seed.slice(index + 1);
      if (edit === 'replace') return seed.slice(0, index) + char + seed.slice(index + 1);
      return `${seed}\n`;
    });
}

const shorter = (a: string | undefined, b: string) =>
  a === undefined || b.length < a.length || (b.length === a.length && b < a) ? b : a;

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
  for (const [which, re] of [
    ['OLD', oldRe],
    ['NEW', newRe],
  ] as const) {
    if (re instanceof Error)
      return {
        outcome: 'unjudged',
        tried: 0,
        reason: `the ${which} pattern is not an ECMA-262 regular expression (${re.message})`,
      };
  }
  const [oldTest, newTest] = [oldRe as RegExp, newRe as RegExp];
  const alphabet = alphabetOf(oldPattern, newPattern);
  const maxLength = searchLength(oldPattern, newPattern);
  const sample = (arbitrary: fc.Arbitrary<string>, salt: number): string[] => {
    try {
      return fc.sample(arbitrary, { seed: options.seed + salt, numRuns: options.runs });
    } catch {
      return []; // fast-check could build no string this short for the pattern: the other sources still search
    }
  };

  let oldOnly: string | undefined;
  let newOnly: string | undefined;
  let matchedOld = false;
  let matchedNew = false;
  let tried = 0;
  let budget = options.characterBudget ?? DIFF_PATTERN_CHARACTER_BUDGET;
  let budgetSpent = false;
  const matches: string[] = [];
  const test = (candidate: string) => {
    if (budget < candidate.length) {
      budgetSpent = true;
      return;
    }
    budget -= candidate.length;
    tried++;
    const [inOld, inNew] = [oldTest.test(candidate), newTest.test(candidate)];
    matchedOld ||= inOld;
    matchedNew ||= inNew;
    if (inOld || inNew) matches.push(candidate);
    if (inOld && !inNew) oldOnly = shorter(oldOnly, candidate);
    if (inNew && !inOld) newOnly = shorter(newOnly, candidate);
  };

  test('');
  [matching(oldPattern, maxLength), matching(newPattern, maxLength)].forEach((arbitrary, index) => {
    if (arbitrary) sample(arbitrary, index + 1).forEach(test);
  });
  sample(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: Math.min(12, maxLength) }), 3).forEach(test);
  if (matches.length > 0) sample(edits([...new Set(matches)].sort(), alphabet), 4).forEach(test);

  // Shrinking only tests strings shorter than a witness already tested: it needs no budget of its own.
  if (oldOnly !== undefined)
    oldOnly = shrink(oldOnly, (candidate) => oldTest.test(candidate) && !newTest.test(candidate));
  if (newOnly !== undefined)
    newOnly = shrink(newOnly, (candidate) => newTest.test(candidate) && !oldTest.test(candidate));
  const found = {
    tried,
    ...(budgetSpent ? { budgetSpent: true as const } : {}),
    ...(oldOnly === undefined ? {} : { oldOnly }),
    ...(newOnly === undefined ? {} : { newOnly }),
  };
  if (oldOnly !== undefined && newOnly !== undefined) return { outcome: 'changed', ...found };
  if (newOnly !== undefined) return { outcome: 'loosened', ...found };
  if (oldOnly !== undefined) return { outcome: 'tightened', ...found };
  if (!matchedOld || !matchedNew) {
    const which = !matchedOld ? `OLD pattern ${oldPattern}` : `NEW pattern ${newPattern}`;
    return { outcome: 'unjudged', ...found, reason: `the search found no string that the ${which} accepts` };
  }
  return { outcome: 'equivalent', ...found };
}
