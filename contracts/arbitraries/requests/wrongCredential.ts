import fc from 'fast-check';
import { PACT_API_KEY_PLACEHOLDER } from '../../config.ts';
import type { Credential } from '../../model/case.ts';
import { KEY_NEAR_MISSES } from '../../near-keys.ts';

/**
 * Credentials that must not open the operation: no header, an empty one, a made-up key, or a near miss of
 * the real key (near-keys.ts: upper-cased, extended, truncated, one character changed at the start, the
 * middle or the end, one letter's case flipped) named symbolically so no report ever spells it. One that
 * happens to equal the real key is classed as the real key, not trusted as wrong.
 */
export function wrongCredential(): fc.Arbitrary<Credential> {
  const madeUp = fc.oneof(
    fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'),
      minLength: 1,
      maxLength: 48,
    }),
    fc.constantFrom('null', 'undefined', 'Bearer', PACT_API_KEY_PLACEHOLDER, '*'),
  );
  // Each near miss as often as a missing key: they find the subtle faults (a key compared ignoring case, by
  // prefix, by length).
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Credential>('missing') },
    { weight: 1, arbitrary: fc.constant<Credential>('empty') },
    { weight: 1, arbitrary: madeUp.map((wrong): Credential => ({ wrong })) },
    {
      weight: KEY_NEAR_MISSES.length,
      arbitrary: fc.constantFrom(...KEY_NEAR_MISSES).map((nearKey): Credential => ({ nearKey })),
    },
  );
}
