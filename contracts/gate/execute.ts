/**
 * Runs one case against the provider and records everything sent and received. Beyond the request under
 * test it sends what the session checks need to observe a stop through this one operation:
 * - after a 200 from a valid stop of a set-up session: the same stop again (stop_idempotence); when that
 *   session was active, also a stop of a fresh control session (the provider's clock, read after the
 *   stop) and of a bystander set up before it (stop_isolation: the stop must not have reached it);
 * - after any other request to an active session (a refused one, by intent or not): a stop of a fresh
 *   control session, then an authorised stop of the first — their finishedAt readings, both from the
 *   provider's clock, show whether the refused request had already stopped it (see checks/observations.ts);
 *   and when they say it had, a stop of the bystander, which tells a stop singled out by that request from
 *   one that reached every session (a fault of isolation, not of the refusal).
 * Every session is set up under a fresh id and torn down once the case has run (teardown.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { stoppedBeforeControl } from '../checks/observations.ts';
import { GATE_CLOCK_TICK_MS } from '../config.ts';
import { PROVIDER_STATES } from '../model/states.ts';
import type { GateCase, SessionSetup } from '../model/case.ts';
import { classifyRequest } from '../model/classify.ts';
import { statusOf, type CaseRecord, type CaseSession, type Exchange } from '../model/record.ts';
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
  const needsControl = !accepted && state === PROVIDER_STATES.activeSessionWithRunningTasks;
  const stopBystander = async (): Promise<Exchange | undefined> =>
    bystander && exchange(context, { role: 'bystander', request: canonicalStop(bystander.sessionId) });
  const control = async (): Promise<Exchange> => {
    const controlSetup = await setUp(context, PROVIDER_STATES.activeSessionWithRunningTasks);
    return exchange(context, { role: 'control', request: canonicalStop(controlSetup.sessionId), setup: controlSetup });
  };

  const first = await exchange(context, { role: 'request', request, setup, requestClass });
  const exchanges: Exchange[] = [first];
  if (session.kind !== 'none' && first.transmission.kind !== 'timeout') {
    if (accepted && statusOf(first) === 200 && state !== PROVIDER_STATES.noSession) {
      // A pause first, so a provider that moves finishedAt on every stop cannot hide behind one clock tick;
      // it also lets the provider's clock move past the stop's finishedAt before the control reads it.
      await sleep(GATE_CLOCK_TICK_MS);
      exchanges.push(
        await exchange(context, { role: 'repeat', request: canonicalStop(session.id), pausedMs: GATE_CLOCK_TICK_MS }),
      );
      if (bystander) {
        exchanges.push(await control());
        exchanges.push((await stopBystander())!);
      }
    } else if (needsControl) {
      await sleep(GATE_CLOCK_TICK_MS);
      const controlExchange = await control();
      exchanges.push({ ...controlExchange, pausedMs: GATE_CLOCK_TICK_MS });
      const followUp = await exchange(context, { role: 'follow-up', request: canonicalStop(session.id) });
      exchanges.push(followUp);
      // Only when the session seems to have stopped before the control does the bystander's say matter.
      if (stoppedBeforeControl(followUp, controlExchange)?.before === true) {
        const stopped = await stopBystander();
        if (stopped) exchanges.push(stopped);
      }
    }
  }
  return { case: gateCase, session, exchanges, ...(bystander ? { bystander } : {}) };
}
