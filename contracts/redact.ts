/**
 * Keeps the API key out of everything the suite prints or writes. Text that could hold it — a provider's
 * answer, a Pact mismatch, an error message — passes through a redactor built from the key.
 *
 * It catches the key in every form it could take in text (as is, JSON-escaped, percent-encoded), in any
 * letter case, and the near misses of it the gate sends on purpose (upper-cased, one character more or
 * less), since a provider may echo a refused key back.
 */
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/** Shorter than this, a truncated near miss is too short to tell from ordinary text. */
const MIN_NEAR_MISS_LENGTH = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `others`: further secrets (the values of --states-header), caught as given and, for `Scheme token`
 * values such as `Bearer abc…`, as the token alone.
 */
export function redactor(apiKey: string, others: readonly string[] = []): Redactor {
  const truncated = apiKey.slice(0, -1);
  const tokens = others.flatMap((value) => [value, ...(/\s/.test(value) ? [value.split(/\s+/).pop()!] : [])]);
  const bases = [apiKey, ...(truncated.length >= MIN_NEAR_MISS_LENGTH ? [truncated] : []), ...tokens].filter((base) => base !== '');
  if (bases.length === 0) return (text) => text;
  const forms = [...new Set(bases.flatMap((base) => [base, JSON.stringify(base).slice(1, -1), encodeURIComponent(base)]))]
    // Longest first, so a form that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'gi');
  return (text) => text.replace(pattern, REDACTED);
}
