/**
 * When a request may start: at most `limit` in flight (FIFO), no more than a rate's worth starting in any
 * one second, and none while a throttling provider asked to wait.
 *
 * Two things adapt to a provider that throttles, as TCP adapts to loss: the in-flight limit halves once per
 * throttle event (throttles of requests started before the last halving belong to the same event) and
 * climbs back by one every few answers; and the rate learns what the provider accepted in the second before
 * the throttle (a margin off), then climbs back one request a second at a time. A provider that declares
 * its rate (RateLimit-Policy) is taken at its word. So a gate that overran a provider settles just under
 * what it takes, and after a cold start climbs back to --workers.
 *
 * A burst request (one of several that must be in flight together: concurrent stops of one session) is
 * not held back by the in-flight limit, nor spaced by the rate cap: only the one-second window binds it.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const SECOND_MS = 1000;
/**
 * The window a rate is held to is this much longer than a second: requests reach the provider with a few
 * milliseconds of jitter, and a provider counting arrivals in a sliding second would otherwise now and
 * then see one too many, and throttle everyone for a second.
 */
const WINDOW_SLACK_MS = 25;

interface PacerOptions {
  readonly maxInFlight: number;
  /** The user's cap (--max-rps); never exceeded, whatever is learned. */
  readonly maxRps: number | undefined;
  /** Unthrottled answers in a row that raise a lowered in-flight limit by one. */
  readonly recoverAfter: number;
  /** How often a learned rate is raised by one request a second. */
  readonly rateStepMs: number;
  /** The learned rate: this share of what was accepted in the second before a throttle. */
  readonly rateBackoff: number;
}

/** Given out with each start: which throttle event it belongs to. */
export interface Start {
  readonly at: number;
  readonly epoch: number;
}

export class Pacer {
  private inFlight = 0;
  private limit: number;
  /** Resolvers of requests waiting for a slot, first come first served; a resend goes in front. */
  private readonly waiting: Array<() => void> = [];
  /** Start times handed out (non-decreasing) in the last second or so: the one-second window. */
  private readonly starts: number[] = [];
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastSpaced = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private unthrottled = 0;
  /** Incremented by each throttle event that lowered the limits. */
  private epoch = 0;
  /** Start times of the requests answered without a throttle, the last second of them. */
  private readonly accepted: number[] = [];
  private learnedRps: number | undefined;
  private learnedAt = 0;
  /** When sending last resumed after a pause (or first began): a rate is learned only from a full second of it. */
  private sendingSince: number;
  private declaredRps: number | undefined;
  /** The most the provider accepted in a second before a throttle, a margin off: the --max-rps that would have kept it from throttling. */
  private suggested: number | undefined;
  private readonly stop = new AbortController();

  constructor(private readonly options: PacerOptions) {
    this.limit = options.maxInFlight;
    this.sendingSince = performance.now();
    // Every sleeping request listens to it: as many as are in flight, far past the default warning at 10.
    setMaxListeners(0, this.stop.signal);
  }

  /** The in-flight limit now (maxInFlight unless throttling lowered it). */
  currentLimit(): number {
    return this.limit;
  }

  /** The requests a second starts are held to now (undefined: none). */
  currentRps(): number | undefined {
    const caps = [this.options.maxRps, this.learnedRps, this.declaredRps].filter((cap) => cap !== undefined);
    return caps.length === 0 ? undefined : Math.min(...caps);
  }

  /** The most the provider accepted in the second before a throttle, a margin off; undefined if it accepted nothing first. */
  suggestedMaxRps(): number | undefined {
    return this.suggested;
  }

