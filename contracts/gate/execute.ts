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
import { PROVIDER_STATES } from '../states.ts';
import { DOCUMENTED_STATUSES } from '../checks/policy.ts';
import { specValidator } from '../validator.ts';
import { STOP_BODY, type GateCase, type SessionSetup, type UpdateRequest } from './case.ts';
import { classifyRequest, type RequestClass } from './classify.ts';
import { executeConcurrentStops } from './execute-concurrent.ts';
import { statusOf, type CaseRecord, type CaseSession, type Exchange, type ExchangeRole } from './record.ts';
import type { Sender } from './sender.ts';
import type { StatesClient } from './states-client.ts';
import { updateWireRequest, type ProviderAddress } from './wire.ts';

export interface ExecutionContext {
  readonly address: ProviderAddress;
  readonly apiKey: string;
  readonly sender: Sender;
  /** Undefined when no states URL answers. */
  readonly states: StatesClient | undefined;
}

/** The plainest valid stop: lower-case id, the key, application/json, `{"action":"stop"}`. */
export function canonicalStop(sessionId: string): UpdateRequest {
  return { sessionId: sessionId.toLowerCase(), credential: 'key', contentType: 'application/json', body: STOP_BODY };
}

/** `id` with the letter case of `pattern`, position by position: a provider-chosen id spelled as the case spelled its own. */
export function spellLike(id: string, pattern: string): string {
  return [...id.toLowerCase()]
    .map((char, index) => (/[A-Z]/.test(pattern[index] ?? '') ? char.toUpperCase() : char))
    .join('');
}

/** Another uuid, certain to differ from `id`: its last hex digit moved on by one. */
export function siblingId(id: string): string {
  const last = parseInt(id.slice(-1), 16);
  return id.slice(0, -1).toLowerCase() + ((last + 1) % 16).toString(16);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `burst`: one of requests that must be in flight together (see Sender.send). */
export async function exchange(
  context: ExecutionContext,
  role: ExchangeRole,
  request: UpdateRequest,
  setup: SessionSetup | undefined,
  pausedMs = 0,
  requestClass: RequestClass = classifyRequest(request, context.apiKey),
  burst = false,
): Promise<Exchange> {
  const transmission = await context.sender.send(updateWireRequest(context.address, request, context.apiKey), {
    burst,
  });
  let body: unknown;
  let verdict: Exchange['verdict'];
  if (transmission.kind === 'response') {
    const { status, contentType, text } = transmission.response;
    body = parseBody(text);
    // Only the operation's own answers are judged by its schemas: a request that may never reach its route
    // (an empty id, an id with `/`) can get a framework's generic 404 page, which the spec does not describe.
    if (requestClass.routable && DOCUMENTED_STATUSES.includes(status)) {
      verdict = specValidator().validateResponse({ status, contentType, body });
    }
  }
  return { role, setup, pausedMs, request, class: requestClass, transmission, body, verdict };
}

async function setUp(context: ExecutionContext, setup: SessionSetup): Promise<SessionSetup> {
  const sessionId = await context.states!.setUp(setup.state, setup.sessionId);
  return { state: setup.state, sessionId: sessionId.toLowerCase() };
}

/**
 * Runs `gateCase`. `offered`: the case addresses the session the user gave with --session-id (no states
 * URL), which exists as far as the gate knows. Cases run side by side (pool.ts), never two touching the same id.
 */
export async function executeCase(context: ExecutionContext, gateCase: GateCase, offered = false): Promise<CaseRecord> {
  if (gateCase.concurrency !== undefined) return executeConcurrentStops(context, gateCase);
  let request = gateCase.request;
  let session: CaseSession = offered ? { kind: 'offered', id: request.sessionId } : { kind: 'none' };
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

  const first = await exchange(context, 'request', request, setup, 0, requestClass);
  const exchanges: Exchange[] = [first];
  if (session.kind !== 'none' && first.transmission.kind !== 'timeout') {
    if (accepted && statusOf(first) === 200 && state !== PROVIDER_STATES.noSession) {
      // A pause first, so a provider that moves finishedAt on every stop cannot hide behind one clock tick.
      await sleep(GATE_CLOCK_TICK_MS);
      exchanges.push(await exchange(context, 'repeat', canonicalStop(session.id), undefined, GATE_CLOCK_TICK_MS));
    } else if (needsControl) {
      await sleep(GATE_CLOCK_TICK_MS);
      const control = await setUp(context, { state, sessionId: siblingId(session.id) });
      exchanges.push(await exchange(context, 'control', canonicalStop(control.sessionId), control, GATE_CLOCK_TICK_MS));
      exchanges.push(await exchange(context, 'follow-up', canonicalStop(session.id), undefined));
    }
  }
  return { case: gateCase, session, exchanges };
}
