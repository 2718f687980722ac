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
  GATE_THROTTLE_MAX_RESENDS,
  GATE_THROTTLE_MAX_WAIT_MS,
  GATE_THROTTLE_RECOVER_AFTER,
  GATE_THROTTLE_RUN_BUDGET_MS,
} from '../config.ts';
import type { WireResponse } from './types.ts';

export interface ThrottlePolicy {
  /** The longest single wait, whatever Retry-After says. */
  readonly maxWaitMs: number;
  /** The first wait when no usable Retry-After came; doubled for each further throttle of the same request. */
  readonly backoffMs: number;
  /** Throttles of one request in a row after which the gate gives up. */
  readonly maxResends: number;
  /** Waits one request may be told to make in all before the gate gives up. */
  readonly giveUpMs: number;
  /** Time the whole run may spend paused by throttling before the gate gives up. */
  readonly runBudgetMs: number;
  /** Unthrottled answers in a row that raise a lowered in-flight limit by one. */
  readonly recoverAfter: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  maxWaitMs: GATE_THROTTLE_MAX_WAIT_MS,
  backoffMs: GATE_THROTTLE_BACKOFF_MS,
  maxResends: GATE_THROTTLE_MAX_RESENDS,
  giveUpMs: GATE_THROTTLE_GIVE_UP_MS,
  runBudgetMs: GATE_THROTTLE_RUN_BUDGET_MS,
  recoverAfter: GATE_THROTTLE_RECOVER_AFTER,
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

/** How long to wait after the `throttles`-th throttle in a row of one request (1-based). */
export function waitMs(toldMs: number | undefined, throttles: number, policy: ThrottlePolicy): number {
  const wanted = toldMs ?? policy.backoffMs * 2 ** Math.min(throttles - 1, 30);
  return Math.min(wanted, policy.maxWaitMs);
}
