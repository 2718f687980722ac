/**
 * What happened when a case ran, as data: every request the gate sent for it, in order, with what came
 * back. Checks read only this.
 */
import type { ProviderState } from './states.ts';
import type { Verdict } from '../validator.ts';
import type { GateCase, SessionSetup, UpdateRequest } from './case.ts';
import type { RequestClass } from './classify.ts';
import type { Transmission } from '../transport/types.ts';

/**
 * - `request`: the generated request, the one under test;
 * - `repeat`: the same session stopped again after a 200 (for stop_idempotence);
 * - `control`: a stop of another active session, whose finishedAt is the provider's own clock reading of a
 *   moment after the request: after an accepted stop, of a fresh session set up then; after a refused
 *   request, of the bystander (set up before the request's own session, so a stop that reached every
 *   session reached it too);
 * - `follow-up`: an authorised stop of the session after the refused request, whose finishedAt then
 *   says whether the refused request had already stopped it;
 * - `concurrent`: in a case with `concurrency` K, the K-1 copies of the request sent at the same moment
 *   as it (the `request` is the first of the K);
 * - `after`: in such a case, the same stop once more, sent after all K were answered;
 * - `bystander`: a stop of another active session, set up before the request and named by nothing the case
 *   sent before (CaseRecord.bystander): its finishedAt says whether a stop reached it (stop_isolation).
 */
export type ExchangeRole = 'request' | 'repeat' | 'control' | 'follow-up' | 'concurrent' | 'after' | 'bystander';

export interface Exchange {
  readonly role: ExchangeRole;
  /** The state set up through the states URL right before this request, if any. */
  readonly setup: SessionSetup | undefined;
  /** Whether the gate paused before this request, so a provider clock ticks (see GATE_CLOCK_TICK_MS). */
  readonly pausedMs: number;
  readonly request: UpdateRequest;
  readonly class: RequestClass;
  readonly transmission: Transmission;
  /** The response body as JSON, or its raw text when it is not JSON; undefined when nothing came back. */
  readonly body: unknown;
  /** The spec's verdict on the response: for documented statuses to requests that reach the operation's route. */
  readonly verdict: Verdict | undefined;
}

/** The session a case addressed. `offered`: the one the user gave with --session-id. */
export type CaseSession =
  | { readonly kind: 'state'; readonly state: ProviderState; readonly id: string }
  | { readonly kind: 'offered'; readonly id: string }
  | { readonly kind: 'none' };

export interface CaseRecord {
  readonly case: GateCase;
  readonly session: CaseSession;
  /** In the order sent; the first is always the `request`. */
  readonly exchanges: readonly Exchange[];
  /**
   * An active session set up right before the request's own, when that is active: stopped as the
   * `bystander` after an accepted stop, as the `control` after a refused request.
   */
  readonly bystander?: SessionSetup;
}

/** Whether `exchange` stops the case's bystander (as the `bystander`, or as a refused request's `control`). */
export function stopsBystander(record: CaseRecord, exchange: Exchange): boolean {
  return record.bystander !== undefined && exchange.request.sessionId.toLowerCase() === record.bystander.sessionId;
}

export function statusOf(exchange: Exchange): number | undefined {
  return exchange.transmission.kind === 'response' ? exchange.transmission.response.status : undefined;
}
