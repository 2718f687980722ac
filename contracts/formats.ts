/**
 * The string formats and the pattern that the Update Session spec uses, defined once so that the zod
 * schemas, the Ajv behind the spec validator and the generators all judge strings the same way.
 *
 * Each follows JSON Schema (2020-12, the dialect of OpenAPI 3.1), not a library's default:
 * - Ajv-formats' `uuid` also takes a `urn:uuid:` prefix, and zod's `z.uuid()` insists on an RFC 9562
 *   version and variant; JSON Schema's `uuid` is RFC 4122's textual form: 8-4-4-4-12 hex digits.
 * - zod's `z.iso.datetime()` refuses lower-case `t`/`z` and leap seconds, both of which RFC 3339 allows.
 */

/** The spec's decimal-string pattern, verbatim. Tests prove the vendored spec still carries it. */
export const DECIMAL_PATTERN = '^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$';

/**
 * JSON Schema evaluates `pattern` as an ECMA-262 regular expression; Ajv compiles it with the `u` flag,
 * so we do too. In ECMA-262 `\d` is ASCII-only and `$` never matches before a trailing newline — both
 * differ from Python's `re`, which is why non-ASCII digits and `"1\n"` are near-misses worth testing.
 */
const decimalRegExp = new RegExp(DECIMAL_PATTERN, 'u');

export function isDecimalString(value: string): boolean {
  return decimalRegExp.test(value);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

// RFC 3339 §5.6: full-date "T" partial-time time-offset; §5.6 NOTE: "T" and "Z" may be lower case.
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month (1–12) of a year of the proleptic Gregorian calendar, which RFC 3339 uses. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

type DateTimeFields = readonly [year: number, month: number, day: number, hour: number, minute: number, second: number];

/** Year, month, day, hour, minute and second from a date-time regex match whose first six groups hold them. */
export function dateTimeFields(match: RegExpExecArray): DateTimeFields {
  return match.slice(1, 7).map(Number) as unknown as DateTimeFields;
}

export function isDateTime(value: string): boolean {
  const m = DATE_TIME_RE.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = dateTimeFields(m);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return false;
  let offsetMinutes = 0;
  if (m[7] === undefined) {
    const offHour = Number(m[9]);
    const offMinute = Number(m[10]);
    if (offHour > 23 || offMinute > 59) return false;
    offsetMinutes = (m[8] === '+' ? 1 : -1) * (offHour * 60 + offMinute);
  }
  if (second === 60) {
    // A leap second is only ever 23:59:60 in UTC (the JSON Schema test suite's reading of RFC 3339).
    const utcMinuteOfDay = (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
    return utcMinuteOfDay === 23 * 60 + 59;
  }
  return true;
}

/** Formats in the shape Ajv's `addFormat` takes; the validator installs exactly these. */
export const SPEC_FORMATS = {
  uuid: { type: 'string', validate: isUuid },
  'date-time': { type: 'string', validate: isDateTime },
} as const;

/** A Content-Type's media type, without parameters, in lower case (`Application/JSON; charset=utf-8` → `application/json`). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
