/**
 * The one signature every check has: a case's record in, one judgement per request it judged out.
 * A judgement without a failure is a pass; a request a check has nothing to say about gets no judgement.
 */
import type { CaseRecord, Exchange } from '../model/record.ts';
import type { CheckFailure, CheckName } from './failure.ts';

export interface Judgement {
  /** Index into the record's exchanges. */
  readonly exchange: number;
  readonly failure: CheckFailure | undefined;
}

export interface Check {
  readonly name: CheckName;
  /** The property that must hold, in one line. */
  readonly summary: string;
  /**
   * What becomes of the check when no session can be set up (no states URL, no --session-id): `skipped`
   * entirely, judged only in `part` (the rest reported as not observed), or `whole` (it never needed one).
   * `fresh`: skipped unless the states URL sets up sessions: one --session-id session is not enough.
   */
  readonly withoutSessions: 'fresh' | 'skipped' | 'part' | 'whole';
  /** What one judgement is, so a report can say what its counts count: a request (unless said) or a whole case. */
  readonly judges?: 'requests' | 'cases';
  judge(record: CaseRecord): readonly Judgement[];
}

export function pass(exchange: number): Judgement {
  return { exchange, failure: undefined };
}

export function fail(failure: CheckFailure): Judgement {
  return { exchange: failure.exchange, failure };
}

/** The judge of a check that looks at each request of a case on its own: undefined for "nothing to say". */
export function eachExchange(
  judgeOne: (exchange: Exchange, index: number) => Judgement | undefined,
): (record: CaseRecord) => Judgement[] {
  return (record) => record.exchanges.flatMap((exchange, index) => judgeOne(exchange, index) ?? []);
}
