/**
 * Facts about a case that more than one check reads: where each request found its session, and whether a
 * refused request had in fact stopped the session it named.
 */
import { PROVIDER_STATES } from '../model/states.ts';
import { statusOf, stopsBystander, type CaseRecord, type Exchange } from '../model/record.ts';
import { isObject } from '../spec.ts';
import { RUNNING_TASK_STATUSES } from './after-stop.ts';
import type { Judgement } from './check.ts';
import { fail, pass } from './check.ts';
import type { ViewProblem } from './failure.ts';
import { compareInstants } from './instant.ts';

/** What the gate knows of the session a request names, when it was sent. */
export type Presence = 'active' | 'stopped' | 'exists' | 'absent' | 'unknown';

export function presenceAt(record: CaseRecord, index: number): Presence {
  const exchange = record.exchanges[index]!;
  if (exchange.role === 'repeat' || exchange.role === 'after') return 'stopped';
  // Sent at the same moment as the request: the session was as the request found it.
  if (exchange.role === 'concurrent') return presenceAt(record, 0);
  if (exchange.role === 'follow-up') return 'exists';
  // The bystander: set up active, and named by nothing the case sent before its own stop.
  if (stopsBystander(record, exchange)) return 'active';
  const state = exchange.setup?.state;
  if (state === PROVIDER_STATES.activeSessionWithRunningTasks) return 'active';
  if (state === PROVIDER_STATES.stoppedSession) return 'stopped';
  if (state === PROVIDER_STATES.noSession) return 'absent';
  return record.session.kind === 'offered' ? 'exists' : 'unknown';
}

/** The body of a 200, when it is a JSON object. */
export function okView(exchange: Exchange): Record<string, unknown> | undefined {
  return statusOf(exchange) === 200 && isObject(exchange.body) ? exchange.body : undefined;
}

/** A task's own timeline: started not before it was created, finished not before it was created or started. */
const TIMELINE: readonly (readonly [later: string, earlier: string])[] = [
  ['startedAt', 'createdAt'],
  ['finishedAt', 'startedAt'],
  ['finishedAt', 'createdAt'],
];

function taskTimelineProblems(task: Record<string, unknown>, index: number): ViewProblem[] {
  return TIMELINE.flatMap(([later, earlier]) =>
    compareInstants(task[later], task[earlier]) === -1
      ? [
          {
            pointer: `/tasks/${index}/${later}`,
            received: task[later],
            expected: `not before /tasks/${index}/${earlier} ${String(task[earlier])}`,
          },
        ]
      : [],
  );
}

/**
 * What is wrong with the view a 200 to a stop returned: status `stopped`, the path's id (any case),
 * finishedAt set and not before startedAt (nor before any of its tasks was created or started: a session
 * cannot have stopped before its own tasks began), no task running, every task the session's, every task's
 * timeline in order (started not before created, finished not before either). After a first stop of the
 * state with running tasks, those tasks show as stopped, with a finishedAt, and the finished one as finished.
 */
export function stoppedViewProblems(
  view: Record<string, unknown>,
  pathId: string,
  firstStopOfRunningTasks: boolean,
): ViewProblem[] {
  const problems: ViewProblem[] = [];
  const sessionId = pathId.toLowerCase();
  if (view['status'] !== 'stopped')
    problems.push({ pointer: '/status', received: view['status'], expected: '"stopped"' });
  if (typeof view['id'] === 'string' && view['id'].toLowerCase() !== sessionId) {
    problems.push({ pointer: '/id', received: view['id'], expected: `the path id ${pathId}, ignoring case` });
  }
  const finishedAt = view['finishedAt'];
  if (finishedAt === undefined || finishedAt === null) {
    problems.push({ pointer: '/finishedAt', received: finishedAt ?? null, expected: 'set: the time of the stop' });
  } else if (compareInstants(finishedAt, view['startedAt']) === -1) {
    problems.push({
      pointer: '/finishedAt',
      received: finishedAt,
      expected: `not before startedAt ${String(view['startedAt'])}`,
    });
  }
  const tasks = Array.isArray(view['tasks']) ? view['tasks'] : [];
  tasks.forEach((task, index) => {
    if (!isObject(task)) return;
    if (RUNNING_TASK_STATUSES.includes(task['status'])) {
      problems.push({
        pointer: `/tasks/${index}/status`,
        received: task['status'],
        expected: '"stopped" (or "finished"): a stop leaves no task running',
      });
    }
    if (typeof task['sessionId'] === 'string' && task['sessionId'].toLowerCase() !== sessionId) {
      problems.push({
        pointer: `/tasks/${index}/sessionId`,
        received: task['sessionId'],
        expected: `the session's id ${sessionId}`,
      });
    }
    for (const field of ['createdAt', 'startedAt']) {
      if (compareInstants(finishedAt, task[field]) === -1) {
        problems.push({
          pointer: '/finishedAt',
          received: finishedAt,
          expected: `not before /tasks/${index}/${field} ${String(task[field])}`,
        });
      }
    }
    problems.push(...taskTimelineProblems(task, index));
    if (firstStopOfRunningTasks && task['status'] === 'stopped' && (task['finishedAt'] ?? null) === null) {
      problems.push({
        pointer: `/tasks/${index}/finishedAt`,
        received: null,
        expected: 'set: this stop stopped the task, so it is no longer running',
      });
    }
  });
  if (firstStopOfRunningTasks && Array.isArray(view['tasks'])) {
    // The state promises tasks in created, started and finished: a first stop shows the running ones
    // stopped and leaves the finished one alone.
    const statuses = tasks.map((task) => (isObject(task) ? task['status'] : undefined));
    if (!statuses.includes('stopped')) {
      problems.push({
        pointer: '/tasks',
        received: statuses,
        expected: `the running tasks of "${PROVIDER_STATES.activeSessionWithRunningTasks}", now "stopped"`,
      });
    }
    if (!statuses.includes('finished')) {
      problems.push({
        pointer: '/tasks',
        received: statuses,
        expected: 'its finished task, still "finished": a stop leaves finished tasks alone',
      });
    }
  }
  return problems;
}

