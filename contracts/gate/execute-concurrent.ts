/**
 * Runs a case with `concurrency` K (see checks/concurrent-stop-consistency.ts): sets up its active
 * session, sends the request K times at once, and once every copy has been answered, a stop of the same
 * session after a pause. A provider that reads a session, waits, then writes its own stop loses updates:
 * its K answers disagree with each other, and the stop after them agrees with only the last writer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_CLOCK_TICK_MS } from '../config.ts';
import type { GateCase } from '../model/case.ts';
import { classifyRequest } from '../model/classify.ts';
import { canonicalStop, exchange, setUp, spellLike, type ExecutionContext } from './exchange.ts';
import type { CaseRecord, Exchange } from '../model/record.ts';

/** Runs `gateCase` (which has `concurrency` and a set-up session). */
export async function executeConcurrentStops(context: ExecutionContext, gateCase: GateCase): Promise<CaseRecord> {
  const asked = gateCase.setup;
  const concurrency = gateCase.concurrency ?? 1;
  if (!asked) throw new Error('a case with concurrent stops must set up its session');
  const setup = await setUp(context, asked.state, asked.sessionId);
  const request = { ...gateCase.request, sessionId: spellLike(setup.sessionId, gateCase.request.sessionId) };

  const requestClass = classifyRequest(request, context.apiKey);
  // A burst: all K in flight together whatever --workers or --max-rps allow, or they would reach the
  // provider one by one and never race. The set-up is recorded once, on the first: a replay sets the
  // session up once, then sends the K.
  const answers: Exchange[] = await Promise.all(
    Array.from({ length: concurrency }, (_, index) =>
      index === 0
        ? exchange(context, { role: 'request', request, setup, requestClass, burst: true })
        : exchange(context, { role: 'concurrent', request, requestClass, burst: true }),
    ),
  );
  const exchanges = [...answers];
  if (answers.every((answer) => answer.transmission.kind === 'response')) {
    // A pause first, as before stop_idempotence's repeat: a provider that moves finishedAt on every stop
    // shows a new one here, and that fault is stop_idempotence's (the check defers to it).
    await sleep(GATE_CLOCK_TICK_MS);
    exchanges.push(
      await exchange(context, { role: 'after', request: canonicalStop(setup.sessionId), pausedMs: GATE_CLOCK_TICK_MS }),
    );
  }
  return { case: gateCase, session: { kind: 'state', state: setup.state, id: setup.sessionId }, exchanges };
}
