import { statusOf } from '../model/record.ts';
import { fail, pass, type Check } from './check.ts';
import { compareInstants } from './instant.ts';
import { okView } from './observations.ts';

export const stopIdempotence: Check = {
  name: 'stop_idempotence',
  summary: 'stopping a stopped session again gets 200 with the same finishedAt',
  withoutSessions: 'skipped',
  judge: (record) =>
    record.exchanges.flatMap((exchange, index) => {
      if (exchange.role !== 'repeat') return [];
      const first = record.exchanges
        .slice(0, index)
        .reverse()
        .find((earlier) => okView(earlier) !== undefined);
      const status = statusOf(exchange);
      if (!first || status === undefined) return [];
      const check = 'stop_idempotence';
      const second = okView(exchange);
      if (!second) return [fail({ check, code: 'second_stop_not_ok', exchange: index, status })];
      const before = okView(first)!['finishedAt'];
      const after = second['finishedAt'];
      // As instants: `…Z` and `…+00:00` are the same finishedAt; two nulls are the same too (stop_semantics flags those).
      const same = compareInstants(before, after) === 0 || before === after;
      return [
        same
          ? pass(index)
          : fail({ check, code: 'finished_at_moved', exchange: index, first: String(before), second: after }),
      ];
    }),
};
