/**
 * The gate's side of Pact's provider-states convention: `POST <states-url>` with
 * `{"state", "params": {"sessionId"}, "action": "setup"}` answered by `{"sessionId"}`.
 *
 * A states URL that is not there (nothing listening, 404, 405, no answer) means the provider offers no
 * test sessions: the gate then stops no session it did not make up. One that is there but refuses a state
 * the contract defines is a configuration problem (exit 2), not a broken contract.
 */
import { randomUUID } from 'node:crypto';
import { UsageError } from '../errors.ts';
import { GATE_ENV } from './config.ts';
import { isObject, type JsonObject } from '../spec.ts';
import { PROVIDER_STATE_NAMES, stateChangeRequest, type ProviderState } from '../model/states.ts';
import type { StatesHeader } from './config.ts';
import type { Sender } from '../transport/sender.ts';
import type { Transmission, WireRequest } from '../transport/types.ts';
import { jsonPost } from '../model/wire.ts';

/** Answers that mean "no states endpoint here" rather than "a states endpoint that refuses". */
const ABSENT_STATUSES = [404, 405, 501];

/**
 * At most `max` characters, cut only at a space: the message is redacted on its way out, and a key (which
 * holds no space) must reach that pass whole or not at all, never cut in two.
 */
function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${cut > 0 ? text.slice(0, cut) : ''}…`;
}

function describe(sent: Transmission): string {
  switch (sent.kind) {
    case 'response': {
      const text = sent.response.text.replace(/\s+/g, ' ').trim();
      return `${sent.response.status}${text ? `: ${cutAtSpace(text, 160)}` : ''}`;
    }
    case 'timeout':
      return `no answer within ${sent.timeoutMs} ms`;
    case 'dropped':
      return `the connection broke (${sent.code})`;
    case 'unreachable':
      return `nothing answers there (${sent.code})`;
  }
}

function succeeded(sent: Transmission & { kind: 'response' }): boolean {
  return sent.response.status >= 200 && sent.response.status < 300;
}

export class StatesClient {
  /** `headers`: sent with every call (`--states-header`), e.g. the credential a protected states URL wants. */
  constructor(
    readonly url: string,
    private readonly sender: Sender,
    private readonly headers: readonly StatesHeader[] = [],
  ) {}

  private request(body: unknown): WireRequest {
    const request = jsonPost(this.url, body);
    const extra: Record<string, string> = {};
    // Header names are case-insensitive: a name given twice is one header with both values, as HTTP joins them.
    for (const { name, value } of this.headers) {
      const key = name.toLowerCase();
      extra[key] = extra[key] === undefined ? value : `${extra[key]}, ${value}`;
    }
    return { ...request, headers: { ...request.headers, ...extra } };
  }

  /** Sessions set up (probe included) and torn down through this URL: what the run left on the provider. */
  private readonly counts = { setUp: 0, tornDown: 0 };
  /** Once the URL has refused a teardown, it has none: no further teardown is asked of it. */
  private teardownRefused = false;

  private async post(
    state: ProviderState,
    sessionId: string | undefined,
  ): Promise<{ sent: Transmission; sessionId: string | undefined; session?: JsonObject }> {
    const sent = await this.sender.send(this.request(stateChangeRequest(state, 'setup', sessionId)), {
      purpose: 'states',
    });
    if (sent.kind !== 'response' || !succeeded(sent)) return { sent, sessionId: undefined };
    let body: unknown;
    try {
      body = JSON.parse(sent.response.text);
    } catch {
      return { sent, sessionId: undefined };
    }
    const id = isObject(body) ? body['sessionId'] : undefined;
    if (typeof id !== 'string' || id === '') return { sent, sessionId: undefined };
    // Counted only once the provider has said which session it set up: a 2xx without one is a refusal.
    this.counts.setUp++;
    const session = isObject(body) && isObject(body['session']) ? { session: body['session'] } : {};
    // Lower case, as every session id the gate sends is spelt (or spelt from: see exchange.ts spellLike).
    return { sent, sessionId: id.toLowerCase(), ...session };
  }

  /**
   * Whether the states URL is there (and if not, why not), having set up every state the contract defines
   * once (and torn each down again). Throws UsageError when it is there but refuses a state.
   */
  async probe(): Promise<{ available: true } | { available: false; reason: string; status: number | undefined }> {
    // The first state alone (a URL that is not there gets one call), then the others at once: every run
    // waits for the probe before its first case, and a remote states URL is 50–150 ms a call. Judged in
    // the states' order, so the first refused is the one named.
    const postOne = async (state: ProviderState) => ({ state, ...(await this.post(state, randomUUID())) });
    const [first, ...others] = PROVIDER_STATE_NAMES;
    const firstPosted = await postOne(first!);
    const firstRefused = firstPosted.sessionId === undefined;
    const posted = [firstPosted, ...(firstRefused ? [] : await Promise.all(others.map(postOne)))];
    for (const { state, sessionId } of posted) if (sessionId !== undefined) this.tearDownLater(state, sessionId);
    for (const { state, sent, sessionId } of posted) {
      const absent =
        sent.kind === 'unreachable' ||
        sent.kind === 'timeout' ||
        (sent.kind === 'response' && ABSENT_STATUSES.includes(sent.response.status));
      if (absent && state === PROVIDER_STATE_NAMES[0])
        return {
          available: false,
          reason: sent.kind === 'response' ? `it answered ${describe(sent)}` : describe(sent),
          status: sent.kind === 'response' ? sent.response.status : undefined,
        };
      if (sessionId === undefined) {
        const status = sent.kind === 'response' ? sent.response.status : undefined;
        const credential =
          status === 401 || status === 403
            ? `; if it wants a credential, give it with --states-header 'Authorization: …' (or ${GATE_ENV['states-header']})`
            : '';
        throw new UsageError(
          `the states URL ${this.url} refused the provider state "${state}" (${describe(sent)}); it must answer {"sessionId": …} for each of: ${PROVIDER_STATE_NAMES.join('; ')}${credential}`,
        );
      }
    }
    return { available: true };
  }

  /**
   * Sets up `state` under `sessionId`; returns the id the provider used, and the session it set up when it
   * says (the exact oracle). Throws UsageError if it refuses mid-run.
   */
  async setUp(state: ProviderState, sessionId: string): Promise<{ sessionId: string; session?: JsonObject }> {
    const { sent, sessionId: id, session } = await this.post(state, sessionId);
    if (id === undefined)
      throw new UsageError(`the states URL ${this.url} failed to set up "${state}" during the run (${describe(sent)})`);
    return session === undefined ? { sessionId: id } : { sessionId: id, session };
  }

  /**
   * Sets up `state` under a fresh id if the URL will; the id it used, or undefined when it is not there or
   * refuses (no error: a URL the gate only looks for, see operation-probe.ts).
   */
  async trySetUp(state: ProviderState): Promise<string | undefined> {
    return (await this.post(state, randomUUID())).sessionId;
  }

  /**
   * Asks the URL to remove a session the gate set up (Pact's `"action": "teardown"`). Best effort: a URL
   * without teardown, or one that fails, is no fault of the contract; after its first refusal it is not asked again.
   */
  async tearDown(state: ProviderState, sessionId: string): Promise<void> {
    if (this.teardownRefused) return;
    const sent = await this.sender.send(this.request(stateChangeRequest(state, 'teardown', sessionId)), {
      purpose: 'states',
    });
    if (sent.kind !== 'response') return;
    if (succeeded(sent)) this.counts.tornDown++;
    else this.teardownRefused = true;
  }

  /** Teardowns sent but not yet answered (see tearDownLater). */
  private readonly pending = new Set<Promise<void>>();

  /**
   * Tears a session down without holding up the caller: a case is judged from its record alone, so its
   * worker goes on to the next case while the teardown is under way, and the run's requests in flight stay
   * at --workers instead of dipping at every case's end. `drain` waits for them all; a teardown that fails
   * is no failure (see tearDown).
   */
  tearDownLater(state: ProviderState, sessionId: string): void {
    const done: Promise<void> = this.tearDown(state, sessionId)
      .catch(() => undefined)
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Waits for every teardown under way, so the counts are final and nothing is left sending. */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Sessions set up and torn down so far. */
  sessions(): { readonly setUp: number; readonly tornDown: number } {
    return { ...this.counts };
  }
}
