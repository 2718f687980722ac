/**
 * Pact mismatches in words: the value received (from the core's JSON, not its text coercion, so a null
 * is `null` and not `''`), what the pact expects, and code points for look-alike characters.
 */
import { describe, expect, it } from 'vitest';
import { mismatchWords } from '../../contracts/pacts/mismatch-words.ts';

describe('mismatchWords', () => {
  it('shows a null the core quoted as an empty string as null, with the pattern it missed', () => {
    expect(
      mismatchWords({
        path: '$.finishedAt',
        type: 'BodyMismatch',
        actual: 'null',
        expected: '"2026-11-02T09:20:41.5Z"',
        mismatch: "Expected '' to match '^[0-9]{4}-.*$'",
      }),
    ).toBe('$.finishedAt: received null; the pact expects a string matching /^[0-9]{4}-.*$/');
  });

  it('gives the code points of non-ASCII characters', () => {
    expect(
      mismatchWords({
        path: '$.proxyCost',
        actual: '"١٢"',
        expected: '"0.05"',
        mismatch: "Expected '١٢' to match '^[0-9]+$'",
      }),
    ).toBe('$.proxyCost: received "١٢" (U+0661 U+0662); the pact expects a string matching /^[0-9]+$/');
  });

  it('keeps the core sentence when it is not about a pattern, and when it gives no values', () => {
    expect(
      mismatchWords({
        path: '$.status',
        actual: '"active"',
        expected: '"stopped"',
        mismatch: "Expected 'active' to be equal to 'stopped'",
      }),
    ).toBe(`$.status: received "active"; the pact expects "stopped" (Expected 'active' to be equal to 'stopped')`);
    expect(mismatchWords({ type: 'StatusMismatch', mismatch: 'expected 200 but was 404' })).toBe(
      'expected 200 but was 404',
    );
  });

  it('names the keys a map was missing, not every key it had', () => {
    expect(
      mismatchWords({
        path: '$',
        actual: '["id","status"]',
        expected: '["id","proxyCost","status"]',
        mismatch: 'Actual map is missing the following keys: proxyCost',
      }),
    ).toBe('$: received no proxyCost; the pact expects it');
    expect(
      mismatchWords({ path: '$', mismatch: 'Actual map is missing the following keys: proxyCost, proxyUsedMb' }),
    ).toBe('$: received no proxyCost, proxyUsedMb; the pact expects them');
  });
});
