/**
 * A good neighbour leaves nothing behind: every session set up for a case is torn down through the states
 * URL (Pact's `"action": "teardown"`) once the case has run (judging reads only the record, so nothing
 * more is sent for it). Best effort: a states URL without teardown, or one that fails,
 * costs the contract nothing; the reports count what was set up and what was torn down.
 */
import type { SessionSetup } from '../model/case.ts';
import type { ExecutionContext } from './exchange.ts';

/**
 * Runs `run` with a context that records the sessions it sets up, then has them all torn down, whatever
 * happened: in the background (the runner drains them before it reports), as nothing judged waits for it.
 */
export async function withTeardown<T>(
  context: ExecutionContext,
  run: (context: ExecutionContext) => Promise<T>,
): Promise<T> {
  const created: SessionSetup[] = [];
  try {
    return await run({ ...context, created });
  } finally {
    for (const setup of created) context.states?.tearDownLater(setup.state, setup.sessionId);
  }
}
