import fc from 'fast-check';
import { daysInMonth, isLeapYear } from '../formats.ts';
import type { NearMiss } from './NearMiss.ts';
import { breakerFamily } from './_internals/nearMissTree.ts';
import {
  dateTimeParts,
  pad,
  renderDate,
  renderDateTime,
  renderOffset,
  renderTime,
  utcMinuteOfDay,
  type DateTimeParts,
  type Offset,
} from './_internals/dateTimeParts.ts';
import { isAsciiDigit, NON_ASCII_DIGITS, replaceNth, type StringBreaker } from './_internals/stringEdits.ts';
import { dateTimePartsConstraints } from './dateTimeString.ts';

const parts = dateTimeParts(dateTimePartsConstraints());
/** Valid parts but never a leap second, for breakers that change the time of day. */
const ordinaryParts = dateTimeParts(dateTimePartsConstraints({ leapSeconds: false }));
const render = (build: (p: DateTimeParts) => string) => parts.map(build);
const numericOffset = (offset: Offset) =>
  typeof offset === 'string' ? { sign: '+' as const, hours: 0, minutes: 0 } : offset;
const WHITESPACE = [' ', '\t', '\n'] as const;

/** Each family breaks one rule of RFC 3339 §5.6 (or the calendar it points to), whatever the base value. */
export const dateTimeBreakers: readonly StringBreaker[] = [
  {
    why: 'a space instead of T (RFC 3339 allows it only by agreement; JSON Schema does not)',
    build: render((p) => `${renderDate(p)} ${renderTime(p)}${renderOffset(p.offset)}`),
  },
  {
    why: 'no separator between date and time',
    build: render((p) => `${renderDate(p)}${renderTime(p)}${renderOffset(p.offset)}`),
  },
  { why: 'no offset (a "naive" timestamp)', build: render((p) => `${renderDate(p)}${p.separator}${renderTime(p)}`) },
  {
    why: 'Z after a numeric offset',
    build: render((p) => `${renderDate(p)}T${renderTime(p)}${renderOffset(numericOffset(p.offset))}Z`),
  },
  {
    why: 'an offset hour past 23',
    build: fc
      .tuple(parts, fc.integer({ min: 24, max: 99 }), fc.constantFrom('+' as const, '-' as const))
      .map(([p, hours, sign]) => renderDateTime({ ...p, offset: { sign, hours, minutes: 0 } })),
  },
  {
    why: 'an offset minute past 59',
    build: fc
      .tuple(parts, fc.integer({ min: 60, max: 99 }))
      .map(([p, minutes]) => renderDateTime({ ...p, offset: { ...numericOffset(p.offset), minutes } })),
  },
  {
    why: 'an offset without its colon, or without minutes',
    build: fc.tuple(parts, fc.boolean()).map(([p, dropMinutes]) => {
      const { sign, hours, minutes } = numericOffset(p.offset);
      return `${renderDate(p)}T${renderTime(p)}${sign}${pad(hours)}${dropMinutes ? '' : pad(minutes)}`;
    }),
  },
  {
    why: 'a month out of range',
    build: fc
      .tuple(parts, fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })))
      .map(([p, month]) => renderDateTime({ ...p, month })),
  },
  {
    why: 'a day past the end of its month',
    build: fc
      .tuple(parts, fc.integer({ min: 1, max: 68 }))
      .map(([p, past]) => renderDateTime({ ...p, day: Math.min(99, daysInMonth(p.year, p.month) + past) })),
  },
  { why: 'day 00', build: render((p) => renderDateTime({ ...p, day: 0 })) },
  {
    why: 'February 29 in a year that is not a leap year',
    build: parts.map((p) =>
      renderDateTime({ ...p, year: isLeapYear(p.year) ? p.year + 1 : p.year, month: 2, day: 29 }),
    ),
  },
  {
    why: 'an hour past 23',
    build: fc.tuple(parts, fc.integer({ min: 24, max: 99 })).map(([p, hour]) => renderDateTime({ ...p, hour })),
  },
  {
    why: 'a minute past 59',
    build: fc.tuple(parts, fc.integer({ min: 60, max: 99 })).map(([p, minute]) => renderDateTime({ ...p, minute })),
  },
  {
    why: 'a second past 60',
    build: fc.tuple(parts, fc.integer({ min: 61, max: 99 })).map(([p, second]) => renderDateTime({ ...p, second })),
  },
  {
    why: 'a leap second at a minute other than 23:59 UTC',
    build: ordinaryParts.map((p) => {
      // Moving the minute by one (within the hour) always leaves 23:59 UTC if it was there.
      const minute = utcMinuteOfDay(p.hour, p.minute, p.offset) === 23 * 60 + 59 ? (p.minute + 1) % 60 : p.minute;
      return renderDateTime({ ...p, minute, second: 60 });
    }),
  },
  {
    why: 'a field not padded to two digits',
    build: fc.tuple(parts, fc.constantFrom('month', 'day', 'hour', 'minute', 'second')).map(([p, field]) => {
      const one = field === 'month' || field === 'day' ? (p[field] % 9) + 1 : p[field] % 10;
      const date = `${pad(p.year, 4)}-${field === 'month' ? one : pad(p.month)}-${field === 'day' ? one : pad(p.day)}`;
      const time = [p.hour, p.minute, p.second]
        .map((v, i) => (['hour', 'minute', 'second'][i] === field ? String(one) : pad(v)))
        .join(':');
      return `${date}T${time}${renderOffset(p.offset)}`;
    }),
  },
  {
    why: 'a year not written with four digits',
    build: fc.tuple(parts, fc.constantFrom('+1', '', '0')).map(([p, prefix]) => {
      const year = prefix === '' ? pad(p.year % 100) : `${prefix}${pad(p.year, 4)}`;
      return `${year}${renderDateTime(p).slice(4)}`;
    }),
  },
  {
    why: 'an ordinal date (ISO 8601, not RFC 3339)',
    build: render((p) => `${pad(p.year, 4)}-${pad(((p.day * 3) % 366) + 1, 3)}T${renderTime(p)}Z`),
  },
  {
    why: 'the ISO 8601 basic format (no dashes or colons)',
    build: render((p) => renderDateTime(p).replace(/[-:]/g, '')),
  },
  {
    why: 'a fraction dot with no digits',
    build: render((p) => `${renderDate(p)}T${renderTime({ ...p, fraction: '' })}.${renderOffset(p.offset)}`),
  },
  {
    why: 'a comma before the fraction (ISO 8601, not RFC 3339)',
    build: render(
      (p) => `${renderDate(p)}T${renderTime({ ...p, fraction: '' })},${p.fraction || '5'}${renderOffset(p.offset)}`,
    ),
  },
  { why: 'a date alone', build: render(renderDate) },
  {
    why: 'a non-ASCII digit',
    build: fc
      .tuple(parts, fc.nat(), fc.constantFrom(...NON_ASCII_DIGITS))
      .map(([p, nth, digit]) => replaceNth(renderDateTime(p), nth, isAsciiDigit, digit)),
  },
  {
    why: 'whitespace before or after (a trailing newline included)',
    build: fc
      .tuple(parts, fc.boolean(), fc.constantFrom(...WHITESPACE))
      .map(([p, before, space]) => (before ? space + renderDateTime(p) : renderDateTime(p) + space)),
  },
  {
    why: 'a letter other than T between date and time',
    build: fc
      .tuple(parts, fc.constantFrom('x', '_', '/', 'Т'))
      .map(([p, letter]) => `${renderDate(p)}${letter}${renderTime(p)}${renderOffset(p.offset)}`),
  },
];

/** Strings one step away from an RFC 3339 `date-time`, each labelled with the step. */
export function dateTimeNearMiss(): fc.Arbitrary<NearMiss<string>> {
  return breakerFamily(1, 'date-time', dateTimeBreakers).arbitrary as fc.Arbitrary<NearMiss<string>>;
}
