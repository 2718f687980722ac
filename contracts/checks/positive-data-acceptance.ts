import { statusOf } from '../model/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';
import { AUTH_STATUSES, isValidAuthorised } from './policy.ts';

/** A valid request with the right key may still be refused for its size; never for its content or its key. */
const REJECTIONS: readonly number[] = [422, ...AUTH_STATUSES];

export const positiveDataAcceptance: Check = {
  name: 'positive_data_acceptance',
  summary: 'a valid request with the right key never gets 422 (nor 401/403)',
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const status = statusOf(exchange);
    if (!isValidAuthorised(exchange) || status === undefined) return undefined;
    return REJECTIONS.includes(status)
      ? fail({ check: 'positive_data_acceptance', code: 'valid_request_rejected', exchange: index, status })
      : pass(index);
  }),
};
