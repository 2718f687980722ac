import type fc from 'fast-check';
import { dateTimeParts, renderDateTime, type DateTimePartsConstraints } from './_internals/dateTimeParts.ts';

export interface DateTimeStringConstraints {
  /**
   * Earliest calendar year.
   * @defaultValue 0 (RFC 3339 writes years 0000–9999)
   */
  readonly minYear?: number;
  /**
   * Latest calendar year.
   * @defaultValue 9999
   */
  readonly maxYear?: number;
  /**
   * `'any'`: `Z`, `z` or a numeric offset `±hh:mm` (including `-00:00`); `'utc'`: always `Z`.
   * @defaultValue 'any'
   */
  readonly offset?: 'any' | 'utc';
  /**
   * Also use the lower-case `t` and `z` that RFC 3339 §5.6 allows.
   * @defaultValue true
   */
  readonly lowerCase?: boolean;
  /**
   * Most digits of fractional seconds; 0 for none.
   * @defaultValue 9
   */
  readonly maxFractionDigits?: number;
  /**
   * Weight in leap seconds (`:60`), at the only minute they are valid: 23:59 UTC, in whatever offset.
   * @defaultValue true
   */
  readonly leapSeconds?: boolean;
}

/** Resolves the documented defaults; the near-miss generator builds on the same parts. */
export function dateTimePartsConstraints(constraints: DateTimeStringConstraints = {}): DateTimePartsConstraints {
  const { minYear = 0, maxYear = 9999 } = constraints;
  if (!(
    Number.isInteger(minYear) &&
    Number.isInteger(maxYear) &&
    0 <= minYear &&
    minYear <= maxYear &&
    maxYear <= 9999
  )) {
    throw new RangeError(
      `dateTimeString: want whole years with 0 <= minYear <= maxYear <= 9999, got ${minYear}..${maxYear}`,
    );
  }
  return {
    minYear,
    maxYear,
    offset: constraints.offset ?? 'any',
    lowerCase: constraints.lowerCase ?? true,
    maxFractionDigits: constraints.maxFractionDigits ?? 9,
    leapSeconds: constraints.leapSeconds ?? true,
  };
}

/** RFC 3339 `date-time` strings, as JSON Schema's `date-time` format takes them. */
export function dateTimeString(constraints: DateTimeStringConstraints = {}): fc.Arbitrary<string> {
  return dateTimeParts(dateTimePartsConstraints(constraints)).map(renderDateTime);
}
