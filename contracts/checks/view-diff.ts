/**
 * Comparing two views of one session, field by field: the repeated stop against the first (stop_idempotence),
 * the first stop against the session the states URL set up (the exact oracle in stop_semantics), and
 * simultaneous stops' answers against each other (concurrent_stop_consistency, by task).
 */
import { isObject } from '../spec.ts';
import type { ViewProblem } from './failure.ts';
import { compareInstants, instantNanos } from './instant.ts';

type View = Record<string, unknown>;

/** The view's tasks by lower-case id, with where each is listed. */
export function tasksById(view: View): Map<string, { index: number; task: View }> {
  const tasks = Array.isArray(view['tasks']) ? view['tasks'] : [];
  const byId = new Map<string, { index: number; task: View }>();
  tasks.forEach((task, index) => {
    if (isObject(task) && typeof task['id'] === 'string') byId.set(task['id'].toLowerCase(), { index, task });
  });
  return byId;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

/** The same value: date-times as instants (`…Z` is `…+00:00`), anything else as JSON (key order aside). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || compareInstants(a, b) === 0 || canonical(a) === canonical(b);
}

/**
 * Whether a difference between `a` and `b` is one to judge: a value that is neither null, absent nor a
 * date-time where one is expected is the schema's fault (response_schema_conformance), not a change.
 */
function judgeable(a: unknown, b: unknown, dateTime: boolean): boolean {
  if (!dateTime) return true;
  const ok = (value: unknown) => value === null || value === undefined || instantNanos(value) !== undefined;
  return ok(a) && ok(b);
}

const DATE_TIME_FIELDS = new Set(['createdAt', 'startedAt', 'finishedAt']);

/** A problem for each of `fields` where `after` differs from `before`; `expected` says what it was and why. */
export function fieldChanges(
  before: View,
  after: View,
  fields: readonly string[],
  pointer: string,
  because: string,
): ViewProblem[] {
  return fields.flatMap((field) => {
    const was = before[field];
    const now = after[field];
    if (sameValue(was, now) || !judgeable(was, now, DATE_TIME_FIELDS.has(field))) return [];
    return [
      { pointer: `${pointer}/${field}`, received: now ?? null, expected: `${JSON.stringify(was ?? null)}, ${because}` },
    ];
  });
}

/**
 * A problem for each task id one view lists and the other does not (ignoring letter case and order): one
 * id a problem, so a report that shortens long strings still shows every id whole.
 */
export function taskIdChange(
  before: Map<string, { index: number }>,
  after: Map<string, { index: number }>,
  because: string,
): ViewProblem[] {
  const listed = [...after.keys()];
  const missing = [...before.keys()].filter((id) => !after.has(id));
  const added = listed.filter((id) => !before.has(id));
  return [
    ...missing.map((id) => ({ pointer: '/tasks', received: listed, expected: `a task ${id}, ${because}` })),
    ...added.map((id) => ({
      pointer: `/tasks/${after.get(id)!.index}/id`,
      received: id,
      expected: `no task ${id}, ${because}`,
    })),
  ];
}
