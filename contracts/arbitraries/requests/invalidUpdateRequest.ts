import fc from 'fast-check';
import type { GateCase } from '../../model/case.ts';
import type { Classed } from './_internals/classes.ts';
import { addressedSession, REFUSED_STOP_STATES, type AddressedSession } from './addressedSession.ts';
import { disguisedStop } from './disguisedStop.ts';
import { invalidSessionId } from './invalidSessionId.ts';
import { invalidUpdateBody } from './invalidUpdateBody.ts';
import { jsonContentType } from './jsonContentType.ts';
import { updateBody } from './updateBody.ts';
import { wrongContentType } from './wrongContentType.ts';

export interface InvalidUpdateRequestConstraints {
  /** Whether sessions can be set up through the states URL; without, well-formed ids are made-up uuids. */
  readonly sessions: boolean;
}

/** A part of the request, with the class of its invalidity (undefined: this part is valid). */
type Part<T> = { readonly class: string | undefined; readonly value: T };
const valid = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Part<T>> =>
  arbitrary.map((value) => ({ class: undefined, value }));
const broken = <T>(arbitrary: fc.Arbitrary<Classed<T>>): fc.Arbitrary<Part<T>> => arbitrary;

/**
 * A stop with the gate's key that breaks the spec in its id, its Content-Type, its body, or several at once
 * (a stop disguised in another encoding among them: `action=stop` form-encoded, XML, a mislabelled JSON),
 * each case naming the classes it broke. Ids and bodies have many classes each and are drawn most, so every
 * class comes up several times in a default run. An invalid id addresses no session; a well-formed one
 * addresses an active (or absent) session, so the gate can see that the refused request stopped nothing.
 */
export function invalidUpdateRequest({ sessions }: InvalidUpdateRequestConstraints): fc.Arbitrary<GateCase> {
  const session = valid(addressedSession({ states: sessions ? REFUSED_STOP_STATES : [] }));
  const badId = broken(invalidSessionId()).map(({ class: name, value }): Part<AddressedSession> => ({
    class: name,
    value: { sessionId: value, setup: undefined },
  }));
  const json = valid(jsonContentType());
  const okBody = valid(updateBody({ oversized: false }));
  const badBody = broken(invalidUpdateBody());
  // A disguise breaks the Content-Type and the body together; it is named once, as the Content-Type's class.
  const disguised = fc.record({ session, disguise: disguisedStop() }).map(({ session: addressed, disguise }) => ({
    session: addressed,
    contentType: { class: disguise.class, value: disguise.value.contentType },
    body: { class: undefined, value: disguise.value.body },
    query: disguise.value.query,
  }));
  const parts = fc.oneof(
    { weight: 5, arbitrary: fc.record({ session: badId, contentType: json, body: okBody }) },
    { weight: 1, arbitrary: fc.record({ session, contentType: broken(wrongContentType()), body: okBody }) },
    { weight: 5, arbitrary: fc.record({ session, contentType: json, body: badBody }) },
    {
      weight: 1,
      arbitrary: fc.record({
        session: fc.oneof(session, badId),
        contentType: fc.oneof(json, broken(wrongContentType())),
        body: badBody,
      }),
    },
    { weight: 3, arbitrary: disguised },
  );
  return parts.map((drawn): GateCase => {
    const { session: addressed, contentType, body } = drawn;
    const query = 'query' in drawn ? drawn.query : undefined;
    return {
      intent: 'invalid',
      classes: [addressed.class, contentType.class, body.class].filter((name): name is string => name !== undefined),
      setup: addressed.value.setup,
      request: {
        sessionId: addressed.value.sessionId,
        credential: 'key',
        contentType: contentType.value,
        body: body.value,
        ...(query === undefined ? {} : { query }),
      },
    };
  });
}
