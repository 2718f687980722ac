/**
 * Pattern changes decided by proof: two patterns that are regular languages are compared as automata
 * (the language of a JSON Schema pattern's search, ECMA-262 with the `u` flag), an equivalent rewrite is
 * safe, a widening is breaking with the automaton's shortest witness, and only what automata cannot
 * decide (a back-reference, `\b`) goes to the seeded search, which the finding says.
 */
import { describe, expect, it } from 'vitest';
import { expectWitnessesHold } from './witnesses.ts';
import { DFA } from 'refa';
import { DECIMAL_PATTERN } from '../../contracts/formats.ts';
import { decidePatterns, patternLanguage } from '../../contracts/diff/pattern-automata.ts';
import { judgePatternPair } from '../../contracts/diff/judge-patterns.ts';
import { diffSpecs } from '../../contracts/diff/spec-diff.ts';
import { parseSpecDocument } from '../../contracts/diff/documents.ts';
import { renderJson, renderText } from '../../contracts/diff/render.ts';
import { vendoredSpec } from '../../contracts/spec.ts';
import { EXPONENT_DECIMAL, schemas, type Doc } from '../../fixtures/specs/variants.ts';

const DIGITS_REWRITE = DECIMAL_PATTERN.replace(/\\d/g, '[0-9]');
const SEARCH = { seed: 7, runs: 200 };

/** A verdict whose witnesses the real regular expressions (u flag, as JSON Schema) confirm. */
function decided(oldPattern: string, newPattern: string) {
  const verdict = decidePatterns(oldPattern, newPattern);
  if ('undecided' in verdict) throw new Error(`undecided: ${verdict.undecided}`);
  return expectWitnessesHold(oldPattern, newPattern, verdict);
}

describe('deciding two patterns with automata', () => {
  it('proves the spec decimal pattern and its [0-9] rewrite equal: their minimal DFAs are the same graph', () => {
    const [before, after] = [patternLanguage(DECIMAL_PATTERN), patternLanguage(DIGITS_REWRITE)];
    expect(before).toBeInstanceOf(DFA);
    expect((before as DFA).structurallyEqual(after as DFA)).toBe(true);
    expect(decided(DECIMAL_PATTERN, DIGITS_REWRITE)).toEqual({ outcome: 'equivalent' });
  });

  it('takes the leading (?!…$) as an intersection with a complement: the signs-and-dots-only strings stay out', () => {
    const language = patternLanguage(DECIMAL_PATTERN) as DFA;
    const accepts = (text: string) => language.test([...text].map((char) => char.codePointAt(0)!) as never);
    for (const text of ['', '+', '-.', '.', '1', '-0.5', '007', '.5'])
      expect([text, accepts(text)]).toEqual([text, new RegExp(DECIMAL_PATTERN, 'u').test(text)]);
  });

  it('finds a widening, with the shortest string only NEW accepts: an exponent gives "E0"', () => {
    expect(decided(DECIMAL_PATTERN, EXPONENT_DECIMAL)).toEqual({ outcome: 'loosened', newOnly: 'E0' });
  });

  it('finds a narrowing, and a change both ways with both witnesses', () => {
    expect(decided(DECIMAL_PATTERN, '^[+-]?[0-9]+(\\.[0-9]+)?$')).toMatchObject({ outcome: 'tightened' });
    expect(decided('^[a-f]+$', '^[d-k]+$')).toEqual({ outcome: 'changed', oldOnly: 'a', newOnly: 'g' });
  });

  it('reads a pattern as a search unless anchored: "abc" accepts "\\nabc", which ^.*abc does not', () => {
    expect(decided('abc', '^.*abc')).toEqual({ outcome: 'tightened', oldOnly: '\nabc' });
    expect(decided('abc', '^[^]*abc[^]*$')).toEqual({ outcome: 'equivalent' });
    expect(decided('(?=a)', 'a')).toEqual({ outcome: 'equivalent' });
  });

  it('uses ECMA-262 with the u flag: \\d is ASCII only, $ is the very end, . is one code point', () => {
    expect(decided('^\\d+$', '^[0-9٠-٩]+$')).toEqual({ outcome: 'loosened', newOnly: '٠' });
    expect(decided('^a$', '^a\\n?$')).toEqual({ outcome: 'loosened', newOnly: 'a\n' });
    // Without the u flag `^.$` would refuse an astral character (two code units); with it, it is one.
    expect(decided('^.$', '^[\\u{0}-\\u{FFFF}]$')).toMatchObject({ outcome: 'changed' });
    expect(decided('^.$', '^[^\\n\\r\\u2028\\u2029]$')).toEqual({ outcome: 'equivalent' });
  });

  it('leaves to the search what it cannot decide, and says why', () => {
    expect(decidePatterns('^(a)\\1$', '^aa$')).toEqual({ undecided: 'OLD: a backreference is not a regular language' });
    expect(decidePatterns('^a$', '\\bfoo')).toMatchObject({ undecided: expect.stringMatching(/^NEW: an assertion/) });
    const searched = judgePatternPair('^(a)\\1$', '^aa$', SEARCH);
    expect(searched).toMatchObject({ decidedBy: 'search', outcome: 'equivalent' });
    expect(judgePatternPair(DECIMAL_PATTERN, DIGITS_REWRITE, SEARCH)).toMatchObject({
      decidedBy: 'automata',
      tried: 0,
    });
  });
});

