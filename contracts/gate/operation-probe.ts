/**
 * Is the operation at this base URL? A stop of a session the states URL has just set up must find it:
 * any 404 for it (whatever its body: the spec's SessionNotFoundError is `{"detail": …}` too, so the body
 * cannot tell a framework's "no such route" from the operation's "no such session") means the requests do
 * not reach the operation that session lives behind — a wrong path prefix in the base URL, most often.
 * That is a configuration problem (exit 2, one line), not a broken contract reported on every check.
 */
import { PROVIDER_STATES } from '../model/states.ts';
import { statusOf } from '../model/record.ts';
import { UsageError } from '../errors.ts';
import { operationTarget } from '../model/wire.ts';
import { canonicalStop, exchange, setUp, type ExecutionContext } from './exchange.ts';
import { withTeardown } from './teardown.ts';

export async function probeOperation(context: ExecutionContext): Promise<void> {
  if (!context.states) return;
  const states = context.states;
  await withTeardown(context, async (own) => {
    const session = await setUp(own, PROVIDER_STATES.activeSessionWithRunningTasks);
    const answer = await exchange(own, { role: 'request', request: canonicalStop(session.sessionId) });
    if (statusOf(answer) !== 404) return;
    const { origin, basePath } = context.address;
    const url = origin.origin + operationTarget(basePath, session.sessionId);
    throw new UsageError(
      `no such operation at this base URL (check the path prefix): PATCH ${url} answered 404 for a session the states URL ${states.url} had just set up; give --base-url the prefix the operation is mounted under (or a --states-url that sets sessions up where it looks)`,
    );
  });
}
