/**
 * The property-based part of the gate: cases drawn by fast-check, each judged by every selected check.
 *
 * The verdict must not depend on how many workers run the cases nor on which answer comes back first, so:
 * - every case is drawn from the seed up front (`fc.sample` gives the cases `fc.check` would run, in the
 *   same order: tests/gate/engine.test.ts proves it), the indices stratified so every kind of case runs
 *   (strata.ts), and they run in a pool (pool.ts); a shard runs its share of the indices;
 * - each check's failure is the one at the LOWEST index among the cases run: one failing check never hides
 *   another, and arrival order plays no part;
 * - each failing check is then shrunk from that index alone (`path: "<index>"`), one candidate at a time,
 *   a candidate counting as failing only if it breaks that same check, within a budget that is a count;
 * - tallies count the cases run, never shrink candidates: the same for any number of workers.
 * A replay (`--replay-path`) runs the path's case and nothing else: no further shrinking.
 */
import fc from 'fast-check';
import { gateCase } from '../../arbitraries/requests/gateCase.ts';
import type { CheckFailure, CheckName } from '../../checks/failure.ts';
import { GATE_HANG_BREAKER, GATE_SHRINK_BUDGET_CANDIDATES } from '../../config.ts';
import type { CaseRecord } from '../../model/record.ts';
import { Interrupted } from '../../errors.ts';
import { runPool } from '../pool.ts';
import { inShard } from '../shard.ts';
import { HangBreaker, type Executed } from './hang-breaker.ts';
import { addTallies, failureOf, judge, type Tally } from './judge.ts';
import { replay } from './replay.ts';
import { sessionKeys } from './session-keys.ts';
import { shrink } from './shrink.ts';
import { strataCount, stratifiedDraw, type StratifiedDraw } from './strata.ts';
import type { FoundFailure, FuzzOptions, FuzzOutcome } from './types.ts';

/** The run's cases, drawn from the seed up front (see above). */
export function drawCases(options: Pick<FuzzOptions, 'seed' | 'runs' | 'sessions'>): StratifiedDraw {
  const arbitrary = gateCase({ sessions: options.sessions });
  return stratifiedDraw((count) => fc.sample(arbitrary, { seed: options.seed, numRuns: count }), options);
}

export async function fuzz(options: FuzzOptions): Promise<FuzzOutcome> {
  const arbitrary = gateCase({ sessions: options.sessions });
  if (options.replayPath !== undefined) return replay(options, arbitrary, options.replayPath);

  const drawn = options.drawn ?? drawCases(options);
  const { cases } = drawn;
  const indices = inShard(drawn.indices, options.shard);
  const executed = new Map<number, Executed>();
  const breaker = new HangBreaker(indices, executed);
  const failing = new Set<CheckName>();
  let requests = 0;

  // A run cut short by the provider or its states URL (gone, throttling without end) keeps what it found:
  // a broken contract already seen is still exit 1, reported as found (unshrunk: shrinking needs them).
  let cutShort: { error: unknown } | undefined;
  await runPool(
    indices.map((index) => ({ index, item: cases[index]!, keys: sessionKeys(cases[index]!) })),
    {
      workers: options.workers,
      admit: (index) => breaker.admits(index),
      run: (generated) => options.execute(generated),
      done: (index, record) => {
        const judged = judge(options.checks, record);
        const broken = [...judged.values()].some((judgements) => failureOf(judgements));
        const timeouts = record.exchanges.filter((sent) => sent.transmission.kind === 'timeout').length;
        executed.set(index, {
          record: broken ? record : undefined,
          judged,
          requests: record.exchanges.length,
          timeouts,
        });
        breaker.advance();
        requests += record.exchanges.length;
        for (const [name, judgements] of judged) if (failureOf(judgements)) failing.add(name);
        options.progress?.({ done: executed.size, total: indices.length, requests, failing: failing.size });
      },
    },
  ).catch((error: unknown) => {
    cutShort = { error };
  });

  const counted = (breaker.cutAt === undefined ? indices : indices.slice(0, breaker.cutAt + 1)).filter((index) =>
    executed.has(index),
  );
  const tallies = new Map<CheckName, Tally>(options.checks.map((check) => [check.name, { judged: 0, failed: 0 }]));
  const firstFailing = new Map<CheckName, { index: number; record: CaseRecord; failure: CheckFailure }>();
  let countedRequests = 0;
  for (const index of counted) {
    const entry = executed.get(index)!;
    addTallies(tallies, entry.judged);
    countedRequests += entry.requests;
    for (const check of options.checks) {
      const failure = failureOf(entry.judged.get(check.name));
      if (failure && !firstFailing.has(check.name))
        firstFailing.set(check.name, { index, record: entry.record!, failure });
    }
  }

  // What every ending reports: the cases counted, and what was found in them.
  const outcome = (failures: FoundFailure[], stoppedEarly: string | undefined, shrinkingMs: number): FuzzOutcome => ({
    cases: counted.length,
    indices: counted,
    requests: countedRequests,
    tallies,
    failures,
    stoppedEarly,
    shrinkingMs,
    strata: strataCount(cases, counted),
  });

  if (cutShort) {
    // Interrupted (SIGINT/SIGTERM): what was judged is kept, for the partial reports.
    if (firstFailing.size === 0 && !(cutShort.error instanceof Interrupted)) throw cutShort.error;
    const failures = [...firstFailing.values()].map(({ index, record, failure }) => ({
      failure,
      record,
      seed: options.seed,
      path: String(index),
      shrinks: 0,
    }));
    const reason = cutShort.error instanceof Error ? cutShort.error.message : String(cutShort.error);
    return outcome(failures, `stopped after ${counted.length} of ${indices.length} cases, unshrunk: ${reason}`, 0);
  }

  // One shrink at a time, in the checks' order: shrunk cases tend to the same small ids, so two at once would collide.
  const failures: FoundFailure[] = [];
  let interruptedAt: Interrupted | undefined;
  let shrinkingMs = 0;
  for (const check of options.checks) {
    const first = firstFailing.get(check.name);
    if (!first) continue;
    const unshrunk = {
      failure: first.failure,
      record: first.record,
      seed: options.seed,
      path: String(first.index),
      shrinks: 0,
    };
    if (interruptedAt !== undefined) {
      failures.push(unshrunk);
      continue;
    }
    options.log?.(
      `shrinking the ${check.name} failure of case ${first.index} (at most ${GATE_SHRINK_BUDGET_CANDIDATES} candidates, one at a time)`,
    );
    const started = performance.now();
    try {
      const shrunk = await shrink(options, arbitrary, check, first);
      failures.push({ ...shrunk, shrinkMs: Math.round(performance.now() - started) });
    } catch (error) {
      // Interrupted while shrinking: the failure as found, unshrunk, rather than none.
      if (!(error instanceof Interrupted)) throw error;
      failures.push(unshrunk);
      interruptedAt = error;
    }
    shrinkingMs += Math.round(performance.now() - started);
  }
  if (interruptedAt !== undefined)
    return outcome(failures, `${interruptedAt.message} while shrinking: failures unshrunk from there on`, shrinkingMs);
  const stoppedEarly =
    breaker.cutAt === undefined
      ? undefined
      : `stopped after ${counted.length} of ${indices.length} cases: ${GATE_HANG_BREAKER} more requests timed out after no_hang had failed`;
  return outcome(failures, stoppedEarly, shrinkingMs);
}
