/**
 * Keeps the API key out of everything the suite prints or writes. Checks judge the provider's bytes as
 * received; redaction happens on the way out, on every string that leaves the process (reports, logs,
 * errors, curl lines), and on a result's data before any report shortens a string of it.
 *
 * It catches the key in every form it could take in text (as is, JSON-escaped, percent-encoded), in any
 * letter case, and the near misses of it the gate sends on purpose (near-keys.ts: upper-cased, one
 * character more, less or changed), since a provider may echo a refused key back.
 */
import { NEAR_KEY } from './near-keys.ts';

export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/** Shorter than this, a truncated near miss is too short to tell from ordinary text. */
const MIN_NEAR_MISS_LENGTH = 6;
/**
 * Shorter than this, a secret is matched only where it stands alone (no letter or digit on either side):
 * a one-letter key `k` is taken out of `"k"` and `key: k`, not out of every `tasks` and `check`, which would
 * make the reports unreadable without hiding anything.
 */
const MIN_SUBSTRING_LENGTH = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formsOf(base: string): string[] {
  return [base, JSON.stringify(base).slice(1, -1), encodeURIComponent(base)];
}

/**
 * `others`: further secrets (the values of --states-header), caught as given and, for `Scheme token`
 * values such as `Bearer abc…`, as the token alone.
 */
export function redactor(apiKey: string, others: readonly string[] = []): Redactor {
  const tokens = others.flatMap((value) => [value, ...(/\s/.test(value) ? [value.split(/\s+/).pop()!] : [])]);
  const nearMisses = Object.values(NEAR_KEY).map((make) => make(apiKey));
  const bases = [
    apiKey,
    // The extended key always (it holds the key whole); the others only when long enough to tell from ordinary text.
    ...(apiKey === ''
      ? []
      : nearMisses.filter((nearMiss) => nearMiss.length >= Math.min(MIN_NEAR_MISS_LENGTH, apiKey.length + 1))),
    ...tokens,
  ].filter((base) => base !== '');
  if (bases.length === 0) return (text) => text;
  const forms = [...new Set(bases.flatMap(formsOf))]
    // Longest first, so a form that contains another is replaced whole.
    .sort((a, b) => b.length - a.length)
    .map((form) =>
      form.length < MIN_SUBSTRING_LENGTH
        ? `(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`
        : escapeRegExp(form),
    );
  const pattern = new RegExp(forms.join('|'), 'giu');
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * A copy of `value` with every string in it (object keys included) redacted: plain data only (objects,
 * arrays, primitives), which is what results and records are. Run on a result before it is rendered, so
 * a report that keeps only the start of a long string can never keep the start of a key.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [redact(key), redactDeep(inner, redact)]),
    ) as T;
  }
  return value;
}
