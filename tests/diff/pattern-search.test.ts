/**
 * Patterns are compared by what they accept: each verdict comes with a witness both regexes confirm, the
 * search is reproducible from its seed, and what it cannot judge it says so.
 */
import { describe, expect, it } from 'vitest';
import { expectWitnessesHold } from './witnesses.ts';
import { DECIMAL_PATTERN } from '../../contracts/formats.ts';
import { DIFF_PATTERN_MAX_LENGTH } from '../../contracts/config.ts';
import {
  alphabetOf,
  comparePatterns,
  repetitionDepth,
  searchLength,
  withoutAssertions,
  type PatternVerdict,
} from '../../contracts/diff/pattern-search.ts';

const OPTIONS = { seed: 7, runs: 300 };

/** The verdict, with each witness checked against the real regexes. */
function judged(oldPattern: string, newPattern: string, options = OPTIONS): PatternVerdict {
  const verdict = comparePatterns(oldPattern, newPattern, options);
  return expectWitnessesHold(oldPattern, newPattern, verdict);
}

describe('comparing two patterns by search', () => {
  it('finds a pattern that accepts more: loosened, with a string only NEW accepts', () => {
    const verdict = judged(DECIMAL_PATTERN, '^(?!^[-+.]*$)[+-]?0*\\d*[.,]?\\d*$');
    expect(verdict.outcome).toBe('loosened');
    expect(verdict.newOnly).toBeDefined();
    expect(verdict.oldOnly).toBeUndefined();
  });

  it('finds a pattern that accepts less: tightened, with a string only OLD accepts', () => {
    const verdict = judged(DECIMAL_PATTERN, '^[+-]?[0-9]+(\\.[0-9]+)?$');
    expect(verdict.outcome).toBe('tightened');
    expect(verdict.oldOnly).toBeDefined();
  });

  it('finds a change both ways, with both witnesses', () => {
    const verdict = judged('^[a-f]+$', '^[d-k]+$');
    expect(verdict.outcome).toBe('changed');
    expect(verdict.oldOnly).toBeDefined();
    expect(verdict.newOnly).toBeDefined();
  });

  it('sees through a rewrite with the same meaning', () => {
    expect(judged(DECIMAL_PATTERN, DECIMAL_PATTERN.replace(/\\d/g, '[0-9]')).outcome).toBe('equivalent');
    expect(judged('^\\d{2,}$', '^\\d\\d+$').outcome).toBe('equivalent');
  });

  it('reads the patterns as ECMA-262 with the u flag: \\d is ASCII only, $ is the very end', () => {
    // A non-ASCII digit and a trailing newline are both refused by the spec's own pattern.
    expect(judged('^\\d+$', '^[0-9٠-٩]+$')).toMatchObject({ outcome: 'loosened' });
    expect(judged('^a$', '^a\\n?$')).toMatchObject({ outcome: 'loosened', newOnly: 'a\n' });
  });

  it('handles lookarounds on either side, which fast-check cannot build strings for', () => {
    expect(judged('^[a-z]+$', '^(?!x)[a-z]+$')).toMatchObject({ outcome: 'tightened', oldOnly: 'x' });
    expect(judged('^[a-z]+(?<!q)$', '^[a-z]+$')).toMatchObject({ outcome: 'loosened', newOnly: 'q' });
  });

  it('shrinks a witness to its gist', () => {
    expect(judged('^[0-9]+$', '^[0-9]{1,3}$').oldOnly).toHaveLength(4);
  });

  it('calls a pattern that does not compile unjudged, and says why', () => {
    const verdict = comparePatterns('^[0-9]+$', '^[0-9', OPTIONS);
    expect(verdict.outcome).toBe('unjudged');
    expect(verdict.reason).toMatch(/NEW pattern is not an ECMA-262 regular expression/);
  });

  it('calls a pattern it finds no string for unjudged, rather than equivalent', () => {
    // Both accept nothing the search can build: nothing was shown either way.
    const verdict = judged('^(?=a)b$', '^(?=c)d$');
    expect(verdict.outcome).toBe('unjudged');
    expect(verdict.reason).toMatch(/found no string/);
  });
});

