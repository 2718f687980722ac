/**
 * A response body's bytes as text, decoded strictly: RFC 8259 §8.1 requires JSON exchanged between
 * systems to be UTF-8, so bytes that are not are a fault to report, not something to paper over with
 * U+FFFD. The text is still decoded (leniently) so the rest of the answer can be read and shown.
 */
import { isUtf8 } from 'node:buffer';

/** Where a body stops being UTF-8: the byte offset of the first bad sequence, and its bytes in hex. */
export interface Undecodable {
  readonly offset: number;
  readonly bytes: string;
}

/** How many continuation bytes follow a lead byte, and the range the first of them must fall in (no overlongs, surrogates or code points past U+10FFFF). */
function sequence(lead: number): { length: number; min: number; max: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 1, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { length: 2, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { length: 2, min: 0x80, max: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 2, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { length: 3, min: 0x90, max: 0xbf };
  if (lead === 0xf4) return { length: 3, min: 0x80, max: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 3, min: 0x80, max: 0xbf };
  return undefined;
}

/** The offset of the first byte where `bytes` is not well-formed UTF-8 (Unicode Table 3-7), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    const expected = sequence(lead);
    if (!expected) return at;
    for (let next = 1; next <= expected.length; next++) {
      const byte = bytes[at + next];
      const [min, max] = next === 1 ? [expected.min, expected.max] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return at;
    }
    at += expected.length + 1;
  }
  return -1;
}

const QUOTED_BYTES = 4;

/** `bytes` as text, and where it is not UTF-8 if anywhere. Valid bodies (nearly all) cost one native scan. */
export function decodeBody(bytes: Buffer): { text: string; undecodable?: Undecodable } {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return { text };
  const offset = firstInvalidUtf8(bytes);
  const quoted = [...bytes.subarray(offset, offset + QUOTED_BYTES)].map((byte) => byte.toString(16).padStart(2, '0'));
  return { text, undecodable: { offset, bytes: quoted.join(' ') } };
}
