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
import type { CaseRecord } from '../model/record.ts';
import { fail, pass, type Check, type Judgement } from './check.ts';
import type { CheckFailure } from './failure.ts';
import { instantNanos } from './instant.ts';
import { okView } from './observations.ts';
import { tasksById } from './view-diff.ts';

type View = Record<string, unknown>;
type Disagreement = Pick<
  Extract<CheckFailure, { code: 'concurrent_stops_disagree' }>,
  'pointer' | 'received' | 'expected'
>;

/** Where `view` differs from `first`: finishedAt as an instant, then the set of task ids, then each task's status. */
function disagreement(first: View, view: View): Disagreement | undefined {
  if (instantNanos(view['finishedAt']) !== instantNanos(first['finishedAt'])) {
    return { pointer: '/finishedAt', received: view['finishedAt'], expected: first['finishedAt'] };
  }
  const expected = tasksById(first);
  const received = tasksById(view);
  const ids = (tasks: Map<string, unknown>) => [...tasks.keys()].sort();
  if (ids(expected).join() !== ids(received).join())
    return { pointer: '/tasks', received: ids(received), expected: ids(expected) };
  for (const [id, { index, task }] of received) {
    const status = task['status'];
    const wanted = expected.get(id)!.task['status'];
    if (status !== wanted) return { pointer: `/tasks/${index}/status`, received: status, expected: wanted };
  }
  return undefined;
}

interface Answer {
  readonly index: number;
  readonly view: View;
  readonly finishedAt: bigint;
}

/** The simultaneous answers and the one after them, when every one is a 200 with a date-time finishedAt. */
function answers(record: CaseRecord): { simultaneous: Answer[]; after: Answer } | undefined {
  const simultaneous: Answer[] = [];
  let after: Answer | undefined;
  for (const [index, exchange] of record.exchanges.entries()) {
    const view = okView(exchange);
    const finishedAt = view ? instantNanos(view['finishedAt']) : undefined;
    if (!view || finishedAt === undefined) return undefined;
    if (exchange.role === 'after') after = { index, view, finishedAt };
    else simultaneous.push({ index, view, finishedAt });
  }
  return after ? { simultaneous, after } : undefined;
}

function judge(record: CaseRecord): Judgement[] {
  const concurrency = record.case.concurrency;
  const found = concurrency === undefined ? undefined : answers(record);
  if (concurrency === undefined || !found) return [];
  if (!found.simultaneous.some((answer) => answer.finishedAt === found.after.finishedAt)) return [];
  const [first, ...rest] = [...found.simultaneous, found.after];
  if (!first) return [];
  for (const { index, view } of rest) {
    const different = disagreement(first.view, view);
    if (different)
      return [
        fail({
          check: 'concurrent_stop_consistency',
          code: 'concurrent_stops_disagree',
          exchange: index,
          concurrency,
          agreedWith: first.index,
          ...different,
        }),
      ];
  }
  // One judgement a case, passed or failed: the counts then say how many bursts told one story.
  return [pass(found.after.index)];
}

export const concurrentStopConsistency: Check = {
  name: 'concurrent_stop_consistency',
  summary:
    'simultaneous stops of one active session all get the same finishedAt and task statuses, and a stop after them agrees',
  withoutSessions: 'fresh',
  judges: 'cases',
  judge,
};
