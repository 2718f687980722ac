import fc from 'fast-check';
import type { GateCase } from '../../gate/case.ts';
import { addressedSession, REFUSED_STOP_STATES, type AddressedSession } from './addressedSession.ts';
import { invalidSessionId } from './invalidSessionId.ts';
import { invalidUpdateBody } from './invalidUpdateBody.ts';
import { jsonContentType } from './jsonContentType.ts';
import { updateBody } from './updateBody.ts';
import { wrongContentType } from './wrongContentType.ts';

export interface InvalidUpdateRequestConstraints {
  /** Whether sessions can be set up through the states URL; without, well-formed ids are made-up uuids. */
  readonly sessions: boolean;
}

/**
 * A stop with the gate's key that breaks the spec in its id, its Content-Type, its body, or several at once.
 * An invalid id addresses no session; a well-formed one addresses an active (or absent) session, so the gate
 * can see that the refused request stopped nothing.
 */
export function invalidUpdateRequest({ sessions }: InvalidUpdateRequestConstraints): fc.Arbitrary<GateCase> {
  const session = addressedSession({ states: sessions ? REFUSED_STOP_STATES : [] });
  const badId = invalidSessionId().map((sessionId): AddressedSession => ({ sessionId, setup: undefined }));
  const parts = fc.oneof(
    fc.record({ session: badId, contentType: jsonContentType(), body: updateBody({ oversized: false }) }),
    fc.record({ session, contentType: wrongContentType(), body: updateBody({ oversized: false }) }),
    fc.record({ session, contentType: jsonContentType(), body: invalidUpdateBody() }),
    fc.record({ session: fc.oneof(session, badId), contentType: fc.oneof(jsonContentType(), wrongContentType()), body: invalidUpdateBody() }),
  );
  return parts.map(({ session: addressed, contentType, body }): GateCase => ({
    intent: 'invalid',
    setup: addressed.setup,
    request: { sessionId: addressed.sessionId, credential: 'key', contentType, body },
  }));
}
