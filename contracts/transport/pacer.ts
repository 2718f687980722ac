/**
 * When a request may start: at most `limit` in flight (FIFO), no more than a rate's worth starting in any
 * one second, and none while a throttling provider asked to wait.
 *
 * Two things adapt to a provider that throttles, as TCP adapts to loss: the in-flight limit halves once per
 * throttle event (throttles of requests started before the last halving belong to the same event) and
 * climbs back by one every few answers; and the rate is AIMD'd: a throttle event sets it to what the provider
 * accepted in the second before (a margin off), it climbs back quickly to just under that (a rate the provider
 * was seen to take), then probes above it one request a second at a time, ever more rarely while each probe
 * finds the limit where it was. A provider that declares its rate (RateLimit-Policy) is taken at its word.
 * So a gate that overran a provider settles just under what it takes, and after a cold start climbs back to
 * --workers.
 *
 * The in-flight limit alone cannot hold a fast provider to a rate (on a near provider one request in flight is
 * hundreds a second): without a rate the gate meets a sliding-window limit as a burst of its whole quota in a
 * few milliseconds, a 429 to everything in flight, a Retry-After pause, and again, every second. So the rate is
 * learned from the first throttle, even when the gate has been sending for less than a second since a pause.
 *
 * A burst request (one of several that must be in flight together: concurrent stops of one session) is
 * not held back by the in-flight limit, nor spaced by the rate cap: only the one-second window binds it.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_THROTTLE_RATE_PROBE_DOUBLINGS, GATE_THROTTLE_RATE_REGAIN_MS } from '../config.ts';

const SECOND_MS = 1000;
/**
 * The window a rate is held to is this much longer than a second: requests reach the provider with a few
 * milliseconds of jitter, and a provider counting arrivals in a sliding second would otherwise now and
 * then see one too many, and throttle everyone for a second.
 */
const WINDOW_SLACK_MS = 25;

interface RateOptions {
  /** How often a learned rate is raised by one request a second above what the provider was seen to accept. */
  readonly rateStepMs: number;
  /** How often it is raised below that (default GATE_THROTTLE_RATE_REGAIN_MS). */
  readonly rateRegainMs?: number;
  /** The learned rate: this share of what was accepted in the second before a throttle. */
  readonly rateBackoff: number;
}

interface PacerOptions extends RateOptions {
  readonly maxInFlight: number;
  /** The user's cap (--max-rps); never exceeded, whatever is learned. */
  readonly maxRps: number | undefined;
  /** Unthrottled answers in a row that raise a lowered in-flight limit by one. */
  readonly recoverAfter: number;
}

/**
 * Times added, and how many fall in the last second: one sliding window, for the pacer and the sender. The
 * sender adds them in order; the rate learner adds start times as answers arrive, out of order, which is why
 * `count` counts rather than taking the length (and a late-added old time may outlive its second a little).
 */
export class LastSecond {
  private readonly times: number[] = [];

  add(at: number): void {
    this.times.push(at);
  }

  /** How many fall in the second up to `at`; later ones (added since, out of order) are not counted. */
  count(at: number): number {
    while (this.times.length > 0 && this.times[0]! <= at - SECOND_MS) this.times.shift();
    // The sender's case, on every request: nothing added after `at`, so every time left counts.
    if ((this.times.at(-1) ?? at) <= at) return this.times.length;
    return this.times.reduce((sum, time) => (time <= at ? sum + 1 : sum), 0);
  }
}

/**
 * The rate a throttling provider is held to, learned from its throttles: AIMD on the rate, one decrease per
 * throttle event. Told the time with every call (never reads a clock), so its decisions can be replayed.
 */
