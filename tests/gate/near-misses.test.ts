/**
 * The near misses a careful attacker tries (fixedValueNearMiss.ts, near-keys.ts) are what they say, and
 * a default run sends every class of them: under the default seed and two others, each class turns up
 * within the default --runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIXED_VALUE_NEAR_MISS_CLASSES,
  FIXED_VALUES,
  INSERTED,
} from '../../contracts/arbitraries/requests/fixedValueNearMiss.ts';
import { gateCase } from '../../contracts/arbitraries/requests/gateCase.ts';
import { invalidUpdateBody } from '../../contracts/arbitraries/requests/invalidUpdateBody.ts';
import { GATE_DEFAULT_RUNS, GATE_DEFAULT_SEED } from '../../contracts/config.ts';
import type { GateCase } from '../../contracts/model/case.ts';
import { KEY_NEAR_MISSES } from '../../contracts/near-keys.ts';

const SEEDS = [GATE_DEFAULT_SEED, 7, 42];

describe.each(SEEDS)('a run of the default --runs under seed %i sends', (seed) => {
  const cases = fc.sample(gateCase({ sessions: true }), { seed, numRuns: GATE_DEFAULT_RUNS });
  const nearKey = (generated: GateCase) => {
    const credential = generated.request.credential;
    return typeof credential === 'object' && 'nearKey' in credential ? credential.nearKey : undefined;
  };

  it.each(FIXED_VALUE_NEAR_MISS_CLASSES)('%s', (name) => {
    expect(cases.filter((generated) => generated.classes?.includes(name)).length).toBeGreaterThan(0);
  });

  it.each(KEY_NEAR_MISSES)('the key %s', (kind) => {
    expect(cases.filter((generated) => nearKey(generated) === kind).length).toBeGreaterThan(0);
  });
});

describe('the near misses of a fixed value', () => {
  const drawn = fc.sample(invalidUpdateBody({ oversized: false }), { seed: GATE_DEFAULT_SEED, numRuns: 4_000 });
  const actions = (name: string) =>
    drawn
      .filter((body) => body.class === name)
      .map((body) => (JSON.parse(body.value!) as Record<string, unknown>)['action']);
  const [compatibility, confusable, inserted, wrapped, swapped] = FIXED_VALUE_NEAR_MISS_CLASSES.map(actions) as [
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
  ];

  it('come from the spec: action, whose one value is stop', () => {
    expect(FIXED_VALUES).toEqual([['action', ['stop']]]);
  });

  it('compatibility forms all normalise (NFKC) to "stop" without being it, and take every form', () => {
    for (const value of compatibility) expect([value, (value as string).normalize('NFKC')]).toEqual([value, 'stop']);
    expect(compatibility).not.toContain('stop');
    for (const form of [/ｓ|ｔ|ｏ|ｐ/u, /ﬆ|ﬅ/u, /[\u{1d400}-\u{1d6a3}]/u, /[ⓢⓣⓞⓟ]/u, /[ˢᵗᵒᵖ]/u, /ſ/u])
      expect({ form, found: compatibility.some((value) => form.test(value as string)) }).toEqual({ form, found: true });
  });

  it('look-alikes from other scripts never normalise to "stop"', () => {
    for (const value of confusable) expect((value as string).normalize('NFKC')).not.toBe('stop');
    expect(confusable).toContain('ѕtop');
  });

  it('inserted characters are of every kind: zero-width, bidi, combining, NUL', () => {
    for (const [kind, chars] of Object.entries(INSERTED)) {
      const found = inserted.some((value) => chars.some((char) => (value as string).includes(char)));
      expect({ kind, found }).toEqual({ kind, found: true });
    }
  });

  it('wrapped values are arrays, objects and JSON-encoded strings of "stop"', () => {
    expect(wrapped).toContainEqual(['stop']);
    expect(wrapped).toContainEqual({ action: 'stop' });
    expect(wrapped).toContain('"stop"');
  });

  it('swapped values are numbers, booleans and null', () => {
    expect(new Set(swapped.map((value) => (value === null ? 'null' : typeof value)))).toEqual(
      new Set(['number', 'boolean', 'null']),
    );
  });
});
