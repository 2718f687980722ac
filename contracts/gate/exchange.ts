/**
 * The primitives every way of running a case is built from: one exchange with the operation (sent, answered,
 * judged by the spec where the spec speaks), and one set-up of a provider state. Nothing here decides what
 * to send next; execute.ts and execute-concurrent.ts do.
 */
import { randomUUID } from 'node:crypto';
import { DOCUMENTED_STATUSES } from '../checks/policy.ts';
import { STOP_BODY, type SessionSetup, type UpdateRequest } from '../model/case.ts';
import { classifyRequest, type RequestClass } from '../model/classify.ts';
import type { Exchange, ExchangeRole } from '../model/record.ts';
import { updateWireRequest, type ProviderAddress } from '../model/wire.ts';
import type { Sender } from '../transport/sender.ts';
import { specValidator } from '../validator.ts';
import { needsSetUp, type ProviderState } from '../model/states.ts';
import type { StatesClient } from './states-client.ts';

export interface ExecutionContext {
  readonly address: ProviderAddress;
  readonly apiKey: string;
  readonly sender: Sender;
  /** Undefined when no states URL answers. */
  readonly states: StatesClient | undefined;
  /** Every session set up for the case being run, to tear down once it has been run (see teardown.ts). */
  readonly created?: SessionSetup[];
}

/** The plainest valid stop: lower-case id, the key, application/json, `{"action":"stop"}`. */
export function canonicalStop(sessionId: string): UpdateRequest {
  return { sessionId, credential: 'key', contentType: 'application/json', body: STOP_BODY };
}

/** `id` with the letter case of `pattern`, position by position: a provider-chosen id spelled as the case spelled its own. */
export function spellLike(id: string, pattern: string): string {
  return [...id.toLowerCase()]
    .map((char, index) => (/[A-Z]/.test(pattern[index] ?? '') ? char.toUpperCase() : char))
    .join('');
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface ExchangeOptions {
  readonly role: ExchangeRole;
  readonly request: UpdateRequest;
  /** The state set up right before this request, recorded so a replay sets it up again. */
  readonly setup?: SessionSetup | undefined;
  /** How long the gate paused before sending, so a provider clock ticked (see GATE_CLOCK_TICK_MS). */
  readonly pausedMs?: number;
  /** Computed from the request when not given; a burst of copies shares one. */
  readonly requestClass?: RequestClass;
  /** One of several requests that must be in flight together (see Sender.send). */
  readonly burst?: boolean;
}

export async function exchange(context: ExecutionContext, options: ExchangeOptions): Promise<Exchange> {
  const { role, request, setup, pausedMs = 0 } = options;
  const requestClass = options.requestClass ?? classifyRequest(request, context.apiKey);
  const transmission = await context.sender.send(updateWireRequest(context.address, request, context.apiKey), {
    burst: options.burst === true,
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

/**
 * A random uuid with a letter exactly where `shape` (a uuid) has one and a digit where it has a digit, so a
 * request that spells the drawn id in some letter case (see spellLike) spells the fresh one in the same
 * case at the same places: the faults a spelling reveals do not depend on the draw of the fresh id.
 */
function freshIdShaped(shape: string): string {
  const fresh = randomUUID();
  return [...shape.toLowerCase()]
    .map((char, index) => {
      const digit = parseInt(fresh[index] ?? '0', 16);
      if (/[a-f]/.test(char)) return 'abcdef'[digit % 6]!;
      return /[0-9]/.test(char) ? String(digit % 10) : char;
    })
    .join('');
}

/**
 * Sets `state` up through the states URL under a fresh random id (shaped like `like`, when given), never
 * the one drawn from the seed: runs sharing a provider (other seeds, other shards, other pipelines) then
 * never set up, stop or judge one another's sessions. The provider may choose another id, which the result
 * carries (lower case), with the session as set up when the states URL shows it (the exact oracle). The id
 * is recorded in the exchange that follows (or the record's bystander), so the printed curl lines replay
 * this very set-up; the case printed is the one drawn from the seed.
 *
 * `no session exists` needs no call: a fresh random id names no session (the states URL could only delete
 * what is not there), so the gate neither sets it up nor tears it down, a sixth of a default run's states
 * calls saved. The replay sends no set-up for it either (report/curl.ts).
 */
export async function setUp(context: ExecutionContext, state: ProviderState, like?: string): Promise<SessionSetup> {
  if (!context.states) throw new Error(`setting up "${state}" needs a states URL, and this run has none`);
  const asked = like === undefined ? randomUUID() : freshIdShaped(like);
  if (!needsSetUp(state)) return { state, sessionId: asked };
  const { sessionId, session } = await context.states.setUp(state, asked);
  const setup = { state, sessionId, ...(session === undefined ? {} : { session }) };
  context.created?.push(setup);
  return setup;
}
