/**
 * The property-based part of the gate: cases drawn by fast-check, each judged by every selected check.
 *
 * The verdict must not depend on how many workers run the cases nor on which answer comes back first, so:
 * - every case is drawn from the seed up front (`fc.sample` gives the cases `fc.check` would run, in the
 *   same order: tests/gate/engine.test.ts proves it), and they run in a pool (pool.ts); a shard runs its
 *   share of the indices;
 * - each check's failure is the one at the LOWEST index among the cases run: one failing check never hides
 *   another, and arrival order plays no part;
 * - each failing check is then shrunk from that index alone (`path: "<index>"`), one candidate at a time,
 *   a candidate counting as failing only if it breaks that same check, within a budget that is a count;
 * - tallies count the cases run, never shrink candidates: the same for any number of workers.
 * A replay (`--replay-path`) runs the path's case and nothing else: no further shrinking.
 */
import fc from 'fast-check';
import { gateCase } from '../arbitraries/requests/gateCase.ts';
import type { Check, Judgement } from '../checks/check.ts';
import type { CheckFailure, CheckName } from '../checks/failure.ts';
import { GATE_HANG_BREAKER, GATE_SHRINK_BUDGET_CANDIDATES, GATE_SHRINK_BUDGET_TIMEOUTS } from '../config.ts';
import type { GateCase } from './case.ts';
import { siblingId } from './execute.ts';
import { runPool } from './pool.ts';
import type { CaseRecord } from './record.ts';
import { shardIndices, type Shard } from './shard.ts';

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

function failureOf(judgements: readonly Judgement[] | undefined): CheckFailure | undefined {
  return judgements?.find((judgement) => judgement.failure)?.failure;
}

/** A uuid written with or without hyphens, inside any longer text (a URN, braces, a near miss). */
const UUID_INSIDE = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/g;

/**
 * The session ids a case may touch, in lower case: the one it sets up, that one's control sibling, the id
 * its request addresses, and any uuid inside that id (a faulty provider may read `urn:uuid:…` as the uuid).
 * Cases sharing one run one after another, in index order (see pool.ts).
 */
export function sessionKeys(generated: GateCase): string[] {
  const addressed = generated.request.sessionId.toLowerCase();
  const inside = (addressed.match(UUID_INSIDE) ?? []).map((id) =>
    id.replace(/-/g, '').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  );
  const keys = [addressed, ...inside];
  if (generated.setup) keys.push(generated.setup.sessionId.toLowerCase(), siblingId(generated.setup.sessionId));
  return keys;
}

interface Executed {
  /** Kept only for a case that broke a check: a passing case (with bodies of up to megabytes) is not needed again. */
  readonly record: CaseRecord | undefined;
  readonly judged: Judged;
  readonly requests: number;
  readonly timeouts: number;
}

/**
 * Decides, by index and never by arrival, where the hang breaker cuts the run: walking the cases in index
 * order, once no_hang has failed, the case at which GATE_HANG_BREAKER more requests have timed out is the
 * last one counted. Cases after it are not started, and any already run are left out of every count.
 */
class HangBreaker {
  private next = 0;
  private hangFailed = false;
  private timeoutsAfter = 0;
  /** Position (in the run's indices) of the last case counted, once the breaker has tripped. */
  cutAt: number | undefined;

  constructor(
    private readonly indices: readonly number[],
    private readonly executed: ReadonlyMap<number, Executed>,
  ) {}

  advance(): void {
    while (this.cutAt === undefined && this.next < this.indices.length) {
      const entry = this.executed.get(this.indices[this.next]!);
      if (!entry) return;
      if (this.hangFailed) this.timeoutsAfter += entry.timeouts;
      if (failureOf(entry.judged.get('no_hang'))) this.hangFailed = true;
      if (this.hangFailed && this.timeoutsAfter >= GATE_HANG_BREAKER) this.cutAt = this.next;
      this.next++;
    }
  }

  admits(index: number): boolean {
    return this.cutAt === undefined || index <= this.indices[this.cutAt]!;
  }
}

export async function fuzz(options: FuzzOptions): Promise<FuzzOutcome> {
  const arbitrary = gateCase({ sessions: options.sessions });
  if (options.replayPath !== undefined) return replay(options, arbitrary, options.replayPath);

  const cases = fc.sample(arbitrary, { seed: options.seed, numRuns: options.runs });
  const indices = shardIndices(options.runs, options.shard);
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

  if (cutShort) {
    if (firstFailing.size === 0) throw cutShort.error;
    const failures = [...firstFailing.values()].map(({ index, record, failure }) => ({
      failure,
      record,
      seed: options.seed,
      path: String(index),
      shrinks: 0,
    }));
    const reason = cutShort.error instanceof Error ? cutShort.error.message : String(cutShort.error);
    return {
      cases: counted.length,
      indices: counted,
      requests: countedRequests,
      tallies,
      failures,
      stoppedEarly: `stopped after ${counted.length} of ${indices.length} cases, unshrunk: ${reason}`,
    };
  }

  // One shrink at a time, in the checks' order: shrunk cases tend to the same small ids, so two at once would collide.
  const failures: FoundFailure[] = [];
  for (const check of options.checks) {
    const first = firstFailing.get(check.name);
    if (!first) continue;
    options.log?.(
      `shrinking the ${check.name} failure of case ${first.index} (at most ${GATE_SHRINK_BUDGET_CANDIDATES} candidates, one at a time)`,
    );
    failures.push(await shrink(options, arbitrary, check, first));
  }
  const stoppedEarly =
    breaker.cutAt === undefined
      ? undefined
      : `stopped after ${counted.length} of ${indices.length} cases: ${GATE_HANG_BREAKER} more requests timed out after no_hang had failed`;
  return { cases: counted.length, indices: counted, requests: countedRequests, tallies, failures, stoppedEarly };
}

/**
 * Shrinks one check's failure from the index it was found at. The first case fast-check runs on that path
 * is the one that already failed (its record is reused, not sent again); every later one is a candidate,
 * judged by this check alone. Past the budget (so many candidates, or so many of their requests timed out)
 * every candidate "passes", so fast-check settles on the smallest failing case so far, whose path then
 * replays it exactly.
 */
async function shrink(
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

/** Runs the case at `path` once, judged by every selected check: no shrinking, so it is the case printed. */
async function replay(options: FuzzOptions, arbitrary: fc.Arbitrary<GateCase>, path: string): Promise<FuzzOutcome> {
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
  if (!record) return { cases: 0, indices: [], requests: 0, tallies: new Map(), failures: [], stoppedEarly: undefined };
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
  return { cases: 1, indices: [index], requests: record.exchanges.length, tallies, failures, stoppedEarly: undefined };
}
