/**
 * Regular expressions for Pact matchers, written in the common subset of Pact's regex dialect (its Rust
 * core) and ECMA-262 (what JSON Schema and our tests use): explicit classes such as `[0-9]`, no `\d`,
 * `\w`, `\s`, no lookaround, no flags. A pattern written that way means the same in both engines, so a
 * test in JavaScript speaks for what the Pact core will do — and tests/pacts/ also probes the core itself.
 *
 * None of these stands alone for the spec: the pact-vs-spec check and the gate's schema check still
 * validate every value with the spec's own pattern and formats.
 */

/**
 * The spec's decimal pattern `^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$` without its lookahead. The lookahead only
 * removes strings made of signs and dots alone (and the empty string); what is left is: an optional sign,
 * then digits with an optional dot somewhere, with at least one digit. `0*` is subsumed by the digits.
 */
export const PACT_DECIMAL_REGEX = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$';

/** JSON Schema's `uuid`: 8-4-4-4-12 hex digits, either case, any version nibble. */
export const PACT_UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The shape of an RFC 3339 date-time (lower-case `t`/`z` and fractional seconds allowed, offset required).
 * A regex cannot know month lengths or leap seconds; the spec check behind it does.
 */
export const PACT_DATE_TIME_REGEX =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

/**
 * `application/json` in any letter case (RFC 9110: type and subtype are case-insensitive), with or without
 * parameters such as `; charset=utf-8`, which may follow optional whitespace (`parameters = *( OWS ";" OWS
 * [ parameter ] )`). Letter by letter, since the common subset has no case-insensitive flag.
 */
export const PACT_JSON_CONTENT_TYPE_REGEX =
  '^[Aa][Pp][Pp][Ll][Ii][Cc][Aa][Tt][Ii][Oo][Nn]/[Jj][Ss][Oo][Nn]([ \\t]*;[ -~\\t]*)?$';

/** An exact choice among enum values (which here are plain lower-case words). */
export function enumRegex(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[a-z_]+$/.test(value)) throw new Error(`enum value ${JSON.stringify(value)} would need escaping`);
  }
  return `^(${values.join('|')})$`;
}

/**
 * Constructs outside the common subset. A Pact regex containing any of them may mean something else in
 * Pact's engine than in ECMA-262, so tests refuse them.
 */
const OUTSIDE_COMMON_SUBSET: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\\[dDwWsSbBhHRXKGAzZ]/,
    'a shorthand class or anchor whose meaning differs between dialects (\\d, \\w, \\s, \\b, \\A, \\z, …)',
  ],
  [/\(\?[=!<]/, 'lookaround'],
  [/\(\?[a-zA-Z-]*[:)]/, 'inline flags or a non-capturing group with flags'],
  [/\\[1-9]|\\k</, 'a back-reference'],
  [/\\[pP]\{/, 'a Unicode property escape'],
  [/\[\[:|\[:[a-z]+:\]/, 'a POSIX bracket class'],
];

/** Why a regex is outside the common subset, or undefined when it is inside. */
export function commonSubsetViolation(regex: string): string | undefined {
  for (const [construct, why] of OUTSIDE_COMMON_SUBSET) {
    if (construct.test(regex)) return why;
  }
  // An unescaped `.` matches "any character but newline", and which characters are newlines differs.
  if (/(^|[^\\])\.(?![^[]*\])/.test(regex.replace(/\\\\/g, '')))
    return 'an unescaped "." (its newline set differs between dialects)';
  if (!regex.startsWith('^') || !regex.endsWith('$')) return 'not anchored with ^ … $';
  return undefined;
}
