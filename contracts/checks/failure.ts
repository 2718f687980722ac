/**
 * A broken check, as data: which check, a code that says what kind of break, which request of the case
 * showed it, and the facts (statuses, values, spec issues). No wording here: contracts/report/
 * renders these, so the JSON report carries the facts and the text report the sentences.
 */
import type { SpecIssue } from '../validator.ts';

/** A value in a stopped session's view that is not what a stop must leave. */
export interface ViewProblem {
  /** JSON pointer into the response body. */
  readonly pointer: string;
  readonly received: unknown;
  /** What it should have been, in words (`"stopped"`, `not before startedAt 2025-…`). */
  readonly expected: string;
}

interface Base {
  /** Index into the case record's exchanges. */
  readonly exchange: number;
}

export type CheckFailure = Base &
  (
    | { readonly check: 'not_a_server_error'; readonly code: 'server_error'; readonly status: number }
    | { readonly check: 'not_a_server_error'; readonly code: 'connection_dropped'; readonly error: string }
    /** The body ran past the gate's cap (GATE_MAX_RESPONSE_BYTES) and was cut off unread. */
    | { readonly check: 'not_a_server_error'; readonly code: 'response_too_large'; readonly capBytes: number }
    | { readonly check: 'not_a_server_error'; readonly code: 'provider_unreachable'; readonly error: string }
    | {
        readonly check: 'status_code_conformance';
        readonly code: 'undocumented_status';
        readonly status: number;
        readonly allowed: readonly number[];
      }
    | {
        readonly check: 'content_type_conformance';
        readonly code: 'wrong_content_type';
        readonly status: number;
        readonly received: string | undefined;
        readonly issues: readonly SpecIssue[];
      }
    | {
        readonly check: 'response_schema_conformance';
        readonly code: 'schema_violation';
        readonly status: number;
        readonly issues: readonly SpecIssue[];
      }
    | {
        readonly check: 'response_schema_conformance';
        /** RFC 8259 §8.1: JSON between systems is UTF-8. The first byte offset where the body is not, and the bytes there (hex). */
        readonly code: 'body_not_utf8';
        readonly status: number;
        readonly offset: number;
        readonly bytes: string;
      }
    | {
        readonly check: 'negative_data_rejection';
        readonly code: 'invalid_request_accepted';
        readonly status: number;
        readonly requestIssues: readonly SpecIssue[];
      }
    | {
        readonly check: 'negative_data_rejection' | 'auth_enforced';
        readonly code: 'refused_request_stopped_session';
        readonly finishedAt: string;
        readonly controlFinishedAt: string;
      }
    | { readonly check: 'positive_data_acceptance'; readonly code: 'valid_request_rejected'; readonly status: number }
    | { readonly check: 'stop_semantics'; readonly code: 'existing_session_not_found'; readonly state: string }
    | { readonly check: 'stop_semantics'; readonly code: 'absent_session_stopped'; readonly status: number }
    | { readonly check: 'stop_semantics'; readonly code: 'not_stopped'; readonly problems: readonly ViewProblem[] }
    | {
        readonly check: 'stop_semantics';
        /** The exact oracle: the answer departs from the session the states URL said it set up. */
        readonly code: 'differs_from_setup';
        readonly problems: readonly ViewProblem[];
      }
    | { readonly check: 'stop_idempotence'; readonly code: 'second_stop_not_ok'; readonly status: number | undefined }
    | {
        readonly check: 'stop_idempotence';
        readonly code: 'finished_at_moved';
        readonly first: string;
        readonly second: unknown;
      }
    | {
        readonly check: 'stop_idempotence';
        /** The repeat shows otherwise what the first stop settled (a task id, a status, a task's finishedAt). */
        readonly code: 'settled_changed';
        readonly problems: readonly ViewProblem[];
      }
    | {
        readonly check: 'auth_enforced';
        readonly code: 'unauthorised_request_accepted';
        readonly status: number;
        readonly credential: 'missing' | 'empty' | 'wrong';
      }
    | { readonly check: 'no_hang'; readonly code: 'timeout'; readonly timeoutMs: number }
    | {
        readonly check: 'stop_isolation';
        readonly code: 'stop_reached_other_session';
        /** The bystander's finishedAt: at or before the target's, though it was stopped after the control. */
        readonly bystanderFinishedAt: string;
        /** The stopped session's finishedAt, from the request's 200. */
        readonly targetFinishedAt: string;
        /** The provider's clock read after that stop: already past the target's finishedAt. */
        readonly controlFinishedAt: string;
      }
    | {
        readonly check: 'concurrent_stop_consistency';
        readonly code: 'concurrent_stops_disagree';
        /** How many stops were sent at once; the failing exchange is one of them, or the stop sent after them. */
        readonly concurrency: number;
        /** JSON pointer into the failing exchange's body: `/finishedAt`, `/tasks/2/status`, or `/tasks` when the task ids differ. */
        readonly pointer: string;
        readonly received: unknown;
        /** What the first of the simultaneous stops answered there (exchange `agreedWith`). */
        readonly expected: unknown;
        readonly agreedWith: number;
      }
  );

export type CheckName = CheckFailure['check'];
