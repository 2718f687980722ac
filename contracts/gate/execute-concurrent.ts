/**
 * Runs a case with `concurrency` K (see checks/concurrent-stop-consistency.ts): sets up its active
 * session, sends the request K times at once, and once every copy has been answered, a stop of the same
 * session after a pause. A provider that reads a session, waits, then writes its own stop loses updates:
 * its K answers disagree with each other, and the stop after them agrees with only the last writer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_CLOCK_TICK_MS } from '../config.ts';
import type { GateCase, SessionSetup } from './case.ts';
import { classifyRequest } from './classify.ts';
import { canonicalStop, exchange, spellLike, type ExecutionContext } from './execute.ts';
import type { CaseRecord, Exchange } from './record.ts';

async function setUp(context: ExecutionContext, asked: SessionSetup): Promise<SessionSetup> {
  if (!context.states) throw new Error('a case with concurrent stops needs a states URL to set up its session');
  return { state: asked.state, sessionId: (await context.states.setUp(asked.state, asked.sessionId)).toLowerCase() };
}

/** Runs `gateCase` (which has `concurrency` and a set-up session). */
export async function executeConcurrentStops(context: ExecutionContext, gateCase: GateCase): Promise<CaseRecord> {
  const asked = gateCase.setup;
  const concurrency = gateCase.concurrency ?? 1;
  if (!asked) throw new Error('a case with concurrent stops must set up its session');
  const setup = await setUp(context, asked);
  const request =
    setup.sessionId === asked.sessionId
      ? gateCase.request
      : { ...gateCase.request, sessionId: spellLike(setup.sessionId, gateCase.request.sessionId) };

  const requestClass = classifyRequest(request, context.apiKey);
  // A burst: all K in flight together whatever --workers or --max-rps allow, or they would reach the
  // provider one by one and never race. The set-up is recorded once, on the first: a replay sets the
  // session up once, then sends the K.
  const answers: Exchange[] = await Promise.all(
    Array.from({ length: concurrency }, (_, index) =>
      index === 0
        ? exchange(context, 'request', request, setup, 0, requestClass, true)
        : exchange(context, 'concurrent', request, undefined, 0, requestClass, true),
    ),
  );
  const exchanges = [...answers];
  if (answers.every((answer) => answer.transmission.kind === 'response')) {
    // A pause first, as before stop_idempotence's repeat: a provider that moves finishedAt on every stop
    // shows a new one here, and that fault is stop_idempotence's (the check defers to it).
    await sleep(GATE_CLOCK_TICK_MS);
    exchanges.push(await exchange(context, 'after', canonicalStop(setup.sessionId), undefined, GATE_CLOCK_TICK_MS));
  }
  return { case: gateCase, session: { kind: 'state', state: setup.state, id: setup.sessionId }, exchanges };
}
