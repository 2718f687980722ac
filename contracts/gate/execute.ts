/**
 * Runs one case against the provider and records everything sent and received. Beyond the request under
 * test it sends what the session checks need to observe a stop through this one operation:
 * - after a 200 from a valid stop of a set-up session: the same stop again (stop_idempotence);
 * - after any other request to an active session (a refused one, by intent or not): a stop of a fresh
 *   control session, then an authorised stop of the first — their finishedAt readings, both from the
 *   provider's clock, show whether the refused request had already stopped it (see checks/observations.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_CLOCK_TICK_MS } from '../config.ts';
import { PROVIDER_STATES } from '../model/states.ts';
import type { GateCase, SessionSetup } from '../model/case.ts';
import { classifyRequest } from '../model/classify.ts';
import { statusOf, type CaseRecord, type CaseSession, type Exchange } from '../model/record.ts';
import { executeConcurrentStops } from './execute-concurrent.ts';
import { canonicalStop, exchange, setUp, siblingId, spellLike, type ExecutionContext } from './exchange.ts';

/**
 * Runs `gateCase`. `offered`: the case addresses the session the user gave with --session-id (no states
 * URL), which exists as far as the gate knows. Cases run side by side (pool.ts), never two touching the same id.
 */
export async function executeCase(
  context: ExecutionContext,
  gateCase: GateCase,
  options: { readonly offered?: boolean } = {},
): Promise<CaseRecord> {
  if (gateCase.concurrency !== undefined) return executeConcurrentStops(context, gateCase);
  let request = gateCase.request;
  let session: CaseSession = options.offered === true ? { kind: 'offered', id: request.sessionId } : { kind: 'none' };
  let setup: SessionSetup | undefined;
  if (gateCase.setup) {
    setup = await setUp(context, gateCase.setup);
    if (setup.sessionId !== gateCase.setup.sessionId)
      request = { ...request, sessionId: spellLike(setup.sessionId, request.sessionId) };
    session = { kind: 'state', state: setup.state, id: setup.sessionId };
  }
  const requestClass = classifyRequest(request, context.apiKey);
  const accepted = requestClass.valid && requestClass.credential === 'key';
  const state = session.kind === 'state' ? session.state : undefined;
  const needsControl = !accepted && state === PROVIDER_STATES.activeSessionWithRunningTasks;

  const first = await exchange(context, { role: 'request', request, setup, requestClass });
  const exchanges: Exchange[] = [first];
  if (session.kind !== 'none' && first.transmission.kind !== 'timeout') {
    if (accepted && statusOf(first) === 200 && state !== PROVIDER_STATES.noSession) {
      // A pause first, so a provider that moves finishedAt on every stop cannot hide behind one clock tick.
      await sleep(GATE_CLOCK_TICK_MS);
      exchanges.push(
        await exchange(context, { role: 'repeat', request: canonicalStop(session.id), pausedMs: GATE_CLOCK_TICK_MS }),
      );
    } else if (needsControl) {
      await sleep(GATE_CLOCK_TICK_MS);
      const control = await setUp(context, { state, sessionId: siblingId(session.id) });
      exchanges.push(
        await exchange(context, {
          role: 'control',
          request: canonicalStop(control.sessionId),
          setup: control,
          pausedMs: GATE_CLOCK_TICK_MS,
        }),
      );
      exchanges.push(await exchange(context, { role: 'follow-up', request: canonicalStop(session.id) }));
    }
  }
  return { case: gateCase, session, exchanges };
}
