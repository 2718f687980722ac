import fc from 'fast-check';
import { classed, classNames, type Classed, type InputClass } from './_internals/classes.ts';

/**
 * Media types the operation does not document. A `+json` type is left out; none, an empty one and
 * `text/json` are drawn, but a server that reads them as JSON is lenient, not wrong (FastAPI, ASP.NET
 * Core do), so taking such a request is no verdict (RequestClass.lenient): the gate never fails a provider
 * on an arguable point.
 */
const CLASSES: readonly InputClass<string | undefined>[] = [
  ['content-type: missing or empty', fc.constantFrom<string | undefined>(undefined, '')],
  [
    'content-type: another media type',
    fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=gate',
      'application/xml',
      'text/json',
      'application/jsonx',
      'application/octet-stream',
    ),
  ],
];

/** The class names wrongContentType draws from, for tests that count them. */
export const WRONG_CONTENT_TYPE_CLASSES: readonly string[] = classNames(CLASSES);

/** Content-Type values the operation does not document (undefined: no header at all). */
export function wrongContentType(): fc.Arbitrary<Classed<string | undefined>> {
  return classed(CLASSES);
}
