import fc from 'fast-check';
import type { SessionSetup } from '../../model/case.ts';
import { PROVIDER_STATES, type ProviderState } from '../../model/states.ts';
import { uuidString } from '../uuidString.ts';

/** A session a request addresses: the path id as sent (any letter case), and the state to set up first, if any. */
export interface AddressedSession {
  readonly sessionId: string;
  readonly setup: SessionSetup | undefined;
}

export interface AddressedSessionConstraints {
  /**
   * Which provider states to set up, with their weights. Empty: the states URL is not available, and the
   * id is made up on the spot — a random uuid that no real session has, so no request can stop one.
   */
  readonly states: ReadonlyArray<readonly [ProviderState, number]>;
}

/**
 * A session in a known state, its id asked of the states URL in lower case and put in the path in upper,
 * lower or mixed case, nil and max weighted in (uuids compare case-insensitively, so every spelling names
 * the same session).
 */
export function addressedSession({ states }: AddressedSessionConstraints): fc.Arbitrary<AddressedSession> {
  const id = uuidString();
  if (states.length === 0) return id.map((sessionId) => ({ sessionId, setup: undefined }));
  return fc
    .tuple(id, fc.oneof(...states.map(([state, weight]) => ({ weight, arbitrary: fc.constant(state) }))))
    .map(([sessionId, state]) => ({ sessionId, setup: { state, sessionId: sessionId.toLowerCase() } }));
}

/** Weights of the states a valid stop is tried on. */
export const VALID_STOP_STATES = [
  [PROVIDER_STATES.activeSessionWithRunningTasks, 4],
  [PROVIDER_STATES.stoppedSession, 2],
  [PROVIDER_STATES.noSession, 2],
] as const;

/** Refused requests go mostly to active sessions, where the gate can then see whether they stopped anything. */
export const REFUSED_STOP_STATES = [
  [PROVIDER_STATES.activeSessionWithRunningTasks, 3],
  [PROVIDER_STATES.noSession, 1],
] as const;
