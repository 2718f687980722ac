/**
 * Is the operation at this base URL? A stop of a session the states URL has just set up must find it:
 * any 404 for it (whatever its body: the spec's SessionNotFoundError is `{"detail": …}` too, so the body
 * cannot tell a framework's "no such route" from the operation's "no such session") means the requests do
 * not reach the operation that session lives behind — a wrong path prefix in the base URL, most often.
 * That is a configuration problem (exit 2, one line), not a broken contract reported on every check.
 * Without a states URL under the base URL there is no such session: probeMountPoint then looks for one
 * under the base path's ancestors.
 */
import { PROVIDER_STATES } from '../model/states.ts';
import { statusOf } from '../model/record.ts';
import { UsageError } from '../errors.ts';
import { operationTarget, updateWireRequest, type ProviderAddress } from '../model/wire.ts';
import { canonicalStop, exchange, setUp, type ExecutionContext } from './exchange.ts';
import { withTeardown } from './teardown.ts';
import { GATE_MOUNT_SEARCH_MAX_PATHS, PROVIDER_STATES_PATH } from '../config.ts';
import type { StatesHeader } from './config.ts';
import { StatesClient } from './states-client.ts';

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

/** Answers that a router gives a path it has no route for: the states URL or the operation may just live elsewhere. */
const NO_ROUTE_STATUSES = [404, 405];

/** The base path's ancestors, nearest first (`/api/v2` → `/api`, ``); at most GATE_MOUNT_SEARCH_MAX_PATHS, the root kept. */
export function ancestorPaths(basePath: string): string[] {
  const ancestors: string[] = [];
  for (let path = basePath; path !== '';) {
    path = path.slice(0, path.lastIndexOf('/'));
    ancestors.push(path);
  }
  return ancestors.length <= GATE_MOUNT_SEARCH_MAX_PATHS
    ? ancestors
    : [...ancestors.slice(0, GATE_MOUNT_SEARCH_MAX_PATHS - 1), ''];
}

export interface MountEvidence {
  /** The default states URL's answer, when it answered (the probe found no states URL there). */
  readonly statesStatus: number | undefined;
  /** The answer to the stop of a made-up session under the base URL. */
  readonly operationStatus: number | undefined;
  readonly baseUrl: string;
  readonly statesHeaders: readonly StatesHeader[];
}

/**
 * The default states URL (under the base URL) is not there: is the base URL's path prefix wrong? Without a
 * states URL, the probe above has no session to try, and the run would go on without sessions (exit 3, or
 * checks broken by 404s) against a provider that is simply mounted elsewhere. Only when both the default
 * states URL and the operation answer as an unrouted path, the states URL is looked for under the base
 * path's ancestors. One found there sets up an active session, which is stopped under the base URL:
 * - a 404 means the operation is not under the base URL either: the prefix is wrong (UsageError, exit 2),
 *   and a stop beside the states URL tells whether the provider is mounted there, to name it;
 * - any other answer means the operation is where the base URL says, and only the states URL is elsewhere:
 *   that one is returned (for the report to name), and the run goes on without sessions as before, since a
 *   states URL the user did not name is not used.
 * Nothing found anywhere: undefined, as for any provider without a states URL. Whatever is set up is torn down.
 */
export async function probeMountPoint(
  context: ExecutionContext,
  evidence: MountEvidence,
): Promise<StatesClient | undefined> {
  if (evidence.statesStatus === undefined || !NO_ROUTE_STATUSES.includes(evidence.statesStatus)) return undefined;
  if (evidence.operationStatus !== 404) return undefined;
  const { origin, basePath } = context.address;
  const stopStatus = async (address: ProviderAddress, sessionId: string) => {
    const sent = await context.sender.send(updateWireRequest(address, canonicalStop(sessionId), context.apiKey));
    return sent.kind === 'response' ? sent.response.status : undefined;
  };
  const state = PROVIDER_STATES.activeSessionWithRunningTasks;
  for (const ancestor of ancestorPaths(basePath)) {
    const states = new StatesClient(
      origin.origin + ancestor + PROVIDER_STATES_PATH,
      context.sender,
      evidence.statesHeaders,
    );
    const sessionId = await states.trySetUp(state);
    if (sessionId === undefined) continue;
    const mount = origin.origin + ancestor;
    let there: boolean;
    try {
      if ((await stopStatus(context.address, sessionId)) !== 404) return states;
      // Still active, so a stop where the states URL is says whether the operation is there: named only if it is.
      there = (await stopStatus({ origin, basePath: ancestor }, sessionId)) !== 404;
    } finally {
      // A teardown that fails is no failure (see teardown.ts).
      await states.tearDown(state, sessionId).catch(() => undefined);
    }
    throw new UsageError(
      there
        ? `the states URL answers at ${states.url}, not under --base-url ${evidence.baseUrl}: the provider seems mounted at ${mount} (check the path prefix of --base-url)`
        : `the states URL answers at ${states.url}, not under --base-url ${evidence.baseUrl}, and a session it set up answered 404 both under --base-url and at ${mount}: check the path prefix of --base-url`,
    );
  }
  return undefined;
}
