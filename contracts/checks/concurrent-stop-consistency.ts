/**
 * Simultaneous stops of one active session tell one story: every answer that is a 200 shows the same
 * finishedAt (as an instant) and the same status for each task (by task id), and a stop sent after them
 * agrees. A provider that reads a session, waits (a database round trip), then writes its own stop loses
 * updates: each of the simultaneous stops answers with the finishedAt it wrote itself, and the stop after
 * them shows only the last writer's.
 *
 * One fault, one check:
 * - an answer other than a 200 with a JSON object is the status checks' (a 404 stop_semantics', a 422
 *   positive_data_acceptance's, a 5xx not_a_server_error's, a 409 status_code_conformance's), and a
 *   finishedAt that is not a date-time is the schema's: such a case is not judged here;
 * - when the stop after them matches none of the simultaneous answers, the provider moves finishedAt on
 *   every stop, concurrent or not: that is stop_idempotence's fault (it judges it on its own cases), and
 *   the case is not judged here either. A lost update leaves the last writer's finishedAt in place, so
 *   the stop after them always matches one of the answers.
 * A case not judged is never counted as passed.
 */
import type { CaseRecord, Exchange } from '../gate/record.ts';
import { isObject } from '../spec.ts';
import { fail, pass, type Check, type Judgement } from './check.ts';
import type { CheckFailure } from './failure.ts';
import { instantNanos } from './instant.ts';
import { okView } from './observations.ts';

type View = Record<string, unknown>;
type Disagreement = Pick<Extract<CheckFailure, { code: 'concurrent_stops_disagree' }>, 'pointer' | 'received' | 'expected'>;

/** Task statuses by lower-case task id, in the order the view lists them. */
function taskStatuses(view: View): Map<string, { index: number; status: unknown }> {
  const tasks = Array.isArray(view['tasks']) ? view['tasks'] : [];
  const statuses = new Map<string, { index: number; status: unknown }>();
  tasks.forEach((task, index) => {
    if (isObject(task) && typeof task['id'] === 'string') statuses.set(task['id'].toLowerCase(), { index, status: task['status'] });
  });
  return statuses;
}

/** Where `view` differs from `first`: finishedAt as an instant, then the set of task ids, then each task's status. */
function disagreement(first: View, view: View): Disagreement | undefined {
  if (instantNanos(view['finishedAt']) !== instantNanos(first['finishedAt'])) {
    return { pointer: '/finishedAt', received: view['finishedAt'], expected: first['finishedAt'] };
  }
  const expected = taskStatuses(first);
  const received = taskStatuses(view);
  const ids = (statuses: Map<string, unknown>) => [...statuses.keys()].sort();
  if (ids(expected).join() !== ids(received).join()) return { pointer: '/tasks', received: ids(received), expected: ids(expected) };
  for (const [id, { index, status }] of received) {
    const wanted = expected.get(id)!.status;
    if (status !== wanted) return { pointer: `/tasks/${index}/status`, received: status, expected: wanted };
  }
  return undefined;
}

function judge(record: CaseRecord): Judgement[] {
  const concurrency = record.case.concurrency;
  if (concurrency === undefined) return [];
  const indexed = record.exchanges.map((exchange, index) => ({ exchange, index, view: okView(exchange) }));
  const simultaneous = indexed.filter(({ exchange }) => exchange.role === 'request' || exchange.role === 'concurrent');
  const after = indexed.find(({ exchange }) => exchange.role === 'after');
  const judged = after ? [...simultaneous, after] : [];
  const views = judged.map(({ view }) => view);
  if (judged.length === 0 || !views.every((view): view is View => view !== undefined)) return [];
  if (views.some((view) => instantNanos(view['finishedAt']) === undefined)) return [];
  const afterAt = instantNanos(after!.view!['finishedAt']);
  if (!simultaneous.some(({ view }) => instantNanos(view!['finishedAt']) === afterAt)) return [];

  const [first, ...rest] = judged as Array<{ exchange: Exchange; index: number; view: View }>;
  for (const { index, view } of rest) {
    const found = disagreement(first!.view, view);
    if (found) return [fail({ check: 'concurrent_stop_consistency', code: 'concurrent_stops_disagree', exchange: index, concurrency, agreedWith: first!.index, ...found })];
  }
  return judged.map(({ index }) => pass(index));
}

export const concurrentStopConsistency: Check = {
  name: 'concurrent_stop_consistency',
  summary: 'simultaneous stops of one active session all get the same finishedAt and task statuses, and a stop after them agrees',
  withoutSessions: 'skipped',
  judge,
};