  /** Waits for a slot. `resend`: a request sent before and throttled, which goes ahead of new ones. */
  async acquire(burst: boolean, resend: boolean): Promise<void> {
    if (this.stop.signal.aborted) return;
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

  /** Resolves when the request may go: past any pause, and within the rate cap (at once once interrupted). */
  async startWhenAllowed(burst: boolean): Promise<Start> {
    for (;;) {
      const at = this.reserve(burst, performance.now());
      // Timers may wake a little early or late; the loop re-reads the clock rather than trusting them.
      for (let now = performance.now(); now < at && !this.stop.signal.aborted; now = performance.now()) {
        await sleep(Math.ceil(at - now), undefined, { signal: this.stop.signal }).catch(() => {});
      }
      // A throttle met meanwhile paused everyone, this request included.
      if (this.pausedUntil <= performance.now() || this.stop.signal.aborted) return { at, epoch: this.epoch };
    }
  }

  /**
   * A throttled answer to the request started as `start`: pause every start for `waitMs`, and if this is a
   * new throttle event, halve the in-flight limit and learn the rate. Returns the wall time the pause added.
   */
  throttled(waitMs: number, start: Start): number {
    const now = performance.now();
    // A provider that has accepted nothing in the last second is not overrun but not ready (a cold start):
    // its Retry-After is waited out, and the limits stay where they are.
    if (start.epoch === this.epoch && this.acceptedInLastSecond(now) > 0) {
      this.epoch++;
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.unthrottled = 0;
      this.learn(now);
    }
    return this.pause(waitMs);
  }

  /**
   * The rate is learned only from a full second of sending (no pause in it: a second cut by a pause says
   * what the pause allowed, not the provider), from what was accepted in it; nothing accepted is a provider
   * not ready (a cold start), not a rate. A learned rate is lowered again only while it binds: a provider
   * that throttles by count, whatever the rate, does not drive it down to nothing.
   */
  private learn(now: number): void {
    const accepted = this.acceptedInLastSecond(now);
    if (now - this.sendingSince < SECOND_MS) return;
    if (this.learnedRps !== undefined && accepted < this.learnedRps - 1) return;
    this.learnedRps = Math.max(1, Math.floor(accepted * this.options.rateBackoff));
    this.learnedAt = now;
    this.suggested = Math.max(this.suggested ?? 0, this.learnedRps);
  }

  /** Pauses every start for `waitMs` (a throttle's wait, or a used-up quota until it resets). Returns the wall time added. */
  pause(waitMs: number): number {
    const now = performance.now();
    const until = now + waitMs;
    const added = Math.max(0, until - Math.max(now, this.pausedUntil));
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.sendingSince = Math.max(this.sendingSince, this.pausedUntil);
    return added;
  }

  /** The rate the provider says it allows (its RateLimit-Policy), taken as a cap while it keeps saying so. */
  declare(rps: number): void {
    this.declaredRps = rps;
  }

  /** An answer that was not a throttle, to a request started at `start`: the limits climb back. */
  answered(start: Start): void {
    const now = performance.now();
    this.accepted.push(start.at);
    this.acceptedInLastSecond(now);
    if (this.learnedRps !== undefined && now - this.learnedAt >= this.options.rateStepMs) {
      this.learnedAt = now;
      // Raised only while it binds: a rate the run no longer reaches says nothing about the provider.
      if (this.accepted.length >= this.learnedRps - 1) this.learnedRps++;
    }
    if (this.limit >= this.options.maxInFlight) return;
    if (++this.unthrottled >= this.options.recoverAfter) {
      this.limit++;
      this.unthrottled = 0;
      this.admit();
    }
  }

  /** Every waiting request goes at once (to find the run interrupted); nothing waits any more. */
  interrupt(): void {
    this.stop.abort();
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private acceptedInLastSecond(now: number): number {
    while (this.accepted.length > 0 && this.accepted[0]! <= now - SECOND_MS) this.accepted.shift();
    return this.accepted.length;
  }

  private admit(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }

  /**
   * Hands out the earliest start allowed. Start times only grow, so the window check is one comparison:
   * a start at least a second after the rps-th latest leaves at most rps in any second.
   */
  private reserve(burst: boolean, now: number): number {
    let at = Math.max(now, this.pausedUntil);
    const rps = this.currentRps();
    if (rps === undefined) return at;
    const perSecond = Math.max(1, Math.floor(rps));
    at = Math.max(at, this.lastStart);
    if (!burst) at = Math.max(at, this.lastSpaced + SECOND_MS / rps);
    if (this.starts.length >= perSecond)
      at = Math.max(at, this.starts[this.starts.length - perSecond]! + SECOND_MS + WINDOW_SLACK_MS);
    this.starts.push(at);
    // Older than a second before the latest start, a start can bind no later one.
    while (this.starts.length > 0 && this.starts[0]! < at - SECOND_MS - WINDOW_SLACK_MS) this.starts.shift();
    this.lastStart = at;
    if (!burst) this.lastSpaced = at;
    return at;
  }
}
