import { statusOf } from '../model/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';
import { refusalStoppedNothing } from './observations.ts';
import { AUTH_STATUSES, DOCUMENTED_STATUSES } from './policy.ts';

/**
 * A request without the right key passes with 401/403 and fails with any answer that shows it was served
 * (a 2xx, or a documented 404/422: looked up or validated as if authorised). Other answers (a 5xx, an
 * undocumented status) are left to not_a_server_error and status_code_conformance: one fault, one check.
 */
export const authEnforced: Check = {
  name: 'auth_enforced',
  summary: 'a missing, empty or wrong key gets 401/403 and stops nothing',
  withoutSessions: 'part',
  judge: (record) => [
    ...eachExchange((exchange, index) => {
      const credential = exchange.class.credential;
      const status = statusOf(exchange);
      if (credential === 'key' || status === undefined) return undefined;
      if (AUTH_STATUSES.includes(status)) return pass(index);
      const served = (status >= 200 && status < 300) || DOCUMENTED_STATUSES.includes(status);
      return served
        ? fail({ check: 'auth_enforced', code: 'unauthorised_request_accepted', exchange: index, status, credential })
        : undefined;
    })(record),
    ...refusalStoppedNothing(record, 'auth_enforced'),
  ],
};
