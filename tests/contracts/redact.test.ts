/** The redactor catches the key in every form a provider or a library could echo it in. */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactor } from '../../contracts/redact.ts';

const KEY = 'sk-Live/0123456789"abc';
const redact = redactor(KEY);

describe('redactor', () => {
  it.each([
    ['as given', `Invalid API key ${KEY}`],
    ['upper-cased', `Invalid API key ${KEY.toUpperCase()}`],
    ['lower-cased', `invalid api key ${KEY.toLowerCase()}`],
    ['JSON-escaped', JSON.stringify({ detail: `bad key ${KEY}` })],
    ['percent-encoded', `GET /?key=${encodeURIComponent(KEY)}`],
    ['one character short', `Invalid API key ${KEY.slice(0, -1)}`],
    ['one character long', `Invalid API key ${KEY}0`],
  ])('removes the key %s', (_, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out.toLowerCase()).not.toContain(KEY.slice(0, -1).toLowerCase());
  });

  it('leaves other text alone, and an empty key changes nothing', () => {
    expect(redact('no key here: sk-live-other')).toBe('no key here: sk-live-other');
    expect(redactor('')('anything')).toBe('anything');
  });
});
