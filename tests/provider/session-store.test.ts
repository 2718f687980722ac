/**
 * The store on its own: ids in lower case, views that cannot be edited from outside, and stop's rules
 * for data the provider states never make (a stopped session without finishedAt, a clock behind).
 */
import { describe, expect, it } from 'vitest';
import { activeSessionWithRunningTasks, SessionStore } from '../../provider/index.ts';
import { counterIds, manualClock } from './helpers.ts';

const ID = '3F2B8C1E-9D4A-4B7C-A1E2-5C6D7E8F9A0B';

function seeded() {
  const clock = manualClock();
  const store = new SessionStore(clock.now);
  const session = activeSessionWithRunningTasks({ sessionId: ID, now: clock.now(), newId: counterIds('C') });
  return { clock, store, session };
}

describe('SessionStore', () => {
  it("keys and returns ids in lower case, the tasks' too", () => {
    const { store, session } = seeded();
    const stored = store.put(session);
    expect(stored.id).toBe(ID.toLowerCase());
    expect(stored.tasks.every((task) => task.sessionId === ID.toLowerCase() && task.id === task.id.toLowerCase())).toBe(
      true,
    );
    expect(store.get(ID.toLowerCase())).toBe(stored);
    expect(store.has(ID)).toBe(true);
  });

  it('hands out views an outsider cannot edit, and is not changed by edits to what it was given', () => {
    const { store, session } = seeded();
    store.put(session);
    session.tasks.length = 0;
    const view = store.get(ID)!;
    expect(view.tasks).toHaveLength(3);
    expect(() => {
      (view as { status: string }).status = 'active';
    }).toThrow(TypeError);
    expect(() => {
      (view.tasks[0] as { status: string }).status = 'created';
    }).toThrow(TypeError);
  });

  it('returns the very same view for a repeated stop', () => {
    const { clock, store, session } = seeded();
    store.put(session);
    const first = store.stop(ID);
    clock.advance(5_000);
    expect(store.stop(ID)).toBe(first);
  });

  it('gives a stopped session that lacks finishedAt one, and stops tasks left running', () => {
    const { clock, store, session } = seeded();
    store.put({ ...session, status: 'stopped', finishedAt: null });
    const stopped = store.stop(ID)!;
    expect(stopped.finishedAt).toBe(clock.now().toISOString());
    expect(stopped.tasks.map((task) => task.status)).toEqual(['finished', 'stopped', 'stopped']);
  });

  it('answers undefined for an unknown id, and deletes and clears', () => {
    const { store, session } = seeded();
    expect(store.stop(ID)).toBeUndefined();
    store.put(session);
    expect(store.delete(ID.toLowerCase())).toBe(true);
    expect(store.size).toBe(0);
    store.put(session);
    store.clear();
    expect(store.get(ID)).toBeUndefined();
  });
});
