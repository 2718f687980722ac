import fc from 'fast-check';
import type { GateCase } from '../../model/case.ts';
import { addressedSession, VALID_STOP_STATES } from './addressedSession.ts';
import { jsonContentType } from './jsonContentType.ts';
import { updateBody } from './updateBody.ts';

export interface ValidUpdateRequestConstraints {
  /** Whether sessions can be set up through the states URL; without, ids are made-up uuids. */
  readonly sessions: boolean;
}

/** A valid stop with the gate's key, of an active, stopped or absent session (or a made-up id without sessions). */
export function validUpdateRequest({ sessions }: ValidUpdateRequestConstraints): fc.Arbitrary<GateCase> {
  return fc
    .record({
      session: addressedSession({ states: sessions ? VALID_STOP_STATES : [] }),
      contentType: jsonContentType(),
      body: updateBody(),
    })
    .map(({ session, contentType, body }): GateCase => ({
      intent: 'valid',
      setup: session.setup,
      request: { sessionId: session.sessionId, credential: 'key', contentType, body },
    }));
}
