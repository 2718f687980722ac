import fc from 'fast-check';
import type { Credential } from '../../gate/case.ts';

/**
 * Credentials that must not open the operation: no header, an empty one, or a made-up key. Made-up keys
 * are never derived from the real key (a key with one letter changed would print most of the secret in
 * a report); a made-up key that happens to equal the real one is classed as the real one, not trusted
 * as wrong.
 */
export function wrongCredential(): fc.Arbitrary<Credential> {
  const madeUp = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'), minLength: 1, maxLength: 48 }),
    fc.constantFrom('null', 'undefined', 'Bearer', 'REDACTED-API-KEY', '*'),
  );
  return fc.oneof(
    fc.constant<Credential>('missing'),
    fc.constant<Credential>('empty'),
    madeUp.map((wrong): Credential => ({ wrong })),
  );
}
