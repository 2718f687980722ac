/** Date-times compared as instants: offsets, fractions finer than a millisecond, early years, leap seconds. */
import { describe, expect, it } from 'vitest';
import { compareInstants } from '../../contracts/checks/instant.ts';

describe('compareInstants', () => {
  it.each([
    ['2025-01-01T10:00:00Z', '2025-01-01T12:00:00+02:00', 0],
    ['2025-01-01T10:00:00.000000001Z', '2025-01-01T10:00:00Z', 1],
    ['2025-01-01t10:00:00z', '2025-01-01T10:00:00.000Z', 0],
    // Years before 100 are those years, not 19xx.
    ['0099-12-31T23:59:59Z', '0100-01-01T00:00:00Z', -1],
    ['0001-01-01T00:00:00Z', '1901-01-01T00:00:00Z', -1],
    // A leap second is after the rest of its minute and before the next one; its fractions keep their order.
    ['2016-12-31T23:59:60.5Z', '2017-01-01T00:00:00.2Z', -1],
    ['2016-12-31T23:59:59.9Z', '2016-12-31T23:59:60Z', -1],
    ['2016-12-31T23:59:60.1Z', '2016-12-31T23:59:60.5Z', -1],
  ] as const)('%s vs %s: %i', (a, b, order) => {
    expect(compareInstants(a, b)).toBe(order);
    expect(compareInstants(b, a)).toBe(-order || 0);
  });

  it('says nothing of what is not a date-time', () => {
    expect(compareInstants('yesterday', '2025-01-01T10:00:00Z')).toBeUndefined();
    expect(compareInstants(null, '2025-01-01T10:00:00Z')).toBeUndefined();
  });
});
