/**
 * A stratified draw: every kind of case a check needs is run, in any run of at least GATE_MIN_RUNS cases
 * and in every shard of a run big enough to be split (see GATE_CASES_PER_STRATUM). The cases are still the
 * seed's own sequence: the run takes its first `runs` indices, and, for each kind still missing from the
 * run or from a shard of it, the first later index of that kind in that shard. Nothing is reordered or
 * made up, so `fc.sample` still draws what `fc.check` runs, every index replays by its path, and the
 * indices do not depend on the shard asked for: shards split the one set of indices, whatever the workers.
 */
import type { CheckName } from '../../checks/failure.ts';
import { GATE_CASES_PER_STRATUM, GATE_MAX_STRATIFIED_SHARDS, GATE_STRATA_LOOKAHEAD } from '../../config.ts';
import type { GateCase } from '../../model/case.ts';
import { PROVIDER_STATES } from '../../model/states.ts';

/** The kinds of case, as the generators draw them (a case's intent, the state it sets up, a burst). */
export type Stratum =
  | 'simultaneous stops'
  | 'a stop of an active session'
  | 'a stop of a stopped session'
  | 'a stop of an absent session'
  | 'a stop of a made-up id'
  | 'a wrong key for an active session'
  | 'a wrong key'
  | 'an invalid request to an active session'
  | 'an invalid request';

const STATE_WORDS = {
  [PROVIDER_STATES.activeSessionWithRunningTasks]: 'an active session',
  [PROVIDER_STATES.stoppedSession]: 'a stopped session',
  [PROVIDER_STATES.noSession]: 'an absent session',
} as const;

function stratumOf(generated: GateCase): Stratum | undefined {
  if (generated.concurrency !== undefined) return 'simultaneous stops';
  const state = generated.setup?.state;
  const active = state === PROVIDER_STATES.activeSessionWithRunningTasks;
  switch (generated.intent) {
    case 'valid':
      return state === undefined ? 'a stop of a made-up id' : `a stop of ${STATE_WORDS[state]}`;
    case 'unauthorised':
      return active ? 'a wrong key for an active session' : state === undefined ? 'a wrong key' : undefined;
    case 'invalid':
      return active
        ? 'an invalid request to an active session'
        : state === undefined
          ? 'an invalid request'
          : undefined;
  }
}

/** Every kind a run draws from: with sessions from a states URL, or with made-up ids only. */
export function strataFor(sessions: boolean): readonly Stratum[] {
  return sessions
    ? [
        'simultaneous stops',
        'a stop of an active session',
        'a stop of a stopped session',
        'a stop of an absent session',
        'a wrong key for an active session',
        'an invalid request to an active session',
        'an invalid request',
      ]
    : ['a stop of a made-up id', 'a wrong key', 'an invalid request'];
}

/**
 * The kinds of case a check judges: a check that has none of them in a run was not given its chance; one
 * that had them and judged nothing was given answers it does not judge (its note says which).
 */
const CHECK_STRATA: Partial<Readonly<Record<CheckName, readonly Stratum[]>>> = {
  concurrent_stop_consistency: ['simultaneous stops'],
  stop_isolation: ['a stop of an active session'],
  stop_idempotence: ['a stop of an active session', 'a stop of a stopped session'],
  stop_semantics: ['a stop of an active session', 'a stop of a stopped session', 'a stop of an absent session'],
  auth_enforced: ['a wrong key for an active session', 'a wrong key'],
  negative_data_rejection: ['an invalid request to an active session', 'an invalid request'],
};

/** Why a check whose kinds of case ran judged none of them: the provider's answers, never the draw. */
const UNJUDGED_BECAUSE: Partial<Readonly<Record<CheckName, string>>> = {
  concurrent_stop_consistency:
    "no burst was answered with 200s all showing a date-time finishedAt and a stop after them agreeing with one of them (a finishedAt that moves on every stop is stop_idempotence's fault, not a lost update)",
  stop_isolation:
    'no stop of an active session, its control and its bystander were all answered 200 with a view stop_semantics accepts',
  stop_idempotence: 'no stop of an existing session was answered 200, so none was repeated',
};

