import fc from 'fast-check';
import { PACT_API_KEY_PLACEHOLDER } from '../../config.ts';
import type { Credential } from '../../model/case.ts';

/**
 * Credentials that must not open the operation: no header, an empty one, a made-up key, or a near miss of
 * the real key (upper-cased, extended, truncated) named symbolically so no report ever spells it. One that
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
  // Each near miss as often as a missing key: they find the subtle faults (a key compared ignoring case or by prefix).
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Credential>('missing') },
    { weight: 1, arbitrary: fc.constant<Credential>('empty') },
    { weight: 1, arbitrary: madeUp.map((wrong): Credential => ({ wrong })) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<Credential>(
        { nearKey: 'upper-cased' },
        { nearKey: 'extended' },
        { nearKey: 'truncated' },
      ),
    },
  );
}
