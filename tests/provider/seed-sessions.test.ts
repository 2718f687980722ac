/**
 * The sessions behind the provider states are real SessionViews — valid against the spec and the zod
 * mirror, before and after a stop — and varied where consumers must cope with variety.
 */
import { describe, expect, it } from 'vitest';
import { isDecimalString } from '../../contracts/formats.ts';
import { SessionView } from '../../contracts/schemas.ts';
import { specValidator } from '../../contracts/validator.ts';
import { activeSessionWithRunningTasks, SessionStore, stoppedSession, type SeedContext } from '../../provider/index.ts';
import { counterIds } from './helpers.ts';

const now = new Date('2025-06-01T12:00:00.000Z');
const context = (): SeedContext => ({ sessionId: '3f2b8c1e-9d4a-4b7c-a1e2-5c6d7e8f9a0b', now, newId: counterIds('b') });

const seeds = { active: activeSessionWithRunningTasks(context()), stopped: stoppedSession(context()) };
const store = new SessionStore(() => now);
const afterStop = { ...seeds, stoppedActive: (store.put(seeds.active), store.stop(seeds.active.id)!) };
const all = Object.values(afterStop);

describe.each(Object.entries(afterStop))('the %s session', (_, session) => {
  it('is valid against the spec and the zod mirror', () => {
    expect(specValidator().validateComponent('SessionView', session).issues).toEqual([]);
    expect(SessionView.safeParse(session).success).toBe(true);
  });

  it('has every date-time in UTC with Z, none in its own future', () => {
    const times = [
      session.startedAt,
      session.finishedAt,
      ...session.tasks.flatMap((task) => [task.createdAt, task.startedAt, task.finishedAt]),
    ].filter((value): value is string => typeof value === 'string');
    for (const time of times) {
      expect(time).toMatch(/Z$/);
      expect(Date.parse(time)).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('never finishes anything before it started', () => {
    if (session.finishedAt)
      expect(Date.parse(session.finishedAt)).toBeGreaterThanOrEqual(Date.parse(session.startedAt));
    for (const task of session.tasks) {
      if (task.startedAt) expect(Date.parse(task.startedAt)).toBeGreaterThanOrEqual(Date.parse(task.createdAt));
      if (task.finishedAt)
        expect(Date.parse(task.finishedAt)).toBeGreaterThanOrEqual(Date.parse(task.startedAt ?? task.createdAt));
    }
  });
});

describe('variety across the seeds', () => {
  const decimals = all
    .flatMap((session) => [session.proxyUsedMb, session.proxyCost, ...session.tasks.map((task) => task.cost)])
    .filter((value): value is string => typeof value === 'string');

  it('has decimal strings in several valid forms', () => {
    expect(decimals.every(isDecimalString)).toBe(true);
    const forms = {
      integer: /^\d+$/,
      trailingZero: /^\d+\.\d*0$/,
      noLeadingDigit: /^\.\d+$/,
      noFraction: /^\d+\.$/,
      signed: /^[+-]/,
    };
    for (const [form, pattern] of Object.entries(forms))
      expect(
        decimals.some((value) => pattern.test(value)),
        form,
      ).toBe(true);
  });

  it('has date-times with and without fractional seconds', () => {
    const times = all.flatMap((session) => session.tasks.map((task) => task.createdAt));
    expect(times.some((time) => time.includes('.'))).toBe(true);
    expect(times.some((time) => !time.includes('.'))).toBe(true);
  });

  it('has every optional task field both null and non-null somewhere', () => {
    const tasks = all.flatMap((session) => session.tasks);
    for (const field of [
      'startedAt',
      'finishedAt',
      'output',
      'browserUseVersion',
      'isSuccess',
      'judgement',
      'judgeVerdict',
      'cost',
      'suggestions',
    ] as const) {
      expect(
        tasks.some((task) => task[field] === null),
        `${field} null`,
      ).toBe(true);
      expect(
        tasks.some((task) => task[field] !== null && task[field] !== undefined),
        `${field} set`,
      ).toBe(true);
    }
    expect(
      tasks.some((task) => !('metadata' in task)),
      'a task without optional fields at all',
    ).toBe(true);
  });

  it("puts the active state's tasks in created, started and finished", () => {
    expect(seeds.active.tasks.map((task) => task.status)).toEqual(['finished', 'started', 'created']);
  });
});
