import fc from 'fast-check';

/**
 * Content-Type values the operation does not document (undefined: no header at all). Only media types
 * that are plainly not `application/json`: a JSON-ish `+json` type is left out, since a lenient server
 * that parses it as JSON is arguable, and the gate never fails a provider on an arguable point.
 */
export function wrongContentType(): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(
    undefined,
    '',
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=gate',
    'application/xml',
    'text/json',
    'application/jsonx',
    'application/octet-stream',
  );
}
