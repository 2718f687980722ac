import { statusOf } from '../model/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';
import { allowedStatuses } from './policy.ts';

export const statusCodeConformance: Check = {
  name: 'status_code_conformance',
  summary:
    'every status below 500 is documented (200, 404, 422), or 401/403 for auth, or 413/414/431 for an oversized request, or 415 for a body not sent as JSON',
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const status = statusOf(exchange);
    // A 5xx is not_a_server_error's to report; one fault, one failing check.
    if (status === undefined || status >= 500) return undefined;
    const allowed = allowedStatuses(exchange.class);
    return allowed.includes(status)
      ? pass(index)
      : fail({ check: 'status_code_conformance', code: 'undocumented_status', exchange: index, status, allowed });
  }),
};