describe('pattern findings of a diff', () => {
  async function diffWithProxyCost(pattern: string) {
    const old = vendoredSpec().document as Doc;
    const next = structuredClone(old);
    schemas(next).SessionView.properties.proxyCost.pattern = pattern;
    return diffSpecs(parseSpecDocument(JSON.stringify(old), 'OLD'), parseSpecDocument(JSON.stringify(next), 'NEW'));
  }

  it('call an equivalent rewrite safe, proven by automata, in text and JSON', async () => {
    const report = await diffWithProxyCost(DIGITS_REWRITE);
    expect(report.summary.breaking).toBe(0);
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'response-pattern-equivalent', severity: 'safe', decidedBy: 'automata' }),
    ]);
    expect(report.findings[0]!.message).toContain('decided by finite automata');
  });

  it('call a widened response pattern breaking, with the automaton witness in text and JSON', async () => {
    const report = await diffWithProxyCost(EXPONENT_DECIMAL);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      rule: 'response-pattern-loosened',
      severity: 'breaking',
      decidedBy: 'automata',
      witnesses: { newOnly: 'E0' },
    });
    const full = { ...report, exitCode: 1 as const };
    expect(renderText(full)).toContain('NEW accepts "E0", OLD does not (decided by finite automata)');
    expect(JSON.parse(renderJson(full)).findings[0]).toMatchObject({
      decidedBy: 'automata',
      witnesses: { newOnly: 'E0' },
    });
  });

  it('say when the search decided, and why the automata could not', async () => {
    const report = await diffWithProxyCost(DECIMAL_PATTERN.replace('[+-]?', '([+-]?)\\1{0}'));
    expect(report.findings[0]).toMatchObject({ rule: 'response-pattern-unproven', decidedBy: 'search' });
    expect(report.findings[0]!.message).toMatch(/decided by search, since the automata cannot \(NEW: a backreference/);
  });
});

describe('a format swapped for a pattern, where formats and patterns meet', () => {
  it('is decided by automata as the pattern the format amounts to, with the witness', async () => {
    const old = vendoredSpec().document as Doc;
    const next = structuredClone(old);
    const schema = next.paths['/sessions/{session_id}'].patch.parameters[0].schema;
    delete schema.format;
    schema.pattern = '^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$';
    const report = await diffSpecs(
      parseSpecDocument(JSON.stringify(old), 'OLD'),
      parseSpecDocument(JSON.stringify(next), 'NEW'),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'request-pattern-tightened',
        severity: 'breaking',
        decidedBy: 'automata',
        witnesses: { oldOnly: '00000000-0000-0000-0000-00000000000A' },
      }),
    ]);
    expect(report.findings[0]!.message).toMatch(/^format uuid → pattern \^\[0-9a-f\]/);
  });
});

describe('the Pact matcher regexes, where the pacts meet the spec pattern and format', () => {
  it('are proven to accept exactly what the spec pattern and the uuid format accept', async () => {
    const { PACT_DECIMAL_REGEX, PACT_UUID_REGEX } = await import('../../contracts/pacts/patterns.ts');
    expect(decided(DECIMAL_PATTERN, PACT_DECIMAL_REGEX)).toEqual({ outcome: 'equivalent' });
    // JSON Schema's uuid (formats.ts): 8-4-4-4-12 hex digits in either case.
    const uuid = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    expect(decided(uuid, PACT_UUID_REGEX)).toEqual({ outcome: 'equivalent' });
  });
});
