import fc from 'fast-check';
import type { GateCase } from '../../model/case.ts';
import { concurrentStopRequest } from './concurrentStopRequest.ts';
import { invalidUpdateRequest } from './invalidUpdateRequest.ts';
import { unauthorisedUpdateRequest } from './unauthorisedUpdateRequest.ts';
import { validUpdateRequest } from './validUpdateRequest.ts';

export interface GateCaseConstraints {
  /** Whether sessions can be set up through the states URL (see addressedSession). */
  readonly sessions: boolean;
}

/**
 * Every kind of request the gate sends: valid stops, invalid ones, ones without the right key, and (when
 * sessions can be set up) valid stops sent several times at once — about one case in twenty, so a default
 * run races a dozen or more sessions. Invalid requests weigh most: they come in some forty named classes,
 * and a default run must send each several times (tests/gate/generators.test.ts counts them).
 */
export function gateCase(constraints: GateCaseConstraints): fc.Arbitrary<GateCase> {
  return fc.oneof(
    { weight: 7, arbitrary: validUpdateRequest(constraints) },
    { weight: 11, arbitrary: invalidUpdateRequest(constraints) },
    { weight: 3, arbitrary: unauthorisedUpdateRequest(constraints) },
    ...(constraints.sessions ? [{ weight: 1, arbitrary: concurrentStopRequest() }] : []),
  );
}
