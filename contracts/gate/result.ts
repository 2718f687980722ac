/**
 * What a run of the gate found, as data: one result per check, the Pact section, what the provider is and
 * what the run cost. The runner makes it; the reports (contracts/report/) and the exit code read it.
 */
import type { CheckName } from '../checks/failure.ts';
import type { InteractionVerdict } from '../pacts/verify-provider.ts';
import type { InterruptSignal } from '../errors.ts';
import type { RequestCost, ThrottleStats } from '../transport/types.ts';
import type { FoundFailure } from './fuzz/types.ts';

export type SessionSource = 'states' | 'offered' | 'none';

export interface CheckResult {
  readonly name: CheckName;
  readonly summary: string;
  /** `skipped`: nothing could be judged; never counted as passed. */
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly judged: number;
  readonly passed: number;
  readonly failed: number;
  /** Why it was skipped, or which part of it could not be observed. */
  readonly note: string | undefined;
  /** The first failure found, shrunk. */
  readonly failure: FoundFailure | undefined;
}

export type PactSection =
  | { readonly status: 'skipped'; readonly reason: string }
  /** A sharded run verifies the pacts once, in shard 1: judged there, so not a skip here. */
  | { readonly status: 'elsewhere'; readonly reason: string }
  | {
      readonly status: 'passed' | 'failed';
      readonly interactions: readonly InteractionVerdict[];
      readonly durationMs: number;
    };

/**
 * What the run cost the provider: every request the gate sent (each resend of a throttled one, states and
 * Pact's included) and the peak rate; the sessions it set up through the states URL (the probe's included,
 * Pact's aside) and tore down again (`"action": "teardown"`, best effort): what a run leaves behind is the
 * difference.
 */
export interface GateCost extends RequestCost {
  readonly sessions: { readonly setUp: number; readonly tornDown: number };
}

export interface GateResult {
  /**
   * 0 held (skips, if any, accepted), 1 broken, 3 something unjudged and skips not accepted (see outcome.ts);
   * 130/143 interrupted by SIGINT/SIGTERM (what was judged before it is kept, but it is no verdict).
   */
  readonly exitCode: 0 | 1 | 3 | 130 | 143;
  /** Set when SIGINT/SIGTERM stopped the run: the result is partial. */
  readonly interrupted?: InterruptSignal | undefined;
  readonly provider: {
    readonly baseUrl: string;
    readonly statesUrl: string;
    readonly builtIn: boolean;
    readonly sessions: SessionSource;
    /** Why the states URL is not used, when it is not. */
    readonly statesNote: string | undefined;
  };
  readonly seed: number;
  readonly runs: number;
  readonly replayPath: string | undefined;
  readonly timeoutMs: number;
  readonly pact: PactSection;
  readonly fuzz: {
    readonly cases: number;
    readonly requests: number;
    /** Running the cases (and the --session-id session's), shrinking not included (report version 2 on). */
    readonly durationMs: number;
    /** Shrinking the failures found, one after another once the cases have run. */
    readonly shrinkingMs: number;
    readonly stoppedEarly: string | undefined;
    readonly workers: number;
    /** `i/n` when this run is one shard of n. */
    readonly shard: string | undefined;
  };
  /** What throttling by the provider cost (429 / 503 with Retry-After, sent again). */
  readonly transport: ThrottleStats;
  readonly cost: GateCost;
  /** Which skips the user accepted: --skip-pact (Pact alone) or --allow-skips (anything). */
  readonly accepted: { readonly pactSkip: boolean; readonly anySkip: boolean };
  readonly checks: readonly CheckResult[];
  readonly durationMs: number;
}
