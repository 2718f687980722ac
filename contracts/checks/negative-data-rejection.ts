import { statusOf } from '../gate/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';
import { refusalStoppedNothing } from './observations.ts';
import { refusedForSize } from './policy.ts';

export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  summary: 'an invalid request (with the right key) never gets a 2xx or a 404, and stops nothing',
  withoutSessions: 'part',
  judge: (record) => [
    ...eachExchange((exchange, index) => {
      if (exchange.class.valid || exchange.class.credential !== 'key') return undefined;
      if (refusedForSize(exchange)) return pass(index);
      const status = statusOf(exchange);
      if (status === undefined) return undefined;
      const accepted = (status >= 200 && status < 300) || (status === 404 && exchange.class.routable);
      return accepted
        ? fail({ check: 'negative_data_rejection', code: 'invalid_request_accepted', exchange: index, status, requestIssues: exchange.class.issues })
        : pass(index);
    })(record),
    ...refusalStoppedNothing(record, 'negative_data_rejection'),
  ],
};
