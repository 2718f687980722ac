/**
 * Every check the gate runs, by name, in report order. A name not here is an error, never a silent
 * no-op (`--checks` is validated against this list).
 */
import type { Check } from './check.ts';
import type { CheckName } from './failure.ts';
import { authEnforced } from './auth-enforced.ts';
import { concurrentStopConsistency } from './concurrent-stop-consistency.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { negativeDataRejection } from './negative-data-rejection.ts';
import { noHang } from './no-hang.ts';
import { notAServerError } from './not-a-server-error.ts';
import { positiveDataAcceptance } from './positive-data-acceptance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { stopIdempotence } from './stop-idempotence.ts';
import { stopIsolation } from './stop-isolation.ts';
import { stopSemantics } from './stop-semantics.ts';

export const CHECKS: Readonly<Record<CheckName, Check>> = {
  not_a_server_error: notAServerError,
  status_code_conformance: statusCodeConformance,
  content_type_conformance: contentTypeConformance,
  response_schema_conformance: responseSchemaConformance,
  negative_data_rejection: negativeDataRejection,
  positive_data_acceptance: positiveDataAcceptance,
  stop_semantics: stopSemantics,
  stop_idempotence: stopIdempotence,
  concurrent_stop_consistency: concurrentStopConsistency,
  stop_isolation: stopIsolation,
  auth_enforced: authEnforced,
  no_hang: noHang,
};

export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

export function isCheckName(name: string): name is CheckName {
  return Object.hasOwn(CHECKS, name);
}
