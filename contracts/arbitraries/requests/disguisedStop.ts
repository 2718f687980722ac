import fc from 'fast-check';
import { STOP_BODY } from '../../model/case.ts';
import { classed, classNames, type Classed, type InputClass } from './_internals/classes.ts';

/** A Content-Type header (undefined: none), the body it labels (undefined: none), and a query string if any. */
export interface Disguise {
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  readonly query?: string;
}

const labelled = (contentTypes: readonly (string | undefined)[], bodies: readonly string[]): fc.Arbitrary<Disguise> =>
  fc.record({ contentType: fc.constantFrom(...contentTypes), body: fc.constantFrom(...bodies) });

/** One multipart/form-data part named `action` holding `stop`, as a browser form or `curl -F action=stop` sends it. */
const multipartStop = (boundary: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nstop\r\n--${boundary}--\r\n`;

/**
 * A stop said in a media type or encoding the operation does not take: what a framework that binds form
 * fields, or sniffs a body whatever its label, turns into a stop. Not a BOM before the JSON (RFC 8259 lets
 * a parser ignore it) and not a `+json` type (arguable: see wrongContentType.ts): the gate never fails a
 * provider on an arguable point.
 */
const CLASSES: readonly InputClass<Disguise>[] = [
  [
    'disguise: form-urlencoded action=stop',
    labelled(
      ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8'],
      ['action=stop', 'action=stop&reason=user', 'act%69on=st%6Fp'],
    ),
  ],
  [
    'disguise: multipart form field action=stop',
    labelled(['multipart/form-data; boundary=gate'], [multipartStop('gate')]),
  ],
  ['disguise: JSON stop labelled text/plain', labelled(['text/plain', 'text/plain; charset=utf-8'], [STOP_BODY])],
  // Arguable, like `+json` (FastAPI reads an unlabelled body as JSON): drawn, but only a refusal that
  // stopped the session anyway is a failure (see RequestClass.lenient).
  ['disguise: JSON stop with no Content-Type', labelled([undefined], [STOP_BODY])],
  [
    'disguise: XML <action>stop</action>',
    labelled(
      ['application/xml', 'text/xml'],
      ['<action>stop</action>', '<?xml version="1.0" encoding="UTF-8"?><session><action>stop</action></session>'],
    ),
  ],
  [
    'disguise: YAML action: stop',
    labelled(['application/yaml', 'application/x-yaml'], ['action: stop\n', '{action: stop}']),
  ],
  // What a framework that reads parameters from the query and the body alike (Flask's request.values) takes.
  [
    'disguise: ?action=stop in the query, no body',
    fc.record({
      contentType: fc.constantFrom(undefined, 'application/json'),
      body: fc.constant(undefined),
      query: fc.constantFrom('action=stop', 'action=stop&x=1'),
    }),
  ],
];

/** The class names disguisedStop draws from, for tests that count them. */
export const DISGUISED_STOP_CLASSES: readonly string[] = classNames(CLASSES);

/** Requests that would be a valid stop under another encoding: each must be refused, and stop nothing. */
export function disguisedStop(): fc.Arbitrary<Classed<Disguise>> {
  return classed(CLASSES);
}
