/**
 * The transport's vocabulary: a request as bytes to send, and what became of it, as data. Apart from the
 * sender so that what reads an answer (the model, the throttle policy, the Pact proxy) needs no socket.
 */
import type { Undecodable } from './decode.ts';

export interface WireRequest {
  readonly method: string;
  /** Scheme, host and port; any path in it is ignored. */
  readonly origin: URL;
  /** The request target exactly as sent: never normalised (an id of `..` must reach the server as `..`). */
  readonly target: string;
  /** Sent as given; the sender adds only Host, Content-Length and Connection. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface WireResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly text: string;
  /** Set when the body is not UTF-8 (`text` then holds U+FFFD where it is not): see decode.ts. */
  readonly undecodable?: Undecodable;
}

export type Transmission =
  | { readonly kind: 'response'; readonly response: WireResponse; readonly elapsedMs: number }
  /** No complete answer within the deadline; the connection was destroyed. */
  | { readonly kind: 'timeout'; readonly elapsedMs: number; readonly timeoutMs: number }
  /** Connected, but the connection broke before a complete answer (a reset, a hang-up). */
  | { readonly kind: 'dropped'; readonly code: string; readonly elapsedMs: number }
  /** Could not connect at all. */
  | { readonly kind: 'unreachable'; readonly code: string; readonly message: string };

/** What throttling cost a run: requests answered 429 (or 503 with Retry-After) and sent again, and the time spent waiting. */
export interface ThrottleStats {
  readonly throttled: number;
  readonly throttledMs: number;
}
