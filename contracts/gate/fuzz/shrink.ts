import fc from 'fast-check';
import type { Check } from '../../checks/check.ts';
import type { CheckFailure } from '../../checks/failure.ts';
import { GATE_SHRINK_BUDGET_CANDIDATES, GATE_SHRINK_BUDGET_TIMEOUTS } from '../../config.ts';
import type { GateCase } from '../../model/case.ts';
import type { CaseRecord } from '../../model/record.ts';
import { failureOf } from './judge.ts';
import type { FoundFailure, FuzzOptions } from './types.ts';

/**
 * Shrinks one check's failure from the index it was found at. The first case fast-check runs on that path
 * is the one that already failed (its record is reused, not sent again); every later one is a candidate,
 * judged by this check alone. Past the budget (so many candidates, or so many of their requests timed out)
 * every candidate "passes", so fast-check settles on the smallest failing case so far, whose path then
 * replays it exactly.
 */
export async function shrink(
  options: FuzzOptions,
  arbitrary: fc.Arbitrary<GateCase>,
  check: Check,
  first: { index: number; record: CaseRecord; failure: CheckFailure },
): Promise<FoundFailure> {
  let found = { record: first.record, failure: first.failure };
  let candidates = 0;
  let timeouts = 0;
  let aborted: { error: unknown } | undefined;
  const property = fc.asyncProperty(arbitrary, async (generated) => {
    if (candidates++ === 0) return false;
    if (aborted || candidates > GATE_SHRINK_BUDGET_CANDIDATES + 1 || timeouts >= GATE_SHRINK_BUDGET_TIMEOUTS)
      return true;
    try {
      const record = await options.execute(generated);
      timeouts += record.exchanges.filter((sent) => sent.transmission.kind === 'timeout').length;
      const failure = failureOf(check.judge(record));
      if (!failure) return true;
      found = { record, failure };
      return false;
    } catch (error) {
      // An error of the gate's own (the states URL gone mid-run) is not a property failure: it ends the run.
      aborted = { error };
      return true;
    }
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, path: String(first.index) });
  if (aborted) throw aborted.error;
  return {
    ...found,
    seed: options.seed,
    path: details.counterexamplePath ?? String(first.index),
    shrinks: details.numShrinks,
  };
}
