/**
 * What the gate sends, as data: a generated case says which session to set up and which request to send,
 * in a form that can be printed, shrunk and replayed. It never holds the API key: a request names its
 * credential (`'key'` means "the key the gate was given"), and only the sender puts the real value on the wire.
 */
import type { KeyNearMiss } from '../near-keys.ts';
import type { ProviderState } from './states.ts';

/** The plainest valid Update Session body: the operation's one action, compact. */
export const STOP_BODY = '{"action":"stop"}';

/**
 * How a request authenticates: the gate's key, no header, an empty header, a made-up value, or a near
 * miss of the key named by how it is made from it (see near-keys.ts: upper-cased, one character added or
 * taken away, one changed, one letter's case flipped) — named, never spelt, so a counterexample shows no
 * part of the key.
 */
export type Credential = 'key' | 'missing' | 'empty' | { readonly wrong: string } | { readonly nearKey: KeyNearMiss };

/** One `PATCH /sessions/{session_id}`. */
export interface UpdateRequest {
  /** The path segment as the provider must see it once percent-decoded; the sender encodes it. */
  readonly sessionId: string;
  readonly credential: Credential;
  /** The Content-Type header, or undefined for none. */
  readonly contentType: string | undefined;
  /** The raw body, or undefined for none ('' is an empty body). */
  readonly body: string | undefined;
  /** A query string (without `?`) after the path; the operation takes none, so only invalid requests carry one. */
  readonly query?: string;
}

/** A session the states URL is asked to set up before the request (`no session exists` makes sure of an absence). */
export interface SessionSetup {
  readonly state: ProviderState;
  /** Lower-case uuid asked for in `params.sessionId`; a provider may answer with another, which then replaces it. */
  readonly sessionId: string;
  /** The session as the states URL said it set it up, when it says (the exact oracle: see StateChangeResponse). */
  readonly session?: Readonly<Record<string, unknown>>;
}

export interface GateCase {
  /**
   * What the generator meant. Only for reading a report: every judgement goes by what the spec validator
   * says of the request actually sent, so a "mutation" that is still valid is never blamed on the provider.
   */
  readonly intent: 'valid' | 'invalid' | 'unauthorised';
  /**
   * For an invalid request, the named classes of invalid input it was drawn from (`id: empty`, `body:
   * action in the wrong letter case`): read by reports and by the test that counts how often each is sent.
   */
  readonly classes?: readonly string[];
  /** For a set-up session, `request.sessionId` spells `setup.sessionId` in some letter case. */
  readonly setup: SessionSetup | undefined;
  readonly request: UpdateRequest;
  /**
   * For a valid stop of a set-up active session only: the request is sent this many times at once (2 or
   * more), then once more after every copy has been answered (concurrent_stop_consistency).
   */
  readonly concurrency?: number;
}
