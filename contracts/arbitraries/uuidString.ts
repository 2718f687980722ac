import fc from 'fast-check';

export interface UuidStringConstraints {
  /**
   * Case of the hex letters: `'lower'`, `'upper'`, `'mixed'` (each letter its own case), or `'any'`
   * (one of those three per value). JSON Schema's `uuid` accepts all of them.
   * @defaultValue 'any'
   */
  readonly letterCase?: 'any' | 'lower' | 'upper' | 'mixed';
  /**
   * Weight in the nil uuid (all zeros) and the max uuid (all `f`), which are valid and which a
   * version-checking parser gets wrong.
   * @defaultValue true
   */
  readonly nilAndMax?: boolean;
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const GROUP_LENGTHS = [8, 4, 4, 4, 12] as const;

const ALPHABETS = {
  lower: '0123456789abcdef',
  upper: '0123456789ABCDEF',
  mixed: '0123456789abcdefABCDEF',
} as const;

function hexGroups(alphabet: string): fc.Arbitrary<string> {
  const hex = fc.constantFrom(...alphabet);
  const groups = GROUP_LENGTHS.map((length) => fc.string({ unit: hex, minLength: length, maxLength: length }));
  return fc.tuple(...groups).map((parts) => parts.join('-'));
}

/**
 * Strings valid under JSON Schema's `uuid` format: 8-4-4-4-12 hex digits in any case, with any version
 * nibble and any variant — not only the RFC 9562 versions that `z.uuid()` or `fc.uuid()` know.
 */
export function uuidString(constraints: UuidStringConstraints = {}): fc.Arbitrary<string> {
  const { letterCase = 'any', nilAndMax = true } = constraints;
  const cases = letterCase === 'any' ? (['lower', 'upper', 'mixed'] as const) : [letterCase];
  const random = fc.oneof(...cases.map((name) => hexGroups(ALPHABETS[name])));
  if (!nilAndMax) return random;
  const maxes = cases.flatMap((name) =>
    name === 'lower' ? [MAX_UUID] : name === 'upper' ? [MAX_UUID.toUpperCase()] : [],
  );
  const specials = fc.constantFrom(NIL_UUID, ...(maxes.length > 0 ? maxes : [MAX_UUID]));
  return fc.oneof({ arbitrary: random, weight: 9 }, { arbitrary: specials, weight: 1 });
}
