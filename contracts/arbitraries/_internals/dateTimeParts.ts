/**
 * RFC 3339 date-times as parts, so that valid values and near-misses are both built by rendering parts
 * (composed, not filtered) and a near-miss can break exactly one part.
 */
import fc from 'fast-check';
import { daysInMonth } from '../../formats.ts';

export type Offset = 'Z' | 'z' | { readonly sign: '+' | '-'; readonly hours: number; readonly minutes: number };

export interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** The digits after the dot; `''` for no fraction. */
  readonly fraction: string;
  readonly separator: 'T' | 't';
  readonly offset: Offset;
}

export interface DateTimePartsConstraints {
  readonly minYear: number;
  readonly maxYear: number;
  readonly offset: 'any' | 'utc';
  readonly lowerCase: boolean;
  readonly maxFractionDigits: number;
  readonly leapSeconds: boolean;
}

export const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function renderOffset(offset: Offset): string {
  return typeof offset === 'string' ? offset : `${offset.sign}${pad(offset.hours)}:${pad(offset.minutes)}`;
}

export function renderDate({ year, month, day }: DateTimeParts): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function renderTime({ hour, minute, second, fraction }: DateTimeParts): string {
  return `${pad(hour)}:${pad(minute)}:${pad(second)}${fraction === '' ? '' : `.${fraction}`}`;
}

export function renderDateTime(parts: DateTimeParts): string {
  return `${renderDate(parts)}${parts.separator}${renderTime(parts)}${renderOffset(parts.offset)}`;
}

/** Minutes east of UTC. */
export function offsetMinutes(offset: Offset): number {
  return typeof offset === 'string' ? 0 : (offset.sign === '+' ? 1 : -1) * (offset.hours * 60 + offset.minutes);
}

/** The UTC minute of the day (0–1439) that a local hour and minute at `offset` fall on. */
export function utcMinuteOfDay(hour: number, minute: number, offset: Offset): number {
  return (((hour * 60 + minute - offsetMinutes(offset)) % 1440) + 1440) % 1440;
}

const LAST_UTC_MINUTE = 23 * 60 + 59;

/** Valid date-time parts; a leap second only where RFC 3339 allows one: 23:59:60 in UTC. */
export function dateTimeParts(constraints: DateTimePartsConstraints): fc.Arbitrary<DateTimeParts> {
  const { minYear, maxYear, lowerCase, maxFractionDigits, leapSeconds } = constraints;
  const offset: fc.Arbitrary<Offset> =
    constraints.offset === 'utc'
      ? fc.constant('Z')
      : fc.oneof(
          fc.constantFrom<Offset>(...(lowerCase ? (['Z', 'z'] as const) : (['Z'] as const))),
          fc.record({
            sign: fc.constantFrom('+' as const, '-' as const),
            hours: fc.integer({ min: 0, max: 23 }),
            minutes: fc.oneof(fc.constantFrom(0, 30, 45), fc.integer({ min: 0, max: 59 })),
          }),
        );
  const date = fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      // Clamped, not filtered: the month's last day comes up often, which is where calendars go wrong.
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));
  const common = fc.record({
    fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: maxFractionDigits }),
    separator: fc.constantFrom<'T' | 't'>(...(lowerCase ? (['T', 't'] as const) : (['T'] as const))),
    offset,
  });
  const ordinary = fc
    .tuple(
      date,
      common,
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(([d, c, hour, minute, second]): DateTimeParts => ({ ...d, ...c, hour, minute, second }));
  if (!leapSeconds) return ordinary;
  const leap = fc.tuple(date, common).map(([d, c]): DateTimeParts => {
    const local = (LAST_UTC_MINUTE + offsetMinutes(c.offset) + 1440) % 1440;
    return { ...d, ...c, hour: Math.floor(local / 60), minute: local % 60, second: 60 };
  });
  return fc.oneof({ arbitrary: ordinary, weight: 9 }, { arbitrary: leap, weight: 1 });
}
