/**
 * Every check can fail: for each planted bug the gate fails, naming exactly the check that owns the fault;
 * and it never fails a correct provider: the tolerated variants pass every check.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../contracts/checks/registry.ts';
import { PLANTED_BUGS, TOLERATED_VARIANTS, createPlantedBugProvider } from '../../fixtures/planted/providers.ts';
import { DISTINCTIVE_KEY, failedChecks, gateAgainst } from './helpers.ts';

/** A hang costs the timeout on every try; a short one keeps the test quick (the provider is local). */
const HANG_TIMEOUT_MS = '150';
/**
 * Half the default runs, for speed. With the same seed fast-check draws the same first cases whatever
 * numRuns is, so a fault caught here is caught by the default `verify` too.
 */
const RUNS = '150';

describe('planted bugs', () => {
  it('plants at least one bug for every check', () => {
    expect(new Set(PLANTED_BUGS.map((bug) => bug.breaks))).toEqual(new Set(CHECK_NAMES));
  });

  for (const bug of PLANTED_BUGS) {
    it(`${bug.name}: fails ${bug.breaks} and no other check`, async () => {
      const result = await gateAgainst(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {
        runs: bug.runs ?? RUNS,
        ...(bug.breaks === 'no_hang' ? { 'timeout-ms': HANG_TIMEOUT_MS } : {}),
      });
      expect(result.exitCode).toBe(1);
      expect(failedChecks(result)).toEqual([bug.breaks]);
      const failed = result.checks.find((check) => check.name === bug.breaks)!;
      // A provider that keeps hanging does not hold the run: each hang costs the whole timeout.
      if (bug.breaks === 'no_hang') expect(result.fuzz.stoppedEarly).toMatch(/timed out after no_hang had failed/);
      expect(failed.failed).toBeGreaterThan(0);
      expect(failed.failure?.path).toMatch(/^\d+(:\d+)*$/);
    });
  }

  for (const variant of TOLERATED_VARIANTS) {
    it(`${variant.name}: passes every check (${variant.description})`, async () => {
      const result = await gateAgainst(createPlantedBugProvider(variant, { apiKey: DISTINCTIVE_KEY }).handler);
      expect(failedChecks(result)).toEqual([]);
      expect(result.exitCode).toBe(0);
    });
  }
});
