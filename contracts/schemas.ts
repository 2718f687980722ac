/**
 * zod mirrors of every component schema of the Update Session operation.
 *
 * Strictness is chosen to match the spec, not zod's defaults: no component sets
 * `additionalProperties: false`, so every object is `z.looseObject`; `anyOf [X, null]` is `.nullable()`;
 * a property outside `required` is `.optional()` (a spec `default` says what a server assumes, not that
 * the field must be present). tests/contracts/schemas-vs-spec.test.ts proves each of these agrees with the spec.
 */
import { z } from 'zod';
import { isDateTime, isDecimalString, isUuid } from './formats.ts';

const uuid = () => z.string().refine(isUuid, { message: 'Invalid uuid (want 8-4-4-4-12 hex digits)' });
const dateTime = () => z.string().refine(isDateTime, { message: 'Invalid RFC 3339 date-time' });
const decimal = () => z.string().refine(isDecimalString, { message: 'Invalid decimal string' });
// JSON Schema's `integer` is any whole number; zod's `.int()` would also cap it at 2^53.
const integer = () => z.number().refine(Number.isInteger, { message: 'Invalid integer' });

export const SessionUpdateAction = z.enum(['stop']);
export const SessionStatus = z.enum(['active', 'stopped']);
export const TaskStatus = z.enum(['created', 'started', 'finished', 'stopped']);

export const UpdateSessionRequest = z.looseObject({
  action: SessionUpdateAction,
});

export const TaskItemView = z.looseObject({
  id: uuid(),
  sessionId: uuid(),
  llm: z.string(),
  task: z.string(),
  status: TaskStatus,
  createdAt: dateTime(),
  startedAt: dateTime().nullable().optional(),
  finishedAt: dateTime().nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  output: z.string().nullable().optional(),
  browserUseVersion: z.string().nullable().optional(),
  isSuccess: z.boolean().nullable().optional(),
  judgement: z.string().nullable().optional(),
  judgeVerdict: z.boolean().nullable().optional(),
  cost: decimal().nullable().optional(),
  suggestions: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
});

export const SessionView = z.looseObject({
  id: uuid(),
  status: SessionStatus,
  liveUrl: z.string().nullable().optional(),
  recordingUrl: z.string().nullable().optional(),
  startedAt: dateTime(),
  finishedAt: dateTime().nullable().optional(),
  tasks: z.array(TaskItemView),
  publicShareUrl: z.string().nullable().optional(),
  persistMemory: z.boolean().optional(),
  keepAlive: z.boolean().optional(),
  proxyUsedMb: decimal().optional(),
  proxyCost: decimal().optional(),
});

export const SessionNotFoundError = z.looseObject({
  detail: z.string().optional(),
});

export const ValidationError = z.looseObject({
  loc: z.array(z.union([z.string(), integer()])),
  msg: z.string(),
  type: z.string(),
});

export type SessionUpdateAction = z.infer<typeof SessionUpdateAction>;
export type SessionStatus = z.infer<typeof SessionStatus>;
export type TaskStatus = z.infer<typeof TaskStatus>;
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;
export type TaskItemView = z.infer<typeof TaskItemView>;
export type SessionView = z.infer<typeof SessionView>;
export type SessionNotFoundError = z.infer<typeof SessionNotFoundError>;
export type ValidationError = z.infer<typeof ValidationError>;

/** Every component of the operation, by its name in `components.schemas`. */
export const componentSchemas = {
  SessionView,
  TaskItemView,
  SessionStatus,
  TaskStatus,
  UpdateSessionRequest,
  SessionUpdateAction,
  SessionNotFoundError,
  ValidationError,
} as const;

export type ComponentName = keyof typeof componentSchemas;
export const componentNames = Object.keys(componentSchemas) as ComponentName[];
