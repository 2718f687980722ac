/**
 * The provider states of the Update Session contract: the one vocabulary shared by the consumer tests'
 * `given(…)`, the reference provider's state handlers and the gate. Provider teams implement exactly these.
 */
import type { SessionView } from '../schemas.ts';

export const PROVIDER_STATES = {
  /** A session in `active` with tasks in `created`, `started` and `finished`. */
  activeSessionWithRunningTasks: 'an active session with running tasks',
  /** A session already in `stopped`, with `finishedAt` set. */
  stoppedSession: 'a stopped session',
  /** No session with the given id exists. */
  noSession: 'no session exists',
} as const;

export type ProviderState = (typeof PROVIDER_STATES)[keyof typeof PROVIDER_STATES];

export const PROVIDER_STATE_NAMES: readonly ProviderState[] = Object.values(PROVIDER_STATES);

/**
 * Whether a state under a fresh random id takes a call to the states URL: `no session exists` is already
 * true of any id nobody has used (see gate/exchange.ts setUp), so the gate makes none for it.
 */
export function needsSetUp(state: ProviderState): boolean {
  return state !== PROVIDER_STATES.noSession;
}

export function isProviderState(name: unknown): name is ProviderState {
  return PROVIDER_STATE_NAMES.includes(name as ProviderState);
}

/** The body of a `POST <states-url>` under Pact's provider-states setup convention. */
interface StateChangeRequest {
  readonly state: ProviderState;
  readonly params?: { readonly sessionId?: string };
  readonly action?: 'setup' | 'teardown';
}

/** A state change as the states URL takes it; without a session id the provider makes a fresh one. */
export function stateChangeRequest(
  state: ProviderState,
  action: 'setup' | 'teardown' = 'setup',
  sessionId?: string,
): StateChangeRequest {
  return { state, params: sessionId === undefined ? {} : { sessionId }, action };
}

/**
 * What the states URL answers: the id the state was set up under (generated when none was given) and,
 * optionally, the session it set up as a SessionView: with it, the gate compares a first stop's answer with
 * the session before the stop (the exact oracle: see docs/oracle.md); without it, today's checks alone.
 */
export interface StateChangeResponse {
  readonly sessionId: string;
  readonly session?: SessionView;
}
