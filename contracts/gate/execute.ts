/**
 * Runs one case against the provider and records everything sent and received. Beyond the request under
 * test it sends what the session checks need to observe a stop through this one operation. A case that
 * addresses an active session first sets up a second one, the bystander, before it: a stop that reaches
 * every session after the target exists reaches the bystander too. Then:
 * - after a 200 from a valid stop of a set-up session: the same stop again (stop_idempotence); when that
 *   session was active, also a stop of a fresh control session (the provider's clock, read after the
 *   stop) and of the bystander (stop_isolation: the stop must not have reached it);
 * - after any other request to an active session (a refused one, by intent or not): a stop of the
 *   bystander, then an authorised stop of the first. Their finishedAt readings, both from the provider's
 *   clock, show whether the refused request had already stopped the first (see checks/observations.ts);
 *   the bystander is its control: a stop that reached every session (sent by this run or another client)
 *   reached the bystander as well, so only a stop singled out by the refused request is told apart.
 * Every session is set up under a fresh id and torn down once the case has run (teardown.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_CLOCK_TICK_MS } from '../config.ts';
import { PROVIDER_STATES } from '../model/states.ts';
import type { GateCase, SessionSetup } from '../model/case.ts';
import { classifyRequest } from '../model/classify.ts';
import { statusOf, type CaseRecord, type CaseSession, type Exchange, type ExchangeRole } from '../model/record.ts';
import { executeConcurrentStops } from './execute-concurrent.ts';
import { canonicalStop, exchange, setUp, spellLike, type ExecutionContext } from './exchange.ts';
import { withTeardown } from './teardown.ts';

/**
 * Runs `gateCase`. `offered`: the case addresses the session the user gave with --session-id (no states
 * URL), which exists as far as the gate knows. Cases run side by side (pool.ts); the sessions one sets up
 * are its own (fresh ids), so no other case, nor another run, can disturb them.
 */
export async function executeCase(
  context: ExecutionContext,
  gateCase: GateCase,
  options: { readonly offered?: boolean } = {},
): Promise<CaseRecord> {
  return withTeardown(context, (own) =>
    gateCase.concurrency !== undefined ? executeConcurrentStops(own, gateCase) : runCase(own, gateCase, options),
  );
}

async function runCase(
  context: ExecutionContext,
  gateCase: GateCase,
  options: { readonly offered?: boolean },
): Promise<CaseRecord> {
  let request = gateCase.request;
  let session: CaseSession = options.offered === true ? { kind: 'offered', id: request.sessionId } : { kind: 'none' };
  let setup: SessionSetup | undefined;
  let bystander: SessionSetup | undefined;
  if (gateCase.setup) {
    // The bystander first: a stop that reaches every session after the target exists reaches it too.
    if (gateCase.setup.state === PROVIDER_STATES.activeSessionWithRunningTasks)
      bystander = await setUp(context, gateCase.setup.state);
    setup = await setUp(context, gateCase.setup.state, gateCase.setup.sessionId);
    request = { ...request, sessionId: spellLike(setup.sessionId, request.sessionId) };
    session = { kind: 'state', state: setup.state, id: setup.sessionId };
  }
  const requestClass = classifyRequest(request, context.apiKey);
  const accepted = requestClass.valid && requestClass.credential === 'key';
  const state = session.kind === 'state' ? session.state : undefined;
  const first = await exchange(context, { role: 'request', request, setup, requestClass });
  const exchanges: Exchange[] = [first];
  // A stop the checks read, after a pause when one is given (recorded, so a replay pauses too).
  const stop = async (
    role: ExchangeRole,
    sessionId: string,
    more: { setup?: SessionSetup; pausedMs?: number } = {},
  ) => {
    if (more.pausedMs !== undefined) await sleep(more.pausedMs);
    exchanges.push(await exchange(context, { role, request: canonicalStop(sessionId), ...more }));
  };
  if (session.kind !== 'none' && first.transmission.kind !== 'timeout') {
    if (accepted && statusOf(first) === 200 && state !== PROVIDER_STATES.noSession) {
      // A pause first, so a provider that moves finishedAt on every stop cannot hide behind one clock tick;
      // it also lets the provider's clock move past the stop's finishedAt before the control reads it.
      await stop('repeat', session.id, { pausedMs: GATE_CLOCK_TICK_MS });
      if (bystander) {
        const controlSetup = await setUp(context, PROVIDER_STATES.activeSessionWithRunningTasks);
        await stop('control', controlSetup.sessionId, { setup: controlSetup });
        await stop('bystander', bystander.sessionId);
      }
    } else if (bystander && !accepted) {
      // The pause lets a provider clock with millisecond resolution tick between the refusal and the reading.
      await stop('control', bystander.sessionId, { pausedMs: GATE_CLOCK_TICK_MS });
      await stop('follow-up', session.id);
    }
  }
  return { case: gateCase, session, exchanges, ...(bystander ? { bystander } : {}) };
}
