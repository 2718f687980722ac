import fc from 'fast-check';
import type { CheckName } from '../../checks/failure.ts';
import type { GateCase } from '../../model/case.ts';
import type { CaseRecord } from '../../model/record.ts';
import { addTallies, failureOf, judge, type Tally } from './judge.ts';
import { strataCount } from './strata.ts';
import type { FoundFailure, FuzzOptions, FuzzOutcome } from './types.ts';

/** Runs the case at `path` once, judged by every selected check: no shrinking, so it is the case printed. */
export async function replay(
  options: FuzzOptions,
  arbitrary: fc.Arbitrary<GateCase>,
  path: string,
): Promise<FuzzOutcome> {
  let record: CaseRecord | undefined;
  let aborted: { error: unknown } | undefined;
  const property = fc.asyncProperty(arbitrary, async (generated) => {
    if (record || aborted) return true;
    try {
      record = await options.execute(generated);
    } catch (error) {
      aborted = { error };
    }
    return true;
  });
  await fc.check(property, { seed: options.seed, numRuns: options.runs, path, endOnFailure: true });
  if (aborted) throw aborted.error;
  if (!record)
    return {
      cases: 0,
      indices: [],
      requests: 0,
      tallies: new Map(),
      failures: [],
      stoppedEarly: undefined,
      shrinkingMs: 0,
      strata: new Map(),
    };
  const judged = judge(options.checks, record);
  const tallies = new Map<CheckName, Tally>();
  addTallies(tallies, judged);
  const failures: FoundFailure[] = [];
  for (const check of options.checks) {
    const failure = failureOf(judged.get(check.name));
    if (failure) failures.push({ failure, record, seed: options.seed, path, shrinks: 0 });
  }
  const index = Number(path.split(':')[0]);
  options.progress?.({ done: 1, total: 1, requests: record.exchanges.length, failing: failures.length });
  return {
    cases: 1,
    indices: [index],
    requests: record.exchanges.length,
    tallies,
    failures,
    stoppedEarly: undefined,
    shrinkingMs: 0,
    strata: strataCount([record.case], [0]),
  };
}