describe('patterns with nested repetition, which backtrack exponentially', () => {
  it('are told by how deeply their repetition nests', () => {
    expect(repetitionDepth(DECIMAL_PATTERN)).toBe(1);
    expect(repetitionDepth('^[a-z]{2}\\d?$')).toBe(1);
    expect(repetitionDepth('^(\\d+)+$')).toBe(2);
    expect(repetitionDepth('^(?:\\d{1,3})*$')).toBe(2);
    expect(repetitionDepth('^(\\d|\\d)+$')).toBe(2); // an alternation repeated can match one string many ways
    expect(repetitionDepth('^(0|0+)+$')).toBe(3);
    expect(repetitionDepth('^((\\d+)+)+$')).toBe(3);
    expect(repetitionDepth('^(\\d+)?[(+]\\p{L}{2}$')).toBe(1);
  });

  it('are searched with strings short enough to test quickly, the others with the usual length', () => {
    expect(searchLength(DECIMAL_PATTERN, '^[0-9]+$')).toBe(DIFF_PATTERN_MAX_LENGTH);
    expect(searchLength(DECIMAL_PATTERN, '^(\\d+)+$')).toBe(11);
    expect(searchLength('^(0|0+)+$', DECIMAL_PATTERN)).toBe(6);
    expect(searchLength('^(((\\d+)+)+)+$')).toBe(5);
  });

  it('are still judged, with witnesses', () => {
    expect(judged(DECIMAL_PATTERN, '^(0|0+)+$')).toMatchObject({ outcome: 'tightened', oldOnly: '1' });
    expect(judged(DECIMAL_PATTERN, '^(\\d+)+$')).toMatchObject({ outcome: 'tightened' });
    expect(judged('^(\\d+)+$', '^[0-9]+$').outcome).toBe('equivalent');
    expect(judged('^((((\\d+)+)+)+)+$', '^[0-9]*$')).toMatchObject({ outcome: 'loosened', newOnly: '' });
  });
});

describe('the search budget', () => {
  it('stops the search after so many characters tested, and says so', () => {
    const verdict = comparePatterns(DECIMAL_PATTERN, '^[0-9]+$', { ...OPTIONS, characterBudget: 200 });
    expect(verdict.budgetSpent).toBe(true);
    expect(verdict.tried).toBeLessThan(200);
    expect(comparePatterns(DECIMAL_PATTERN, '^[0-9]+$', OPTIONS).budgetSpent).toBeUndefined();
  });

  it('is a count, not a clock: the same seed stops at the same string', () => {
    const options = { ...OPTIONS, characterBudget: 500 };
    expect(comparePatterns(DECIMAL_PATTERN, '^(0|0+)+$', options)).toEqual(
      comparePatterns(DECIMAL_PATTERN, '^(0|0+)+$', options),
    );
  });
});

describe('the search is reproducible', () => {
  const pair = [DECIMAL_PATTERN, '^[+-]?[0-9]*[.,]?[0-9]+$'] as const;

  it('gives the same verdict, witnesses and count for the same seed', () => {
    const first = comparePatterns(...pair, OPTIONS);
    const second = comparePatterns(...pair, OPTIONS);
    expect(second).toEqual(first);
    expect(first.outcome).toBe('changed');
  });

  it('reaches the same verdict from other seeds', () => {
    for (const seed of [1, 2, 3]) expect(judged(...pair, { seed, runs: 300 }).outcome).toBe('changed');
  });
});

describe('the search helpers', () => {
  it('strip lookarounds and word boundaries, keeping escapes and classes', () => {
    expect(withoutAssertions(DECIMAL_PATTERN)).toBe('^[+-]?0*\\d*\\.?\\d*$');
    expect(withoutAssertions('\\bfoo(?<=o)[(?=]\\(')).toBe('foo[(?=]\\(');
  });

  it('build the alphabet from the characters and classes the patterns name', () => {
    const alphabet = alphabetOf('^[a-c]x\\d$');
    for (const char of ['a', 'b', 'c', '`', 'd', 'x', '0', '9', '\n', '٣']) expect(alphabet).toContain(char);
  });
});
