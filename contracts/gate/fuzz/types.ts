/** What the fuzzing is asked to do, and what it answers. */
import type { Check } from '../../checks/check.ts';
import type { CheckFailure, CheckName } from '../../checks/failure.ts';
import type { GateCase } from '../../model/case.ts';
import type { CaseRecord } from '../../model/record.ts';
import type { Shard } from '../shard.ts';
import type { Tally } from './judge.ts';
import type { StratifiedDraw, Stratum } from './strata.ts';

export interface FoundFailure {
  readonly failure: CheckFailure;
  /** The shrunk case as it ran. */
  readonly record: CaseRecord;
  /** Replays with `--seed seed --replay-path path`; undefined for a case that was not generated (--session-id). */
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly shrinks: number;
  /** How long shrinking it took; undefined when it was not shrunk (a replay, a run cut short, --session-id). */
  readonly shrinkMs?: number;
}

/** How far the run has got: reported after every case. */
export interface FuzzProgress {
  readonly done: number;
  readonly total: number;
  readonly requests: number;
  /** Checks that have failed so far. */
  readonly failing: number;
}

export interface FuzzOptions {
  readonly checks: readonly Check[];
  readonly seed: number;
  readonly runs: number;
  readonly replayPath: string | undefined;
  readonly sessions: boolean;
  /** Cases run at once. */
  readonly workers: number;
  /** Run only this share of the case indices; undefined for all. */
  readonly shard?: Shard | undefined;
  readonly execute: (gateCase: GateCase) => Promise<CaseRecord>;
  /** The cases drawCases gave for this seed, runs and sessions, when drawn already; drawn here if not. */
  readonly drawn?: StratifiedDraw | undefined;
  readonly progress?: (progress: FuzzProgress) => void;
  /** A line for the user: shrinking can take a while against a distant provider, and must not look hung. */
  readonly log?: (line: string) => void;
}

export interface FuzzOutcome {
  /** Distinct cases executed outside shrinking. */
  readonly cases: number;
  /** Their indices in the seed's sequence, ascending. */
  readonly indices: readonly number[];
  /** Requests to the operation sent for them. */
  readonly requests: number;
  readonly tallies: ReadonlyMap<CheckName, Tally>;
  readonly failures: readonly FoundFailure[];
  /** Why fewer cases ran than asked for, if they did. */
  readonly stoppedEarly: string | undefined;
  /** Time spent shrinking failures, after the cases ran: not fuzzing time. */
  readonly shrinkingMs: number;
  /** How many cases of each kind ran (see strata.ts). */
  readonly strata: ReadonlyMap<Stratum, number>;
}
