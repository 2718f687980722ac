import { statusOf } from '../model/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';
import { presenceAt, refusalStoppedNothing } from './observations.ts';
import { refusedForSize } from './policy.ts';

export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  summary:
    'an invalid request (with the right key) never gets a 2xx (nor a 404 for a session that exists or an id that is no uuid), and stops nothing',
  withoutSessions: 'part',
  judge: (record) => [
    ...eachExchange((exchange, index) => {
      // A body labelled loosely as JSON (see RequestClass.lenient): taking it is no verdict either way.
      if (exchange.class.valid || exchange.class.lenient || exchange.class.credential !== 'key') return undefined;
      if (refusedForSize(exchange)) return pass(index);
      const status = statusOf(exchange);
      if (status === undefined) return undefined;
      // The spec orders nothing between validation and lookup: a provider that looks the session up first
      // (a FastAPI dependency loading it, say) rightly answers 404 for a uuid that names no session, whatever
      // the body. A 404 is acceptance only for an id that is no uuid, or for a session known to exist.
      const idValid = !exchange.class.issues.some((issue) => issue.in === 'path');
      const mayBeAbsent = ['absent', 'unknown'].includes(presenceAt(record, index));
      const notFound = status === 404 && exchange.class.routable && !(idValid && mayBeAbsent);
      return (status >= 200 && status < 300) || notFound
        ? fail({
            check: 'negative_data_rejection',
            code: 'invalid_request_accepted',
            exchange: index,
            status,
            requestIssues: exchange.class.issues,
          })
        : pass(index);
    })(record),
    ...refusalStoppedNothing(record, 'negative_data_rejection'),
  ],
};
