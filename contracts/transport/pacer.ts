/**
 * When a request may start: at most `limit` in flight (FIFO), no more than `maxRps` starting in any one
 * second, and none while a throttling provider asked to wait. The in-flight limit halves on a throttle and
 * climbs back one at a time after answers that were not (additive increase, multiplicative decrease, as
 * TCP does), so a gate that overran a provider settles just under what it takes.
 *
 * A burst request (one of several that must be in flight together: concurrent stops of one session) is
 * not held back by the in-flight limit, nor spaced by the rate cap: only the one-second window binds it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const SECOND_MS = 1000;

export class Pacer {
  private inFlight = 0;
  private limit: number;
  /** Resolvers of requests waiting for a slot, first come first served; a resend goes in front. */
  private readonly waiting: Array<() => void> = [];
  /** Start times handed out (non-decreasing), the last `maxRps` of them: the one-second window. */
  private readonly starts: number[] = [];
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastSpaced = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private unthrottled = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxRps: number | undefined,
    private readonly recoverAfter: number,
  ) {
    this.limit = maxInFlight;
  }

  /** The in-flight limit now (maxInFlight unless throttling lowered it). */
  currentLimit(): number {
    return this.limit;
  }

  /** Waits for a slot. `resend`: a request sent before and throttled, which goes ahead of new ones. */
  async acquire(burst: boolean, resend: boolean): Promise<void> {
    if (burst || (this.inFlight < this.limit && this.waiting.length === 0)) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => {
      if (resend) this.waiting.unshift(resolve);
      else this.waiting.push(resolve);
    });
  }

  release(): void {
    this.inFlight--;
    this.admit();
  }

  /** Resolves when the request may go: past any pause, and within the rate cap. */
  async startWhenAllowed(burst: boolean): Promise<void> {
    for (;;) {
      const at = this.reserve(burst, performance.now());
      // Timers may wake a little early or late; the loop re-reads the clock rather than trusting them.
      for (let now = performance.now(); now < at; now = performance.now()) await sleep(Math.ceil(at - now));
      // A throttle met meanwhile paused everyone, this request included.
      if (this.pausedUntil <= performance.now()) return;
    }
  }

  /** A throttled answer: halve the limit and pause every start for `waitMs`. Returns the wall time the pause added. */
  throttled(waitMs: number): number {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.unthrottled = 0;
    const now = performance.now();
    const until = now + waitMs;
    const added = Math.max(0, until - Math.max(now, this.pausedUntil));
    this.pausedUntil = Math.max(this.pausedUntil, until);
    return added;
  }

  /** An answer that was not a throttle: after enough of them in a row, one more request may be in flight. */
  answered(): void {
    if (this.limit >= this.maxInFlight) return;
    if (++this.unthrottled >= this.recoverAfter) {
      this.limit++;
      this.unthrottled = 0;
      this.admit();
    }
  }

  private admit(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }

  /**
   * Hands out the earliest start allowed. Start times only grow, so the window check is one comparison:
   * a start at least a second after the maxRps-th latest leaves at most maxRps in any second.
   */
  private reserve(burst: boolean, now: number): number {
    let at = Math.max(now, this.pausedUntil);
    if (this.maxRps === undefined) return at;
    at = Math.max(at, this.lastStart);
    if (!burst) at = Math.max(at, this.lastSpaced + SECOND_MS / this.maxRps);
    if (this.starts.length >= this.maxRps)
      at = Math.max(at, this.starts[this.starts.length - this.maxRps]! + SECOND_MS);
    this.starts.push(at);
    if (this.starts.length > this.maxRps) this.starts.splice(0, this.starts.length - this.maxRps);
    this.lastStart = at;
    if (!burst) this.lastSpaced = at;
    return at;
  }
}
