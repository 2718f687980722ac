/**
 * The words for a failure: every CheckFailure code gets a title and a "received / documented" pair,
 * plus detail lines. The one place failures are worded; text, JUnit and JSON reports all use it.
 */
import type { CheckFailure, ViewProblem } from '../checks/failure.ts';
import { quoteValue, valueAtPointer } from '../quote.ts';
import { API_KEY_HEADER_DISPLAY, type SpecIssue } from '../validator.ts';

export interface FailureWords {
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  readonly details: readonly string[];
}

function issueLine(issue: SpecIssue): string {
  return `${issue.in}${issue.pointer}: ${issue.message} (${issue.keyword})`;
}

/**
 * `body/proxyCost = "١٢" (U+0661 U+0662)`: where a response broke its schema and what was there, so the
 * report shows the value, not only the rule. A missing property (`required`) has no value to show.
 */
function receivedAt(issue: SpecIssue, body: unknown): string {
  const where = `${issue.in}${issue.pointer}`;
  if (issue.in !== 'body' || issue.keyword === 'required') return where;
  const at = valueAtPointer(body, issue.pointer);
  return at.found ? `${where} = ${quoteValue(at.value)}` : where;
}

/** The words of a failure that lists view problems: the first in the pair, all in the details. */
function problemsWords(title: string, problems: readonly ViewProblem[]): FailureWords {
  const [first] = problems;
  return {
    title,
    received: first ? `${first.pointer} = ${quoteValue(first.received)}` : '?',
    documented: first ? `${first.pointer}: ${first.expected}` : '?',
    details: problems.map(
      (problem) => `${problem.pointer} = ${quoteValue(problem.received)}; expected ${problem.expected}`,
    ),
  };
}

const CREDENTIALS = {
  missing: `no ${API_KEY_HEADER_DISPLAY} header`,
  empty: `an empty ${API_KEY_HEADER_DISPLAY}`,
  wrong: `a wrong ${API_KEY_HEADER_DISPLAY}`,
} as const;

/**
 * `responseBody`: the failing exchange's body, for the failures that quote what was in it (reports pass
 * a result already redacted: see write.ts).
 */
