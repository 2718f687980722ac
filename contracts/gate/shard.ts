/**
 * A runner's share of the case indices when CI splits one run over n machines (`--shard i/n`). Every shard
 * draws the same cases from the same seed and `--runs`, and takes every n-th index, round-robin: drawn
 * cases get larger along the sequence, so contiguous blocks would leave the last shard the slowest.
 */
import type { Shard } from './config.ts';

export type { Shard };

/** This shard's share of a run's `indices` (by index, round-robin as above); all of them without a shard. */
export function inShard(indices: readonly number[], shard: Shard | undefined): number[] {
  return shard === undefined ? [...indices] : indices.filter((index) => index % shard.count === shard.index - 1);
}

/** Whether this runner verifies the pacts, which a sharded run does once: shard 1, or the only runner. */
export function isFirstShard(shard: Shard | undefined): boolean {
  return shard === undefined || shard.index === 1;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
