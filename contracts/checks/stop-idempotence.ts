/**
 * A repeated stop shows what the first stop settled (see after-stop.ts): the session's status and
 * finishedAt, the same task ids, and each task the first showed stopped or finished with the same status
 * and finishedAt. What may change after a stop (presigned URLs, an asynchronous judge's verdict, costs) is
 * not compared.
 */
import { statusOf } from '../model/record.ts';
import { fail, pass, type Check } from './check.ts';
import { compareInstants } from './instant.ts';
import { okView } from './observations.ts';
import { SETTLED, SETTLED_TASK_STATUSES } from './after-stop.ts';
import type { ViewProblem } from './failure.ts';
import { fieldChanges, taskIdChange, tasksById } from './view-diff.ts';

const BECAUSE = 'as the first stop settled it';

/** Where the repeat's view differs from the first's on what the first stop settled, the session's finishedAt aside. */
function settledChanges(first: Record<string, unknown>, second: Record<string, unknown>): ViewProblem[] {
  const before = tasksById(first);
  const after = tasksById(second);
  const sessionFields = SETTLED.session.filter((field) => field !== 'finishedAt');
  return [
    ...fieldChanges(first, second, sessionFields, '', BECAUSE),
    ...taskIdChange(before, after, BECAUSE),
    ...[...before].flatMap(([id, { task }]) => {
      const now = after.get(id);
      if (!now || !SETTLED_TASK_STATUSES.includes(task['status'])) return [];
      return fieldChanges(task, now.task, SETTLED.task, `/tasks/${now.index}`, BECAUSE);
    }),
  ];
}

export const stopIdempotence: Check = {
  name: 'stop_idempotence',
  summary:
    'stopping a stopped session again gets 200 showing what the first stop settled: finishedAt, status, the task ids, each stopped or finished task as it was',
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
      const firstView = okView(first)!;
      const before = firstView['finishedAt'];
      const after = second['finishedAt'];
      // As instants: `…Z` and `…+00:00` are the same finishedAt; two nulls are the same too (stop_semantics flags those).
      const same = compareInstants(before, after) === 0 || before === after;
      if (!same)
        return [fail({ check, code: 'finished_at_moved', exchange: index, first: String(before), second: after })];
      const problems = settledChanges(firstView, second);
      return [
        problems.length === 0 ? pass(index) : fail({ check, code: 'settled_changed', exchange: index, problems }),
      ];
    }),
};