/**
 * Whether the follow-up stop shows its session stopped before the control (the provider's clock read after
 * the refused request), with both readings; undefined when the two say nothing: an answer that is not a
 * 200 view, a view stop_semantics faults (its finishedAt is then no reading of the stop), no date-time.
 */
function stoppedBeforeControl(
  followUp: Exchange,
  control: Exchange,
): { readonly before: boolean; readonly finishedAt: string; readonly controlFinishedAt: string } | undefined {
  const followUpView = okView(followUp);
  const controlView = okView(control);
  if (!followUpView || !controlView) return undefined;
  if (stoppedViewProblems(followUpView, followUp.request.sessionId, false).length > 0) return undefined;
  if (stoppedViewProblems(controlView, control.request.sessionId, true).length > 0) return undefined;
  const finishedAt = followUpView['finishedAt'];
  const controlFinishedAt = controlView['finishedAt'];
  const order = compareInstants(finishedAt, controlFinishedAt);
  if (order === undefined) return undefined;
  return { before: order < 0, finishedAt: finishedAt as string, controlFinishedAt: controlFinishedAt as string };
}

/**
 * After a refused request to an active session the gate stops the bystander (the control: an active session
 * set up just before the first, which the refused request did not name), then the first one (the follow-up).
 * A provider that honoured the refusal stops the first session only at the follow-up, after the control; one
 * that stopped it at the refused request shows a finishedAt before the control's. Only the provider's own
 * clock is compared, so clock skew with the gate cannot matter; equal readings (a clock coarser than the
 * pause between the requests) prove nothing and pass, and so does a pair of views that stop_semantics
 * already faults (a finishedAt that is not the stop's time proves nothing).
 *
 * The comparison singles out the refused request: a stop that reaches every session (sent by this run or
 * another client at the same time) stops the control when it stops the first, as the control existed
 * before the first did, and the two readings are then equal. That is stop_isolation's to judge, and this
 * case then says nothing of the refusal.
 *
 * Reported by the check that owns the refused request: auth_enforced for a missing, empty or wrong key,
 * negative_data_rejection for an invalid request.
 */
export function refusalStoppedNothing(
  record: CaseRecord,
  check: 'auth_enforced' | 'negative_data_rejection',
): Judgement[] {
  const request = record.exchanges[0]!;
  const owner = request.class.credential === 'key' ? 'negative_data_rejection' : 'auth_enforced';
  // A loosely labelled stop the provider took as one (see RequestClass.lenient) was not refused: it stopped.
  const status = statusOf(request);
  if (request.class.lenient && status !== undefined && status >= 200 && status < 300) return [];
  const followUpIndex = record.exchanges.findIndex((exchange) => exchange.role === 'follow-up');
  const control = record.exchanges.find((exchange) => exchange.role === 'control');
  if (owner !== check || followUpIndex < 0 || !control) return [];
  const order = stoppedBeforeControl(record.exchanges[followUpIndex]!, control);
  if (order === undefined) return [];
  const { finishedAt, controlFinishedAt } = order;
  return order.before
    ? [
        fail({
          check,
          code: 'refused_request_stopped_session',
          exchange: followUpIndex,
          finishedAt,
          controlFinishedAt,
        }),
      ]
    : [pass(followUpIndex)];
}