export function describeFailure(failure: CheckFailure, responseBody?: unknown): FailureWords {
  switch (failure.code) {
    case 'server_error':
      return { title: 'Server error', received: String(failure.status), documented: 'a status below 500', details: [] };
    case 'connection_dropped':
      return {
        title: 'Connection dropped without an answer',
        received: `the connection closed (${failure.error})`,
        documented: 'a response',
        details: [],
      };
    case 'response_too_large':
      return {
        title: 'Response body too large',
        received: `a body past ${failure.capBytes} bytes, cut off unread (GATE_MAX_RESPONSE_BYTES)`,
        documented: "this operation's answers: a few kilobytes of JSON",
        details: [],
      };
    case 'provider_unreachable':
      return {
        title: 'Provider stopped answering mid-run',
        received: `cannot connect (${failure.error})`,
        documented: 'a response',
        details: [],
      };
    case 'undocumented_status':
      return {
        title: 'Undocumented status code',
        received: String(failure.status),
        documented: failure.allowed.join(', '),
        details: [],
      };
    case 'wrong_content_type':
      return {
        title: 'Undocumented Content-Type',
        received: failure.received ?? '(none)',
        documented: 'application/json',
        details: failure.issues.map(issueLine),
      };
    case 'schema_violation':
      return {
        title: `Response body violates the ${failure.status} schema`,
        received:
          failure.issues.length === 0
            ? 'a body the schema refuses'
            : `${receivedAt(failure.issues[0]!, responseBody)}${failure.issues.length > 1 ? ` (and ${failure.issues.length - 1} more problem(s) below)` : ''}`,
        documented: `the spec's ${failure.status} response schema`,
        details: failure.issues.map(
          (issue) => `${receivedAt(issue, responseBody)}: ${issue.message} (${issue.keyword})`,
        ),
      };
    case 'body_not_utf8':
      return {
        title: `Response body (${failure.status}) is not UTF-8`,
        received: `bytes ${failure.bytes} at byte offset ${failure.offset}`,
        documented: 'UTF-8 throughout (RFC 8259 §8.1: JSON exchanged between systems is UTF-8)',
        details: [`the first byte that is not UTF-8 is at offset ${failure.offset}: ${failure.bytes}`],
      };
    case 'invalid_request_accepted':
      return {
        title: 'Invalid request accepted',
        received: String(failure.status),
        documented: '422 (a 4xx other than 404)',
        details: failure.requestIssues.map((issue) => `the request is invalid: ${issueLine(issue)}`),
      };
    case 'refused_request_stopped_session':
      return {
        title: 'A refused request stopped the session anyway',
        received: `finishedAt ${failure.finishedAt}, before the control session's ${failure.controlFinishedAt}`,
        documented: 'the session untouched: stopped only by the authorised stop after the control',
        details: [
          'the control session was stopped after the refused request; the session it named must have stopped later still',
        ],
      };
    case 'valid_request_rejected':
      return {
        title: 'Valid request rejected',
        received: String(failure.status),
        documented: '200 or 404',
        details: [],
      };
    case 'existing_session_not_found':
      return {
        title: 'Existing session not found',
        received: '404',
        documented: `200 (the session was set up as "${failure.state}")`,
        details: [],
      };
    case 'absent_session_stopped':
      return {
        title: 'Absent session stopped',
        received: String(failure.status),
        documented: '404 (the session was set up as "no session exists")',
        details: [],
      };
    case 'not_stopped':
      return problemsWords('Stopped session view is wrong', failure.problems);
    case 'differs_from_setup':
      return problemsWords('Stop answer departs from the session set up (exact oracle)', failure.problems);
    case 'settled_changed':
      return problemsWords('A repeated stop changed what the first stop settled', failure.problems);
    case 'second_stop_not_ok':
      return {
        title: 'Second stop not answered 200',
        received: String(failure.status),
        documented: '200',
        details: [],
      };
    case 'finished_at_moved':
      return {
        title: 'finishedAt moved on a second stop',
        received: `finishedAt ${JSON.stringify(failure.second)}`,
        documented: `finishedAt ${failure.first}, as the first stop set it`,
        details: [],
      };
    case 'unauthorised_request_accepted':
      return {
        title: `Request with ${CREDENTIALS[failure.credential]} not refused`,
        received: String(failure.status),
        documented: '401 or 403',
        details: [],
      };
    case 'timeout':
      return {
        title: 'No complete answer in time',
        received: `nothing within ${failure.timeoutMs} ms`,
        documented: 'an answer',
        details: [],
      };
    case 'stop_reached_other_session':
      return {
        title: 'A stop stopped another session too',
        received: `the other session's finishedAt ${failure.bystanderFinishedAt}, not after the stopped one's ${failure.targetFinishedAt}`,
        documented: 'a stop changes only the session it names: the other session stopped later, by its own stop',
        details: [
          `the other session was set up active before the stop and named by no request until its own stop, sent after the provider's clock read ${failure.controlFinishedAt} (a control session's finishedAt)`,
          'a stop that reaches sessions it does not name (an UPDATE without its WHERE) stops every session at once',
        ],
      };
    case 'concurrent_stops_disagree':
      return {
        title: `Simultaneous stops disagree (${failure.concurrency} sent at once)`,
        received: `${failure.pointer} = ${JSON.stringify(failure.received)}`,
        documented: `${failure.pointer} = ${JSON.stringify(failure.expected)}, as request ${failure.agreedWith + 1} was answered: one stop, one story`,
        details: [
          'a provider that reads a session and writes its stop later lets each simultaneous stop overwrite the others (a lost update)',
        ],
      };
  }
}
