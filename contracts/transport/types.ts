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
  /**
   * Connected, but no complete answer came: the connection broke (a reset, a hang-up), or the gate cut it
   * because the body ran past `capBytes` (GATE_MAX_RESPONSE_BYTES: memory stays bounded).
   */
  | { readonly kind: 'dropped'; readonly code: string; readonly elapsedMs: number; readonly capBytes?: number }
  /** Could not connect at all. */
  | { readonly kind: 'unreachable'; readonly code: string; readonly message: string };

/** What throttling cost a run: requests answered 429 (or 503 with Retry-After) and sent again, and the time spent waiting. */
export interface ThrottleStats {
  readonly throttled: number;
  readonly throttledMs: number;
  /**
   * When the provider throttled a run that had been sending faster than it accepts: the --max-rps that
   * would have avoided it (what it accepted in the second before its first throttle, a margin off).
   * Undefined when it never throttled, or throttled before accepting anything (a cold start, not a rate).
   */
  readonly suggestedMaxRps?: number | undefined;
}

/** Who a request was sent for: the operation under test, the states URL, or Pact verification (through its proxy). */
export type RequestPurpose = 'operation' | 'states' | 'pact';

/** What a run cost the provider: every request sent (each resend of a throttled one too), and the most started in any one second. */
export interface RequestCost {
  readonly requests: Readonly<Record<RequestPurpose, number>> & { readonly total: number };
  readonly peakRps: number;
}

/** The host to connect to: an IPv6 literal without the brackets a URL writes it in. */
export function hostOf(origin: URL): string {
  return origin.hostname.replace(/^\[(.*)\]$/, '$1');
}
