/**
 * What counts as a provider asking the gate to slow down, how long to wait before sending the same
 * request again, and when to stop asking. Pure: the sender applies it (contracts/transport/sender.ts).
 *
 * A 429 always asks to slow down. A 503 does only with Retry-After (RFC 9110 §15.6.4: the server says
 * when to come back); a bare 503 is the provider failing, which `not_a_server_error` must see.
 */
import {
  GATE_THROTTLE_BACKOFF_MS,
  GATE_THROTTLE_GIVE_UP_MS,
  GATE_THROTTLE_MAX_WAIT_MS,
  GATE_THROTTLE_RATE_BACKOFF,
  GATE_THROTTLE_RATE_STEP_MS,
  GATE_THROTTLE_RECOVER_AFTER,
  GATE_THROTTLE_RUN_BUDGET_MS,
} from '../config.ts';
import type { WireResponse } from './types.ts';

export interface ThrottlePolicy {
  /** The longest single wait, whatever Retry-After says. */
  readonly maxWaitMs: number;
  /**
   * The first wait when no usable Retry-After came; doubled for each further throttle of the same request.
   * From a request's second throttle on, `Retry-After: 0` is backed off from the same way.
   */
  readonly backoffMs: number;
  /** How long one request may go on being throttled (from its first throttle) before the gate gives up. */
  readonly giveUpMs: number;
  /** Time the whole run may spend paused by throttling before the gate gives up. */
  readonly runBudgetMs: number;
  /** Unthrottled answers in a row that raise a lowered in-flight limit by one. */
  readonly recoverAfter: number;
  /** How often a rate learned from a throttle is raised by one request a second. */
  readonly rateStepMs: number;
  /** The learned rate: this share of what the provider accepted in the second before a throttle. */
  readonly rateBackoff: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  maxWaitMs: GATE_THROTTLE_MAX_WAIT_MS,
  backoffMs: GATE_THROTTLE_BACKOFF_MS,
  giveUpMs: GATE_THROTTLE_GIVE_UP_MS,
  runBudgetMs: GATE_THROTTLE_RUN_BUDGET_MS,
  recoverAfter: GATE_THROTTLE_RECOVER_AFTER,
  rateStepMs: GATE_THROTTLE_RATE_STEP_MS,
  rateBackoff: GATE_THROTTLE_RATE_BACKOFF,
};

/**
 * Retry-After in milliseconds from `nowMs`: delay-seconds or an HTTP-date (a date in the past is 0).
 * Undefined when absent or unreadable: the caller backs off instead.
 */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form has a time of day; Date.parse alone would also take "in 2026" or "5 GMT".
  if (!/\b\d{2}:\d{2}:\d{2}\b/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Whether this answer asks the gate to wait and send again; and if so, how long it said (undefined: it did not say). */
export function throttleOf(
  response: WireResponse,
  nowMs: number,
): { readonly status: number; readonly toldMs: number | undefined } | undefined {
  const retryAfter = response.headers['retry-after'];
  if (response.status === 429 || (response.status === 503 && retryAfter !== undefined)) {
    return { status: response.status, toldMs: retryAfterMs(retryAfter, nowMs) };
  }
  return undefined;
}

/**
 * How long to wait after the `throttles`-th throttle in a row of one request (1-based): what Retry-After
 * says, when it says a time; otherwise the doubling backoff. `Retry-After: 0` counts as saying nothing from
 * a request's second throttle on, so a provider answering it again and again is backed off from (0, then
 * the backoff doubling), not hammered until the gate gives up.
 */
export function waitMs(toldMs: number | undefined, throttles: number, policy: ThrottlePolicy): number {
  const backoff = (n: number) => policy.backoffMs * 2 ** Math.min(Math.max(n, 0), 30);
  const wanted =
    toldMs === undefined ? backoff(throttles - 1) : toldMs > 0 || throttles === 1 ? toldMs : backoff(throttles - 2);
  return Math.min(wanted, policy.maxWaitMs);
}

/** A `name=10` (or `name="10"`) parameter of a rate-limit field. Every answer is read: built once, not per answer. */
function paramPattern(name: string): RegExp {
  return new RegExp(`(?:^|[;,\\s])${name}\\s*=\\s*"?(\\d+(?:\\.\\d+)?)`, 'i');
}
const PARAM = {
  q: paramPattern('q'),
  w: paramPattern('w'),
  remaining: paramPattern('remaining'),
  r: paramPattern('r'),
  reset: paramPattern('reset'),
  t: paramPattern('t'),
};
/** A bare number leading a field (`10`, `10;w=1`). */
const LEADING = /^\s*(\d+)\s*(?:[;,]|$)/;

function param(text: string | undefined, pattern: RegExp): number | undefined {
  const match = text === undefined ? null : pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

function leading(text: string | undefined): number | undefined {
  const match = text === undefined ? null : LEADING.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * What an answer's rate-limit headers say, any status: the rate the provider declares (requests a second),
 * and, when its quota is used up, how long until it resets. Read from the IETF draft's `RateLimit-Policy`
 * (`10;w=1`, or `"name";q=10;w=1`), `RateLimit` (`limit=10, remaining=0, reset=1`, or `"name";r=0;t=1`),
 * `RateLimit-Limit`/`-Remaining`/`-Reset`, and the common `X-RateLimit-*` (a reset past 10^9 is a Unix
 * time). A limit without a window says no rate; what cannot be read is ignored.
 */
export function rateLimitOf(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): { readonly rps?: number; readonly resetMs?: number } {
  const policy = headers['ratelimit-policy'];
  const combined = headers['ratelimit'];
  // Several policies (per second, per hour, …) may be listed: the gate is bound by the tightest rate.
  const rates = (policy?.split(',') ?? []).flatMap((item) => {
    const quota = param(item, PARAM.q) ?? leading(item);
    const window = param(item, PARAM.w);
    return quota !== undefined && window !== undefined && window > 0 && quota > 0 ? [quota / window] : [];
  });
  const rps = rates.length > 0 ? Math.min(...rates) : undefined;
  const remaining =
    param(combined, PARAM.remaining) ??
    param(combined, PARAM.r) ??
    leading(headers['ratelimit-remaining']) ??
    leading(headers['x-ratelimit-remaining']);
  const resetRaw =
    param(combined, PARAM.reset) ??
    param(combined, PARAM.t) ??
    leading(headers['ratelimit-reset']) ??
    leading(headers['x-ratelimit-reset']);
  const resetMs =
    remaining === 0 && resetRaw !== undefined
      ? resetRaw > 1e9
        ? Math.max(0, resetRaw * 1000 - nowMs)
        : resetRaw * 1000
      : undefined;
  return { ...(rps !== undefined ? { rps } : {}), ...(resetMs !== undefined ? { resetMs } : {}) };
}
