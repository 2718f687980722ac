/** The redactor catches the key in every form a provider or a library could echo it in. */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactor } from '../../contracts/redact.ts';

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

  it('takes a short key out where it stands alone, and leaves the words that merely contain it', () => {
    const short = redactor('k');
    expect(short('{"tasks":[],"detail":"k"} key: K; k0')).toBe(
      `{"tasks":[],"detail":"${REDACTED}"} key: ${REDACTED}; ${REDACTED}`,
    );
  });

  it('catches a states header value and the token of a `Scheme token` value', () => {
    const withHeaders = redactor(KEY, ['Bearer s3cr3t-t0ken-value']);
    expect(withHeaders('Authorization: Bearer s3cr3t-t0ken-value')).toBe(`Authorization: ${REDACTED}`);
    expect(withHeaders('token s3cr3t-t0ken-value refused')).toBe(`token ${REDACTED} refused`);
  });

  it('redacts every string of plain data, keys included, without touching the original', () => {
    const data = { detail: KEY, list: [1, `x${KEY}`], [KEY]: null, nested: { ok: true } };
    expect(redactDeep(data, redact)).toEqual({
      detail: REDACTED,
      list: [1, `x${REDACTED}`],
      [REDACTED]: null,
      nested: { ok: true },
    });
    expect(data.detail).toBe(KEY);
  });
});
