/**
 * What a stop settles, and what may still change after it: the one place both are named. stop_idempotence
 * compares a repeated stop's answer with the first's on what is settled; the exact oracle (stop_semantics,
 * when the states URL returns the session it set up) compares a first stop's answer with that session,
 * leaving alone what may change. docs/oracle.md explains each entry; each MAY_CHANGE group has a tolerated
 * variant (fixtures/planted/) that changes it on a repeated stop and must pass.
 */

/** Task statuses a stop leaves for good: a repeat shows such a task as the first stop did. */
export const SETTLED_TASK_STATUSES: readonly unknown[] = ['stopped', 'finished'];
/** Task statuses a stop must end: a task still in one after it is running. */
export const RUNNING_TASK_STATUSES: readonly unknown[] = ['created', 'started'];

/**
 * What a repeated stop shows as the first one did. Date-times compare as instants (`…Z` and `…+00:00` are
 * one finishedAt); ids ignore letter case.
 */
export const SETTLED = {
  /** The session's own fields. */
  session: ['status', 'finishedAt'],
  /** Fields of each task the first stop showed in a SETTLED_TASK_STATUSES status; the task ids are settled too. */
  task: ['status', 'finishedAt'],
} as const;

export interface MayChange {
  readonly name: string;
  /** Fields of the session that may change. */
  readonly session: readonly string[];
  /** Fields of each task that may change. */
  readonly task: readonly string[];
  /** Why the spec leaves them free after a stop. */
  readonly reason: string;
}

/** Fields a provider may change after a stop, in groups, each with its reason. */
export const MAY_CHANGE: readonly MayChange[] = [
  {
    name: 'presigned URLs',
    session: ['recordingUrl', 'publicShareUrl', 'liveUrl'],
    task: [],
    reason:
      'URLs to stored media are typically presigned with an expiry: each answer may sign them anew (the recording may also appear only after the stop)',
  },
  {
    name: 'an asynchronous judge',
    session: [],
    task: ['output', 'judgement', 'isSuccess', 'judgeVerdict'],
    reason:
      'the spec calls isSuccess "self-reported" and judgement the judge\'s "full report": both, and the output they judge, may be written after the task ended',
  },
  {
    name: 'costs',
    session: ['proxyUsedMb', 'proxyCost'],
    task: ['cost'],
    reason: 'usage is metered and billed after the fact: a cost may be settled, or rounded, later than the stop',
  },
];

/** Every field MAY_CHANGE names, for the session and for a task. */
export const MAY_CHANGE_FIELDS = {
  session: new Set(MAY_CHANGE.flatMap((group) => group.session)),
  task: new Set(MAY_CHANGE.flatMap((group) => group.task)),
} as const;
