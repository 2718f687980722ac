import fc from 'fast-check';
import type { GateCase } from '../../gate/case.ts';
import { invalidUpdateRequest } from './invalidUpdateRequest.ts';
import { unauthorisedUpdateRequest } from './unauthorisedUpdateRequest.ts';
import { validUpdateRequest } from './validUpdateRequest.ts';

export interface GateCaseConstraints {
  /** Whether sessions can be set up through the states URL (see addressedSession). */
  readonly sessions: boolean;
}

/** Every kind of request the gate sends: valid stops, invalid ones, and ones without the right key. */
export function gateCase(constraints: GateCaseConstraints): fc.Arbitrary<GateCase> {
  return fc.oneof(
    { weight: 7, arbitrary: validUpdateRequest(constraints) },
    { weight: 10, arbitrary: invalidUpdateRequest(constraints) },
    { weight: 3, arbitrary: unauthorisedUpdateRequest(constraints) },
  );
}
