/**
 * Every selected check's judgements of one case, and the tallies they add up to. Tallies count cases run,
 * never shrink candidates, so they are the same for any number of workers.
 */
import type { Check, Judgement } from '../../checks/check.ts';
import type { CheckFailure, CheckName } from '../../checks/failure.ts';
import type { CaseRecord } from '../../model/record.ts';

export interface Tally {
  judged: number;
  failed: number;
}

export type Judged = ReadonlyMap<CheckName, readonly Judgement[]>;

export function judge(checks: readonly Check[], record: CaseRecord): Judged {
  return new Map(checks.map((check) => [check.name, check.judge(record)]));
}

export function addTallies(tallies: Map<CheckName, Tally>, judged: Judged): void {
  for (const [name, judgements] of judged) {
    const tally = tallies.get(name) ?? { judged: 0, failed: 0 };
    tally.judged += judgements.length;
    tally.failed += judgements.filter((judgement) => judgement.failure).length;
    tallies.set(name, tally);
  }
}
export function failureOf(judgements: readonly Judgement[] | undefined): CheckFailure | undefined {
  return judgements?.find((judgement) => judgement.failure)?.failure;
}

/** The first failure of each check in `judged`, in the checks' order. */
export function failuresOf(judged: Judged): CheckFailure[] {
  return [...judged.values()].flatMap((judgements) => {
    const failure = failureOf(judgements);
    return failure ? [failure] : [];
  });
}
