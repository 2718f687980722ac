/**
 * Compares RFC 3339 date-times as instants, not as text: `…T10:00:00Z` and `…T12:00:00+02:00` are the
 * same moment, and fractions finer than a millisecond (which Date.parse drops) still count.
 */
import { isDateTime } from '../formats.ts';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch, or undefined for anything that is not an RFC 3339 date-time. */
export function instantNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !isDateTime(value)) return undefined;
  const m = PARTS.exec(value)!;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === '+' ? 1 : -1) * (Number(m[9]) * 60 + Number(m[10]));
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const fraction = BigInt(((m[7] ?? '') + '000000000').slice(0, 9));
  return BigInt(epochMs) * 1_000_000n + fraction;
}

/** -1, 0 or 1 as `a` is before, at or after `b`; undefined when either is not a date-time. */
export function compareInstants(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const x = instantNanos(a);
  const y = instantNanos(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}