export class RateLearner {
  /** Start times of the requests answered without a throttle, the last second of them. */
  private readonly accepted = new LastSecond();
  private learnedRps: number | undefined;
  private learnedAt = 0;
  /** What the provider accepted in the second it last throttled a rate that bound: the most it is known to take. */
  private ceiling: number | undefined;
  /** Throttles in a row that found the limit where the one before did: each doubles the time between probes above it. */
  private confirmations = 0;
  /** When the rate cap last held a start back: a rate is raised or lowered only while it binds. */
  private heldAt = Number.NEGATIVE_INFINITY;
  /** Whether the rate was learned from a second cut short by a pause, and not yet borne out: see `throttled`. */
  private provisional = false;
  /** Requests accepted since the last throttle event. */
  private acceptedSinceEvent = 0;
  /** Whether a second cut short by a pause may teach a rate (not once the provider was seen to throttle by count). */
  private learnsFromShortSeconds = true;
  /** The most the provider accepted in a second before a throttle, a margin off: the --max-rps that would have kept it from throttling. */
  private suggested: number | undefined;

  constructor(private readonly options: RateOptions) {}

  /** The learned rate (undefined: none). */
  current(): number | undefined {
    return this.learnedRps;
  }

  suggestedMaxRps(): number | undefined {
    return this.suggested;
  }

  acceptedInLastSecond(now: number): number {
    return this.accepted.count(now);
  }

  /** The rate cap held a start back at `now`. */
  held(now: number): void {
    this.heldAt = now;
  }

  /** A request started at `at` was answered without a throttle: the rate climbs back, while it binds. */
  answered(at: number, now: number): void {
    this.accepted.add(at);
    this.acceptedSinceEvent++;
    if (this.provisional && this.acceptedSinceEvent > (this.ceiling ?? 0)) this.provisional = false;
    if (this.learnedRps === undefined || now - this.learnedAt < this.stepMs()) return;
    this.learnedAt = now;
    // Raised only while it binds: a rate the run no longer reaches says nothing about the provider.
    if (now - this.heldAt < SECOND_MS) this.learnedRps++;
  }

  /**
   * A throttle event (one per burst of throttles) at `now`, to a request started at `startedAt`;
   * `shortSecond`: sending resumed less than a second before, after a pause. The rate is learned from what
   * was accepted in the second before that request started (the second the provider counted when it
   * refused: the second before `now` would miss the answers the gate was slow to read, and learn too low);
   * nothing accepted is a provider not ready (a cold start), not a rate. A learned rate is lowered again
   * only while it binds: a provider that throttles by count, whatever the rate, does not drive it down to
   * nothing.
   *
   * A second cut short by a pause (a throttle's Retry-After) still teaches a rate: a provider that refused
   * after taking that many in under a second takes no more than that in a second. But a provider that
   * throttles every n-th request looks the same (n - 1 taken, then a 429) and a rate only slows the gate
   * against it; so a rate learned that way is provisional: throttled again before it took more than it did in
   * that second, the provider limits a count, not a rate (held under a rate limit, it would have taken that
   * many again and more). The rate is then forgotten, and from then on only a full second of sending (no
   * pause in it) teaches one.
   */
  throttled(now: number, startedAt: number, shortSecond: boolean): void {
    const accepted = this.accepted.count(startedAt);
    if (shortSecond && !this.learnsFromShortSeconds) return;
    this.acceptedSinceEvent = 0;
    if (this.provisional) {
      this.learnsFromShortSeconds = false;
      this.provisional = false;
      this.learnedRps = undefined;
      this.ceiling = undefined;
      return;
    }
    // Binding: the cap held a start back, and the provider took about the rate, or about the most it was
    // seen to take (past its limit it takes only its limit: `all of the rate` would read a rate set too high
    // as not binding and never lower it). A provider throttling by count, the gate paused half the second,
    // takes far less than either.
    const tookAbout = (rps: number | undefined) => rps === undefined || accepted >= rps * this.options.rateBackoff;
    const binding =
      now - this.heldAt < SECOND_MS &&
      (tookAbout(this.learnedRps) || (this.ceiling !== undefined && accepted >= this.ceiling - 1));
    if (this.learnedRps !== undefined && !binding) return;
    // The same limit met again (within one request of it, arrival jitter): probes above it go ever more rarely.
    this.confirmations =
      this.ceiling !== undefined && Math.abs(accepted - this.ceiling) <= 1 ? this.confirmations + 1 : 0;
    this.ceiling = accepted;
    this.learnedRps = Math.max(1, Math.floor(accepted * this.options.rateBackoff));
    this.provisional = shortSecond;
    this.learnedAt = now;
    this.suggested = Math.max(this.suggested ?? 0, this.learnedRps);
  }

