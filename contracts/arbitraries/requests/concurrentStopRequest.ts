import fc from 'fast-check';
import { GATE_CONCURRENT_STOPS_MAX, GATE_CONCURRENT_STOPS_MIN } from '../../config.ts';
import type { GateCase } from '../../model/case.ts';
import { PROVIDER_STATES } from '../../model/states.ts';
import { addressedSession } from './addressedSession.ts';
import { jsonContentType } from './jsonContentType.ts';
import { updateBody } from './updateBody.ts';

/**
 * A valid stop of a fresh active session with running tasks, to be sent several times at once
 * (concurrent_stop_consistency). Never oversized: a megabyte sent eight times tests nothing more.
 */
export function concurrentStopRequest(): fc.Arbitrary<GateCase> {
  return fc
    .record({
      session: addressedSession({ states: [[PROVIDER_STATES.activeSessionWithRunningTasks, 1]] }),
      contentType: jsonContentType(),
      body: updateBody({ oversized: false }),
      concurrency: fc.integer({ min: GATE_CONCURRENT_STOPS_MIN, max: GATE_CONCURRENT_STOPS_MAX }),
    })
    .map(({ session, contentType, body, concurrency }): GateCase => ({
      intent: 'valid',
      setup: session.setup,
      request: { sessionId: session.sessionId, credential: 'key', contentType, body },
      concurrency,
    }));
}
