/**
 * A Pact core mismatch in words a provider team can act on: where, what was received, what the pact
 * expects. The core's own sentence quotes the received value as it coerced it to text, so a null shows as
 * `Expected '' to match …`; its report also carries the received and expected values as JSON, which are
 * what this shows. Non-ASCII characters get their code points, as in the gate's own reports.
 */
import { quoteValue } from '../quote.ts';

export interface CoreMismatch {
  readonly path?: string;
  readonly type?: string;
  readonly mismatch?: string;
  /** JSON text of the value received, when the core gives it. */
  readonly actual?: string;
  /** JSON text of the pact's example value, when the core gives it. */
  readonly expected?: string;
}

function fromJson(text: string | undefined): { known: true; value: unknown } | { known: false } {
  if (text === undefined) return { known: false };
  try {
    return { known: true, value: JSON.parse(text) as unknown };
  } catch {
    return { known: true, value: text };
  }
}

const REGEX_MISMATCH = /^Expected .* to match '(.*)'$/s;
const MISSING_KEYS = /missing the following keys: (.*)$/s;

/** `redact` runs on the received value before it is quoted (and so before any shortening). */
export function mismatchWords(mismatch: CoreMismatch, redact: (text: string) => string = (text) => text): string {
  const where = mismatch.path ? `${mismatch.path}: ` : '';
  const core = mismatch.mismatch ?? mismatch.type ?? 'mismatch';
  // The core shows the keys it got and wanted; what matters is the ones that were not there.
  const missing = MISSING_KEYS.exec(core)?.[1];
  if (missing !== undefined)
    return `${where}received no ${missing
      .split(',')
      .map((key) => key.trim())
      .join(', ')}; the pact expects ${missing.includes(',') ? 'them' : 'it'}`;
  const actual = fromJson(mismatch.actual);
  if (!actual.known) return `${where}${core}`;
  const received = `received ${quoteValue(actual.value, redact)}`;
  const pattern = REGEX_MISMATCH.exec(core)?.[1];
  if (pattern !== undefined) return `${where}${received}; the pact expects a string matching /${pattern}/`;
  const expected = fromJson(mismatch.expected);
  return `${where}${received}; the pact expects ${expected.known ? quoteValue(expected.value, redact) : 'otherwise'} (${core})`;
}
