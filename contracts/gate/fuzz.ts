/**
 * The property-based part of the gate: one async fast-check property over every kind of request, each
 * case judged by every selected check.
 *
 * One failing check must not hide another, and shrinking must not drift from one fault to another, so:
 * - a run stops at the first case that breaks a check; that check becomes the run's target, and while
 *   fast-check shrinks, a candidate counts as failing only if it breaks that same check;
 * - the property then runs again with the same seed, that check set aside, until it holds or every check
 *   has failed. A case already executed is not sent again: its judgements are kept by run index (the same
 *   seed yields the same case at the same index), so the counts cover each case once.
 */
import fc from 'fast-check';
import { gateCase } from '../arbitraries/requests/gateCase.ts';
import type { Check, Judgement } from '../checks/check.ts';
import type { CheckFailure, CheckName } from '../checks/failure.ts';
import { GATE_HANG_BREAKER, GATE_SHRINK_BUDGET_CANDIDATES, GATE_SHRINK_BUDGET_MS } from '../config.ts';
import type { GateCase, SessionSetup } from './case.ts';
import type { CaseRecord } from './record.ts';

export interface Tally {
  judged: number;
  failed: number;
}

export interface FoundFailure {
  readonly failure: CheckFailure;
  /** The shrunk case as it ran. */
  readonly record: CaseRecord;
  /** Replays with `--seed seed --replay-path path`; undefined for a case that was not generated (--session-id). */
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly shrinks: number;
}

export interface FuzzOptions {
  readonly checks: readonly Check[];
  readonly seed: number;
  readonly runs: number;
  readonly replayPath: string | undefined;
  readonly sessions: boolean;
  /** Runs a case; `next`: the session the next case to run will set up, if known (it may be set up meanwhile). */
  readonly execute: (gateCase: GateCase, next?: SessionSetup) => Promise<CaseRecord>;
}

export interface FuzzOutcome {
  /** Distinct cases executed outside shrinking. */
  readonly cases: number;
  /** Requests to the operation sent for them. */
  readonly requests: number;
  readonly tallies: ReadonlyMap<CheckName, Tally>;
  readonly failures: readonly FoundFailure[];
  /** Why fewer cases ran than asked for, if they did. */
  readonly stoppedEarly: string | undefined;
}

type Judged = ReadonlyMap<CheckName, readonly Judgement[]>;

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

function firstFailure(judged: Judged, setAside: ReadonlySet<CheckName>): CheckFailure | undefined {
  for (const [name, judgements] of judged) {
    if (setAside.has(name)) continue;
    const failing = judgements.find((judgement) => judgement.failure);
    if (failing) return failing.failure;
  }
  return undefined;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzOutcome> {
  const arbitrary = gateCase({ sessions: options.sessions });
  // The same seed draws the same cases as the run below, so each case's set-up is known before it runs
  // (a replayed path draws others). Only a hint: a case takes a set-up made ahead only if it is its own.
  const planned = options.sessions && options.replayPath === undefined
    ? fc.sample(arbitrary.map((generated) => generated.setup), { seed: options.seed, numRuns: options.runs })
    : [];
  // Records are kept only for cases that broke a check: a passing case (with its bodies of up to megabytes) is not needed again.
  const executed = new Map<number, { record: CaseRecord | undefined; judged: Judged }>();
  const tallies = new Map<CheckName, Tally>(options.checks.map((check) => [check.name, { judged: 0, failed: 0 }]));
  const failures: FoundFailure[] = [];
  const setAside = new Set<CheckName>();
  let requests = 0;
  // An error of the gate's own (the states URL gone mid-run) is not a property failure: it ends the run.
  let aborted: unknown;
  let timeoutsAfterHang = 0;
  const hangBroken = () => setAside.has('no_hang') && timeoutsAfterHang >= GATE_HANG_BREAKER;

  for (;;) {
    let index = 0;
    let target: CheckName | undefined;
    let found: { record: CaseRecord; failure: CheckFailure } | undefined;
    let shrinkingSince = 0;
    let shrinkCandidates = 0;

    const property = fc.asyncProperty(arbitrary, async (generated) => {
      if (aborted !== undefined) return true;
      try {
        if (target === undefined) {
          const at = index++;
          let entry = executed.get(at);
          if (!entry) {
            if (hangBroken()) return true;
            const record = await options.execute(generated, executed.has(at + 1) ? undefined : planned[at + 1]);
            if (setAside.has('no_hang')) timeoutsAfterHang += record.exchanges.filter((sent) => sent.transmission.kind === 'timeout').length;
            const judged = judge(options.checks, record);
            const broken = [...judged.values()].some((judgements) => judgements.some((judgement) => judgement.failure));
            entry = { record: broken ? record : undefined, judged };
            executed.set(at, entry);
            requests += record.exchanges.length;
            addTallies(tallies, entry.judged);
          }
          const failure = firstFailure(entry.judged, setAside);
          if (!failure) return true;
          target = failure.check;
          found = { record: entry.record!, failure };
          shrinkingSince = performance.now();
          shrinkCandidates = 0;
          return false;
        }
        // Shrinking. Past the budget every candidate "passes", so fast-check settles on the smallest failing
        // case so far. The budget is a count, so a seed shrinks to the same case on any machine; the time
        // limit only matters when candidates hang, and then no_hang has already failed.
        if (++shrinkCandidates > GATE_SHRINK_BUDGET_CANDIDATES || performance.now() - shrinkingSince > GATE_SHRINK_BUDGET_MS) return true;
        const check = options.checks.find((candidate) => candidate.name === target)!;
        const record = await options.execute(generated);
        const failing = check.judge(record).find((judgement) => judgement.failure);
        if (!failing) return true;
        found = { record, failure: failing.failure! };
        return false;
      } catch (error) {
        aborted = error;
        return true;
      }
    });

    const details = await fc.check(property, {
      seed: options.seed,
      numRuns: options.runs,
      ...(options.replayPath === undefined ? {} : { path: options.replayPath }),
    });
    if (aborted !== undefined) throw aborted;
    if (!details.failed || !found || target === undefined) break;
    failures.push({ failure: found.failure, record: found.record, seed: details.seed, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks });
    setAside.add(target);
    if (setAside.size === options.checks.length || options.replayPath !== undefined) break;
  }
  const stoppedEarly = hangBroken()
    ? `stopped after ${executed.size} of ${options.runs} cases: ${GATE_HANG_BREAKER} more requests timed out after no_hang had failed`
    : undefined;
  return { cases: executed.size, requests, tallies, failures, stoppedEarly };
}