  /**
   * How long a learned rate is held before it is raised by one: briefly while under the provider's known
   * limit (a rate it was seen to take); past it, a probe, whose failure costs a throttle and its pause, so
   * each throttle that confirmed the limit doubles the wait before the next.
   */
  private stepMs(): number {
    if (this.ceiling !== undefined && this.learnedRps !== undefined && this.learnedRps < this.ceiling - 1)
      return this.options.rateRegainMs ?? GATE_THROTTLE_RATE_REGAIN_MS;
    return this.options.rateStepMs * 2 ** Math.min(this.confirmations, GATE_THROTTLE_RATE_PROBE_DOUBLINGS);
  }
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
  private readonly rate: RateLearner;
  /** When sending last resumed after a pause (or first began): a second cut short by a pause teaches less. */
  private sendingSince: number;
  /** Whether sending (re)starts at `sendingSince` after a pause of a second or more. */
  private windowEmptied = false;
  private declaredRps: number | undefined;
  private readonly stop = new AbortController();

  constructor(private readonly options: PacerOptions) {
    this.limit = options.maxInFlight;
    this.rate = new RateLearner(options);
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
    const caps = [this.options.maxRps, this.rate.current(), this.declaredRps].filter((cap) => cap !== undefined);
    return caps.length === 0 ? undefined : Math.min(...caps);
  }

  /** The most the provider accepted in the second before a throttle, a margin off; undefined if it accepted nothing first. */
  suggestedMaxRps(): number | undefined {
    return this.rate.suggestedMaxRps();
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
    if (start.epoch === this.epoch && this.rate.acceptedInLastSecond(now) > 0) {
      this.epoch++;
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.unthrottled = 0;
      // A second cut short by a pause of a second or more may teach a rate (see RateLearner.throttled): the
      // provider's one-second window was then empty, so what it took since is a window's worth. A second cut
      // short otherwise (the run's first, or after a shorter pause) follows sending the gate cannot see in it;
      // and one in which the provider took fewer than --workers shows the gate's own pace (a few round trips
      // of a halved in-flight limit), not a rate: learned from it, a provider that throttles by count drove
      // the rate to 1/s.
      const sendingMs = now - this.sendingSince;
      const shortSecondTeaches =
        this.windowEmptied && this.rate.acceptedInLastSecond(start.at) >= this.options.maxInFlight;
      if (sendingMs >= SECOND_MS || shortSecondTeaches) this.rate.throttled(now, start.at, sendingMs < SECOND_MS);
    }
    return this.pause(waitMs);
  }

  /** Pauses every start for `waitMs` (a throttle's wait, or a used-up quota until it resets). Returns the wall time added. */
  pause(waitMs: number): number {
    const now = performance.now();
    const until = now + waitMs;
    const added = Math.max(0, until - Math.max(now, this.pausedUntil));
    this.pausedUntil = Math.max(this.pausedUntil, until);
    if (added > 0) this.windowEmptied = waitMs >= SECOND_MS;
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
    this.rate.answered(start.at, now);
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
    if (at > Math.max(now, this.pausedUntil)) this.rate.held(now);
    this.starts.push(at);
    // Older than a second before the latest start, a start can bind no later one.
    while (this.starts.length > 0 && this.starts[0]! < at - SECOND_MS - WINDOW_SLACK_MS) this.starts.shift();
    this.lastStart = at;
    if (!burst) this.lastSpaced = at;
    return at;
  }
}
