import fc from 'fast-check';
import type { GateCase } from '../../model/case.ts';
import { addressedSession, REFUSED_STOP_STATES } from './addressedSession.ts';
import { jsonContentType } from './jsonContentType.ts';
import { updateBody } from './updateBody.ts';
import { wrongCredential } from './wrongCredential.ts';

export interface UnauthorisedUpdateRequestConstraints {
  /** Whether sessions can be set up through the states URL; without, ids are made-up uuids. */
  readonly sessions: boolean;
}

/** A stop that is valid in every way but its key: missing, empty or wrong. */
export function unauthorisedUpdateRequest({ sessions }: UnauthorisedUpdateRequestConstraints): fc.Arbitrary<GateCase> {
  return fc
    .record({
      session: addressedSession({ states: sessions ? REFUSED_STOP_STATES : [] }),
      credential: wrongCredential(),
      contentType: jsonContentType(),
      body: updateBody({ oversized: false }),
    })
    .map(({ session, credential, contentType, body }): GateCase => ({
      intent: 'unauthorised',
      setup: session.setup,
      request: { sessionId: session.sessionId, credential, contentType, body },
    }));
}
