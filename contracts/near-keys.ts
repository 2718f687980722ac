/**
 * The near misses of the API key the gate sends on purpose, named, never spelt: each is made from the key
 * only where the request goes out (model/wire.ts), spelt in replays by the shell from the key's variable
 * (report/curl.ts), and taken out of everything written (redact.ts). Upper-cased, one character added or
 * taken away catch keys compared ignoring case or by prefix; the same-length ones (one character changed at
 * the start, the middle or the end, one letter's case flipped) catch keys compared by length, by a prefix
 * of their own length, or by a hash of part of them.
 */
export type KeyNearMiss =
  'upper-cased' | 'extended' | 'truncated' | 'first-changed' | 'middle-changed' | 'last-changed' | 'case-flipped';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Each alphanumeric character moved on by one within its kind (`z` to `a`, `9` to `0`); anything else becomes `0`. */
export const SHIFTED = 'bcdefghijklmnopqrstuvwxyzaBCDEFGHIJKLMNOPQRSTUVWXYZA1234567890';
export { ALPHANUMERIC };

function shift(char: string): string {
  const at = ALPHANUMERIC.indexOf(char);
  return at < 0 ? '0' : SHIFTED[at]!;
}

/** The key with the character at `index` (when there is one) replaced by `make(it)`. */
function changedAt(apiKey: string, index: number, make: (char: string) => string): string {
  if (index < 0 || index >= apiKey.length) return apiKey;
  return apiKey.slice(0, index) + make(apiKey[index]!) + apiKey.slice(index + 1);
}

/**
 * How each near miss is made from the key. A near miss that equals the key is classed as the key, not as
 * wrong. The order is the order they are drawn in (wrongCredential.ts).
 */
export const NEAR_KEY: Readonly<Record<KeyNearMiss, (apiKey: string) => string>> = {
  'first-changed': (apiKey) => changedAt(apiKey, 0, shift),
  'middle-changed': (apiKey) => changedAt(apiKey, Math.floor(apiKey.length / 2), shift),
  'last-changed': (apiKey) => changedAt(apiKey, apiKey.length - 1, shift),
  // The first ASCII letter, upper case for lower and lower for upper.
  'case-flipped': (apiKey) =>
    changedAt(apiKey, apiKey.search(/[A-Za-z]/), (char) =>
      char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase(),
    ),
  'upper-cased': (apiKey) => apiKey.toUpperCase(),
  extended: (apiKey) => `${apiKey}0`,
  truncated: (apiKey) => apiKey.slice(0, -1),
};

export const KEY_NEAR_MISSES = Object.keys(NEAR_KEY) as KeyNearMiss[];
