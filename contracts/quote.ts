/**
 * A received value as a reader can check it: JSON, shortened when long, and any string with characters
 * outside printable ASCII followed by their code points, since `"١٢"` (Arabic-Indic digits) and `"12"`
 * look alike in a terminal while the spec tells them apart.
 */

/** Long enough for any scalar a check reports, short enough for one line. */
const MAX_QUOTED = 120;

function codePoints(text: string): string | undefined {
  const outside = [...text].filter((char) => !/^[\x20-\x7e]$/.test(char));
  if (outside.length === 0) return undefined;
  return [...text].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/**
 * `redact` runs before anything is cut: a secret echoed in a value must go whole, never leave a prefix
 * that a later redaction pass could no longer recognise.
 */
export function quoteValue(value: unknown, redact: (text: string) => string = (text) => text): string {
  if (typeof value === 'string') value = redact(value);
  const json = value === undefined ? 'nothing' : redact(JSON.stringify(value));
  const shown = json.length > MAX_QUOTED ? `${json.slice(0, MAX_QUOTED)}…` : json;
  if (typeof value !== 'string') return shown;
  // Every code point of a short string; of a long one only the first few, which is where a reader looks.
  const points = codePoints(value.length > 24 ? value.slice(0, 24) : value);
  return points === undefined ? shown : `${shown} (${points}${value.length > 24 ? ' …' : ''})`;
}

/** The value at a JSON pointer (`/tasks/0/status`), or undefined when nothing is there. */
export function valueAtPointer(document: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === '') return { found: true, value: document };
  let current = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key))
      return { found: false };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}
