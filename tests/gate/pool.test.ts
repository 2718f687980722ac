/**
 * The pool runs at most N jobs at once, never two that share a key, and those in index order: so cases
 * addressing one session run as they would one after another, whatever N is.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runPool, type PoolJob } from '../../contracts/gate/pool.ts';

function jobs(keys: readonly (readonly string[])[]): PoolJob<number>[] {
  return keys.map((jobKeys, index) => ({ index, item: index, keys: jobKeys }));
}

describe('the pool', () => {
  it('keeps at most N jobs in flight, and runs every job once', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await runPool(jobs(Array.from({ length: 40 }, (_, index) => [`s${index}`])), {
      workers: 5,
      run: async (item) => {
        most = Math.max(most, ++inFlight);
        await sleep(1 + (item % 3));
        inFlight--;
        return item;
      },
      done: (index) => done.push(index),
    });
    expect(most).toBe(5);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index));
  });

  it('never overlaps jobs that share a key, and runs them in index order (a job may name one key twice)', async () => {
    const keys = Array.from({ length: 30 }, (_, index) => [`s${index % 4}`, `s${index % 4}`, `own${index}`]);
    const running = new Set<string>();
    const order = new Map<string, number[]>();
    await runPool(jobs(keys), {
      workers: 8,
      run: async (item) => {
        const key = keys[item]![0]!;
        expect(running.has(key)).toBe(false);
        running.add(key);
        order.set(key, [...(order.get(key) ?? []), item]);
        // The later job of a key finishes first if it can: it must not be allowed to start early.
        await sleep(item % 2 === 0 ? 4 : 1);
        running.delete(key);
      },
      done: () => {},
    });
    for (const [key, items] of order) {
      expect(items).toEqual(keys.map((_, index) => index).filter((index) => keys[index]![0] === key));
    }
  });

  it('skips jobs it is told not to admit, and throws the first error once the jobs under way have ended', async () => {
    const ran: number[] = [];
    await runPool(jobs(Array.from({ length: 10 }, () => [])), {
      workers: 3,
      admit: (index) => index < 4,
      run: async (item) => {
        ran.push(item);
        await sleep(1);
      },
      done: () => {},
    });
    expect(ran.sort()).toEqual([0, 1, 2, 3]);

    let under = 0;
    const failing = runPool(jobs(Array.from({ length: 10 }, () => [])), {
      workers: 3,
      run: async (item) => {
        under++;
        await sleep(item === 1 ? 1 : 5);
        under--;
        if (item === 1) throw new Error('states URL gone');
      },
      done: () => {},
    });
    await expect(failing).rejects.toThrow('states URL gone');
    expect(under).toBe(0);
  });
});