/**
 * Why `check` judged nothing in a run that drew `strata`: none of its kinds of case ran (too few cases, a
 * run cut short, no states URL), or they ran and the provider's answers were not ones it judges.
 */
export function unjudgedReason(check: CheckName, strata: ReadonlyMap<Stratum, number>, cases: number): string {
  const kinds = CHECK_STRATA[check];
  const ran = kinds?.reduce((sum, kind) => sum + (strata.get(kind) ?? 0), 0) ?? cases;
  if (ran === 0)
    return `none of ${cases} cases was of the kind it judges (${kinds?.join('; ') ?? 'any'}): the run was cut short, or this shard is one of more than the run is stratified for (more --runs draws more)`;
  return `${ran} case(s) of the kind it judges ran, but ${UNJUDGED_BECAUSE[check] ?? "none of the provider's answers to them was one it judges (a fault another check owns)"}`;
}

/** The shard counts a run of `runs` cases is stratified for: 1 (the whole run), then 2 … up to the bound. */
function shardCounts(runs: number): number[] {
  const most = Math.max(1, Math.min(GATE_MAX_STRATIFIED_SHARDS, Math.floor(runs / GATE_CASES_PER_STRATUM)));
  return Array.from({ length: most }, (_, index) => index + 1);
}

export interface StratifiedDraw {
  /** The seed's cases, at least up to the highest index run. */
  readonly cases: readonly GateCase[];
  /** The indices the run executes, ascending: 0 … runs-1 and the later ones its strata needed. */
  readonly indices: readonly number[];
}

/** The run's cases and indices, `draw(n)` giving the seed's first n cases (see above). */
export function stratifiedDraw(
  draw: (count: number) => readonly GateCase[],
  options: { readonly runs: number; readonly sessions: boolean },
): StratifiedDraw {
  const { runs } = options;
  const strata = strataFor(options.sessions);
  const first = draw(runs);
  const kinds = first.map(stratumOf);
  const chosen = new Set(first.map((_, index) => index));
  const missing = (count: number, residue: number, stratum: Stratum) =>
    ![...chosen].some((index) => index % count === residue && kinds[index] === stratum);
  const needs = shardCounts(runs).flatMap((count) =>
    Array.from({ length: count }, (_, residue) => residue).flatMap((residue) =>
      strata.filter((stratum) => missing(count, residue, stratum)).map((stratum) => ({ count, residue, stratum })),
    ),
  );
  if (needs.length === 0) return { cases: first, indices: [...chosen] };
  // A short look ahead finds almost every kind; the long one only when it did not (each draw starts at 0 again).
  let cases = first;
  for (const ahead of [GATE_STRATA_LOOKAHEAD / 8, GATE_STRATA_LOOKAHEAD]) {
    cases = draw(runs + ahead);
    const all = cases.map(stratumOf);
    for (const { count, residue, stratum } of needs) {
      if (!missing(count, residue, stratum)) continue;
      for (let index = runs; index < cases.length; index++) {
        if (index % count !== residue || all[index] !== stratum) continue;
        chosen.add(index);
        kinds[index] = stratum;
        break;
      }
    }
    if (!needs.some(({ count, residue, stratum }) => missing(count, residue, stratum))) break;
  }
  return { cases, indices: [...chosen].sort((a, b) => a - b) };
}

/** How many of `indices` are of each kind. */
export function strataCount(cases: readonly GateCase[], indices: readonly number[]): Map<Stratum, number> {
  const counts = new Map<Stratum, number>();
  for (const index of indices) {
    const stratum = stratumOf(cases[index]!);
    if (stratum) counts.set(stratum, (counts.get(stratum) ?? 0) + 1);
  }
  return counts;
}
