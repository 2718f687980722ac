/**
 * The exact oracle: when the states URL says which session it set up (StateChangeResponse.session), the
 * first stop's answer is compared with that session, not only with what any stop must show. The same task
 * ids; each task that was created or started now stopped, with a finishedAt; each task that was finished
 * or stopped untouched (its status and finishedAt); and what a stop never rewrites (a session's startedAt, a
 * task's createdAt, startedAt, llm and task) unchanged. What may change after a stop (after-stop.ts) is
 * never compared. Reported by stop_semantics, whose property this makes exact.
 */
import { isObject } from '../spec.ts';
import { RUNNING_TASK_STATUSES, SETTLED, SETTLED_TASK_STATUSES } from './after-stop.ts';
import type { ViewProblem } from './failure.ts';
import { fieldChanges, taskIdChange, tasksById } from './view-diff.ts';

type View = Readonly<Record<string, unknown>>;

/** What a stop never rewrites. */
export const UNCHANGED_BY_STOP = {
  session: ['startedAt'],
  task: ['createdAt', 'startedAt', 'llm', 'task'],
} as const;

const BECAUSE = 'as the states URL set it up: a stop does not rewrite it';

/** Where the first stop's answer `after` departs from the session `before` the states URL set up. */
export function oracleProblems(before: View, after: Record<string, unknown>): ViewProblem[] {
  const was = tasksById(before);
  const now = tasksById(after);
  return [
    ...fieldChanges(before, after, UNCHANGED_BY_STOP.session, '', BECAUSE),
    ...taskIdChange(was, now, 'as set up: a stop neither adds, drops nor renames a task'),
    ...[...was].flatMap(([id, { task }]) => {
      const found = now.get(id);
      if (!found) return [];
      const pointer = `/tasks/${found.index}`;
      const stopped: ViewProblem[] = [];
      if (RUNNING_TASK_STATUSES.includes(task['status'])) {
        if (found.task['status'] !== 'stopped')
          stopped.push({
            pointer: `${pointer}/status`,
            received: found.task['status'] ?? null,
            expected: `"stopped": the task was "${String(task['status'])}" before the stop`,
          });
      } else if (SETTLED_TASK_STATUSES.includes(task['status'])) {
        stopped.push(
          ...fieldChanges(task, found.task, SETTLED.task, pointer, 'as before the stop: the task had ended'),
        );
      }
      return [...stopped, ...fieldChanges(task, found.task, UNCHANGED_BY_STOP.task, pointer, BECAUSE)];
    }),
  ];
}

/** The session a setup reported, when it is one the oracle can use. */
export function setUpSession(session: unknown): View | undefined {
  return isObject(session) && Array.isArray(session['tasks']) ? session : undefined;
}
