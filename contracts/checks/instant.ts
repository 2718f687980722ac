/**
 * Compares RFC 3339 date-times as instants, not as text: `…T10:00:00Z` and `…T12:00:00+02:00` are the
 * same moment, and fractions finer than a millisecond (which Date.parse drops) still count. Years 0000–0099
 * are those years (Date.UTC alone reads them as 19xx), and a leap second `23:59:60.f` comes after every
 * other instant of its minute and before the next minute: it is placed in the last millisecond of `:59`,
 * keeping its own fraction's order (leap seconds are UTC's; JavaScript's clock has none).
 */
import { dateTimeFields, isDateTime } from '../formats.ts';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch, or undefined for anything that is not an RFC 3339 date-time. */
export function instantNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !isDateTime(value)) return undefined;
  const m = PARTS.exec(value)!;
  const [year, month, day, hour, minute, second] = dateTimeFields(m);
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === '+' ? 1 : -1) * (Number(m[9]) * 60 + Number(m[10]));
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, Math.min(second, 59)));
  date.setUTCFullYear(year);
  const epochNs = BigInt(date.getTime() - offsetMinutes * 60_000) * 1_000_000n;
  const fraction = BigInt(((m[7] ?? '') + '000000000').slice(0, 9));
  return second === 60 ? epochNs + 999_000_000n + fraction / 1000n : epochNs + fraction;
}

/** -1, 0 or 1 as `a` is before, at or after `b`; undefined when either is not a date-time. */
export function compareInstants(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const x = instantNanos(a);
  const y = instantNanos(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}
