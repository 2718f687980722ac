/**
 * The schema-vs-spec checks can fail: each zod schema below is made to disagree with the spec in one way
 * (optionality, strictness, a format, a pattern, nullability, an enum, a type), and the check that
 * should catch it does. If a mutant survives, the generators or the checks are too weak.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DECIMAL_PATTERN, isDateTime, isUuid } from '../../contracts/formats.ts';
import {
  SessionNotFoundError,
  SessionStatus,
  SessionView,
  TaskItemView,
  TaskStatus,
  UpdateSessionRequest,
  ValidationError,
  type ComponentName,
} from '../../contracts/schemas.ts';
import { AGREEMENTS, type AgreementName } from './agreement.ts';
import { mirrorDrifts } from './mirror.ts';
import { SEED } from './property-runs.ts';

type CheckName = AgreementName | 'mirror';

interface Mutant {
  readonly change: string;
  readonly component: ComponentName;
  readonly schema: z.ZodType;
  /** The check expected to fail. */
  readonly caughtBy: CheckName;
}

const MUTANTS: readonly Mutant[] = [
  {
    change: 'TaskItemView.llm made optional',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ llm: z.string().optional() }),
    caughtBy: 'near-miss',
  },
  {
    change: 'UpdateSessionRequest.action made optional',
    component: 'UpdateSessionRequest',
    schema: UpdateSessionRequest.extend({ action: UpdateSessionRequest.shape.action.optional() }),
    caughtBy: 'near-miss',
  },
  {
    change: 'SessionNotFoundError.detail made required',
    component: 'SessionNotFoundError',
    schema: SessionNotFoundError.extend({ detail: z.string() }),
    caughtBy: 'valid',
  },
  {
    change: 'SessionView made strict (z.strictObject)',
    component: 'SessionView',
    schema: z.strictObject(SessionView.shape),
    caughtBy: 'valid',
  },
  {
    change: 'UpdateSessionRequest made strict (z.strictObject)',
    component: 'UpdateSessionRequest',
    schema: z.strictObject(UpdateSessionRequest.shape),
    caughtBy: 'valid',
  },
  {
    change: 'TaskItemView.id as z.uuid() (RFC 9562 versions only)',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ id: z.uuid() }),
    caughtBy: 'valid',
  },
  {
    change: 'TaskItemView.sessionId takes a urn:uuid: prefix',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ sessionId: z.string().refine((s) => isUuid(s.replace(/^urn:uuid:/, ''))) }),
    caughtBy: 'near-miss',
  },
  {
    change: 'SessionView.startedAt as z.iso.datetime({ offset: true })',
    component: 'SessionView',
    schema: SessionView.extend({ startedAt: z.iso.datetime({ offset: true }) }),
    caughtBy: 'valid',
  },
  {
    change: 'TaskItemView.createdAt takes a naive timestamp',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ createdAt: z.string().refine((s) => isDateTime(s) || isDateTime(`${s}Z`)) }),
    caughtBy: 'near-miss',
  },
  {
    change: 'SessionView.proxyCost pattern without its lookahead',
    component: 'SessionView',
    schema: SessionView.extend({
      proxyCost: z
        .string()
        .regex(/^[+-]?0*\d*\.?\d*$/u)
        .optional(),
    }),
    caughtBy: 'near-miss',
  },
  {
    change: 'SessionView.proxyUsedMb pattern with the m flag ($ before a newline, as in Python)',
    component: 'SessionView',
    schema: SessionView.extend({ proxyUsedMb: z.string().regex(new RegExp(DECIMAL_PATTERN, 'mu')).optional() }),
    caughtBy: 'near-miss',
  },
  {
    change: 'TaskItemView.cost a number or a numeric string',
    component: 'TaskItemView',
    schema: TaskItemView.extend({
      cost: z
        .union([z.number(), z.string().regex(new RegExp(DECIMAL_PATTERN, 'u'))])
        .nullable()
        .optional(),
    }),
    caughtBy: 'near-miss',
  },
  {
    change: 'TaskItemView.output no longer nullable',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ output: z.string().optional() }),
    caughtBy: 'valid',
  },
  {
    change: 'SessionView.startedAt made nullable',
    component: 'SessionView',
    schema: SessionView.extend({ startedAt: SessionView.shape.startedAt.nullable() }),
    caughtBy: 'near-miss',
  },
  {
    change: 'TaskStatus matched case-insensitively',
    component: 'TaskStatus',
    schema: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), TaskStatus),
    caughtBy: 'near-miss',
  },
  // A member added to an enum is a word the generators cannot be relied on to draw; the shape check sees it.
  {
    change: 'SessionStatus given a member "paused"',
    component: 'SessionStatus',
    schema: z.enum([...SessionStatus.options, 'paused']),
    caughtBy: 'mirror',
  },
  {
    change: 'TaskStatus missing the member "stopped"',
    component: 'TaskStatus',
    schema: z.enum(['created', 'started', 'finished']),
    caughtBy: 'valid',
  },
  {
    change: 'TaskItemView.judgement made required',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ judgement: z.string().nullable() }),
    caughtBy: 'mirror',
  },
  {
    change: 'ValidationError.loc items any number, not only integers',
    component: 'ValidationError',
    schema: ValidationError.extend({ loc: z.array(z.union([z.string(), z.number()])) }),
    caughtBy: 'near-miss',
  },
  {
    change: 'TaskItemView.metadata any value',
    component: 'TaskItemView',
    schema: TaskItemView.extend({ metadata: z.unknown() }),
    caughtBy: 'near-miss',
  },
  {
    change: 'SessionView.keepAlive also "true"/"false"',
    component: 'SessionView',
    schema: SessionView.extend({ keepAlive: z.union([z.boolean(), z.enum(['true', 'false'])]).optional() }),
    caughtBy: 'near-miss',
  },
];

describe(`a zod schema that disagrees with the spec is caught (seed ${SEED})`, () => {
  it.each(MUTANTS)('$change — caught by the $caughtBy check', ({ component, schema, caughtBy }) => {
    const caught =
      caughtBy === 'mirror'
        ? mirrorDrifts(component, schema).length > 0
        : AGREEMENTS[caughtBy](component, schema) !== undefined;
    expect(caught).toBe(true);
  });
});
