/**
 * The building blocks of a schema's near-misses. Each option is at once a weighted arbitrary (for random
 * draws) and the list of strata it is made of (for trying every place × way), so both views come from
 * one construction and cannot disagree.
 */
import fc from 'fast-check';
import type { NearMiss, NearMissKind, NearMissStratum } from '../NearMiss.ts';
import type { StringBreaker } from './stringEdits.ts';

export interface Option {
  readonly weight: number;
  readonly arbitrary: fc.Arbitrary<NearMiss>;
  readonly strata: readonly NearMissStratum[];
}

export const miss = (kind: NearMissKind, why: string, value: unknown, pointer = ''): NearMiss => ({
  pointer,
  kind,
  why,
  value,
});

/** One stratum; `site` when the breakage is below the node itself (a dropped property). */
export function leaf(
  weight: number,
  kind: NearMissKind,
  label: string,
  arbitrary: fc.Arbitrary<NearMiss>,
  site = '',
): Option {
  return { weight, arbitrary, strata: [{ site, kind, label, arbitrary }] };
}

/** Several options drawn as one (`weight` in total), each keeping its own strata. */
export function group(weight: number, options: readonly Option[]): Option | undefined {
  if (options.length === 0) return undefined;
  return {
    weight,
    arbitrary:
      options.length === 1
        ? options[0]!.arbitrary
        : fc.oneof(...options.map(({ weight: w, arbitrary }) => ({ weight: w, arbitrary }))),
    strata: options.flatMap((option) => option.strata),
  };
}

/** A table of string breakers: one stratum per breaker. */
export function breakerFamily(weight: number, kind: NearMissKind, breakers: readonly StringBreaker[]): Option {
  const options = breakers.map(({ why, build }) =>
    leaf(
      1,
      kind,
      why,
      build.map((value) => miss(kind, why, value)),
    ),
  );
  return group(weight, options)!;
}

/**
 * Puts the near-misses of a part inside a valid whole: `site` is where the part sits (`/tasks/*`) and
 * `embed` turns a near-miss of the part into one of the whole.
 */
export function embedded(
  weight: number,
  site: string,
  part: Option,
  embed: (inner: fc.Arbitrary<NearMiss>) => fc.Arbitrary<NearMiss>,
): Option {
  return {
    weight,
    arbitrary: embed(part.arbitrary),
    strata: part.strata.map((stratum) => ({
      ...stratum,
      site: site + stratum.site,
      arbitrary: embed(stratum.arbitrary),
    })),
  };
}

/** The sum of the options' weights: how many ways a part has of missing, for weighing it among its siblings. */
export const waysOf = (options: readonly Option[]): number => options.reduce((sum, option) => sum + option.weight, 0);
