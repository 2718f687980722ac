/**
 * What the diff finds, as data. Every finding names its rule, its severity, where it is in both documents
 * and why it matters to a consumer; the wording of a whole report lives in render.ts.
 */

export type Severity = 'breaking' | 'safe' | 'note';

/** Who writes the value: the consumer (request) or the provider (response). */
export type Side = 'request' | 'response';

/**
 * How a change moves the set of values the spec allows: fewer (tightened), more (loosened), or some
 * gained and some lost (changed).
 */
export type Direction = 'tightened' | 'loosened' | 'changed';

/**
 * One end of a finding: a JSON pointer into the file as written, and the value there (absent: no `value`).
 * Comparers may leave the value out: the collector fills in what the document holds at the pointer.
 */
export interface Place {
  readonly pointer: string;
  readonly value?: unknown;
}

export interface Finding {
  /** Stable kebab-case name of the rule, e.g. `response-enum-value-added`. */
  readonly rule: string;
  readonly severity: Severity;
  /** A human path to the spot: `response 200 body › tasks[] › status`. */
  readonly where: string;
  readonly old: Place;
  readonly new: Place;
  /**
   * What changed, then `; `, then why it breaks a consumer or why it does not. The reason never holds
   * `; `, so `whatChanged` can take it off.
   */
  readonly message: string;
  /** For pattern rules: strings that only one side accepts (from the automaton, or found by the search). */
  readonly witnesses?: { readonly oldOnly?: string; readonly newOnly?: string };
  /** For pattern rules: what reached the verdict, a proof by finite automata or a seeded search. */
  readonly decidedBy?: 'automata' | 'search';
}

const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, safe: 1, note: 2 };

export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * The one policy of the diff. A consumer writes requests and reads responses, so a request that accepts
 * less breaks it, and so does a response that may carry more; a change both ways breaks either side.
 */
export function severityOf(side: Side, direction: Direction): Severity {
  if (direction === 'changed') return 'breaking';
  if (side === 'request') return direction === 'tightened' ? 'breaking' : 'safe';
  return direction === 'loosened' ? 'breaking' : 'safe';
}

/** The consequence of a change in a few words, for the end of a finding's message. */
export function consequence(side: Side, direction: Direction): string {
  if (severityOf(side, direction) === 'safe') {
    return side === 'request'
      ? 'every request old clients send is still accepted'
      : 'old clients already handle everything the provider may now send';
  }
  return side === 'request'
    ? 'requests that old clients send may now be rejected'
    : 'the provider may now send what old clients cannot handle';
}

/** The first part of a finding's message: what changed, without why it matters. */
export function whatChanged(message: string): string {
  const reason = message.lastIndexOf('; ');
  return reason < 0 ? message : message.slice(0, reason);
}

/**
 * The same change found inside the body of an error response. A client that handles an error status
 * reads its body by its documented shape, and has no way to tell a new shape from a broken server: any
 * change there that is more than documentation breaks it, whichever way it moves the allowed values.
 */
export function asErrorBodyChange(finding: Finding, status: string): Finding {
  if (finding.severity === 'note') return finding;
  const handled = status === 'DEFAULT' ? 'the default (any other) response' : `a ${status}`;
  return {
    ...finding,
    rule: 'error-body-shape-changed',
    severity: 'breaking',
    message: `${whatChanged(finding.message)}; clients that handle ${handled} read its body by its documented shape, so any change to it breaks them (in a success body: ${finding.rule}, ${finding.severity})`,
  };
}

/** The place of a finding on one side, omitting `value` when the thing is absent there. */
export function place(pointer: string, value?: unknown): Place {
  return value === undefined ? { pointer } : { pointer, value };
}
