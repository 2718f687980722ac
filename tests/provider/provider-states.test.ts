/**
 * The provider-states URL (Pact's setup-URL convention): every shared state name has a handler, the
 * answers carry the session id, teardown undoes setup, and mistakes are a 400 that names the states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { PACT_API_KEY_PLACEHOLDER, PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { isUuid } from '../../contracts/formats.ts';
import { PROVIDER_STATES, PROVIDER_STATE_NAMES, type ProviderState } from '../../contracts/model/states.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import { createReferenceProvider, type ProviderRequest, type ReferenceProvider } from '../../provider/index.ts';
import { bodyOf, call, KEY, patch } from './helpers.ts';

let provider: ReferenceProvider;
beforeEach(() => {
  provider = createReferenceProvider();
});

function statesRequest(body: unknown, method = 'POST'): ProviderRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method,
    url: PROVIDER_STATES_PATH,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(text),
  };
}

/** The states URL is not part of the spec: its answers are only checked to be JSON. */
async function answer(request: ProviderRequest) {
  const response = await provider.handler(request);
  expect(response.headers['content-type']).toBe('application/json');
  return response;
}

async function setUp(state: ProviderState, params: Record<string, unknown> = {}): Promise<string> {
  const response = await answer(statesRequest({ state, params, action: 'setup' }));
  expect(response.status).toBe(200);
  return bodyOf(response).sessionId;
}

async function stopStatus(id: string): Promise<number> {
  return (await call(provider.handler, patch(id))).status;
}

describe('setup', () => {
  it.each(PROVIDER_STATE_NAMES)('"%s" answers a fresh lower-case uuid when none is given', async (state) => {
    const first = await setUp(state);
    const second = await setUp(state);
    expect(isUuid(first) && first === first.toLowerCase()).toBe(true);
    expect(second).not.toBe(first);
  });

  it('puts an active session with tasks in created, started and finished', async () => {
    const id = await setUp(PROVIDER_STATES.activeSessionWithRunningTasks);
    const session = provider.sessions.get(id)!;
    expect(session).toMatchObject({ id, status: 'active', finishedAt: null });
    expect(session.tasks.map((task) => task.status).sort()).toEqual(['created', 'finished', 'started']);
    expect(await stopStatus(id)).toBe(200);
  });

  it('puts a stopped session with its finishedAt', async () => {
    const id = await setUp(PROVIDER_STATES.stoppedSession);
    expect(provider.sessions.get(id)).toMatchObject({ status: 'stopped', finishedAt: expect.any(String) });
  });

  it('uses the id it is given, in lower case, replacing what was there', async () => {
    const given = 'F47AC10B-58CC-4372-A567-0E02B2C3D479';
    expect(await setUp(PROVIDER_STATES.stoppedSession, { sessionId: given })).toBe(given.toLowerCase());
    expect(await setUp(PROVIDER_STATES.activeSessionWithRunningTasks, { sessionId: given })).toBe(given.toLowerCase());
    expect(provider.sessions.get(given)?.status).toBe('active');
  });

  it('"no session exists" removes a session of that id', async () => {
    const id = await setUp(PROVIDER_STATES.activeSessionWithRunningTasks);
    expect(await setUp(PROVIDER_STATES.noSession, { sessionId: id })).toBe(id);
    expect(await stopStatus(id)).toBe(404);
  });

  it('is the default action, and needs no API key (the verifier sends none)', async () => {
    const response = await answer(statesRequest({ state: PROVIDER_STATES.stoppedSession }));
    expect(response.status).toBe(200);
    expect(provider.sessions.size).toBe(1);
  });

  it('ignores a null sessionId (a pact may carry one) and makes an id', async () => {
    expect(isUuid(await setUp(PROVIDER_STATES.stoppedSession, { sessionId: null }))).toBe(true);
  });
});

describe('teardown', () => {
  it('removes the session it names', async () => {
    const id = await setUp(PROVIDER_STATES.activeSessionWithRunningTasks);
    const response = await answer(
      statesRequest({
        state: PROVIDER_STATES.activeSessionWithRunningTasks,
        params: { sessionId: id.toUpperCase() },
        action: 'teardown',
      }),
    );
    expect(bodyOf(response)).toEqual({ removed: [id] });
    expect(await stopStatus(id)).toBe(404);
  });

  it('without an id, removes what setups of that state created, and only that', async () => {
    const a = await setUp(PROVIDER_STATES.activeSessionWithRunningTasks);
    const b = await setUp(PROVIDER_STATES.activeSessionWithRunningTasks);
    const other = await setUp(PROVIDER_STATES.stoppedSession);
    const response = await answer(
      statesRequest({ state: PROVIDER_STATES.activeSessionWithRunningTasks, action: 'teardown' }),
    );
    expect(bodyOf(response).removed.sort()).toEqual([a, b].sort());
    expect(provider.sessions.has(other)).toBe(true);
  });
});

describe('mistakes are a JSON 400 naming the known states', () => {
  it.each([
    ['an unknown state', { state: 'a session with a typo', params: {} }, 'unknown provider state'],
    ['a state in another case', { state: PROVIDER_STATES.stoppedSession.toUpperCase() }, 'unknown provider state'],
    ['no state', { params: {} }, 'unknown provider state'],
    ['an unknown action', { state: PROVIDER_STATES.stoppedSession, action: 'reset' }, 'unknown action'],
    ['params that are not an object', { state: PROVIDER_STATES.stoppedSession, params: 'x' }, 'params must be'],
    [
      'a sessionId that is not a uuid',
      { state: PROVIDER_STATES.stoppedSession, params: { sessionId: 'abc' } },
      'params.sessionId must be a uuid',
    ],
    ['a body that is not JSON', '{state', 'must be a JSON object'],
    ['a body that is not an object', '["a stopped session"]', 'must be a JSON object'],
  ])('%s', async (_, body, problem) => {
    const response = await answer(statesRequest(body));
    expect(response.status).toBe(400);
    const refusal = bodyOf(response);
    expect(refusal.detail).toContain(problem);
    expect(refusal.knownStates).toEqual(PROVIDER_STATE_NAMES);
    if (problem === 'unknown provider state')
      for (const name of PROVIDER_STATE_NAMES) expect(refusal.detail).toContain(name);
    expect(provider.sessions.size).toBe(0);
  });

  it('a GET is a 405 allowing POST', async () => {
    const response = await answer(statesRequest('', 'GET'));
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('POST');
  });
});

describe('the committed pacts', () => {
  const pactsDir = fileURLToPath(new URL('../../pacts/', import.meta.url));
  const interactions = readdirSync(pactsDir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => (JSON.parse(readFileSync(pactsDir + name, 'utf8')) as { interactions: any[] }).interactions);

  it('exist', () => {
    expect(interactions.length).toBeGreaterThan(0);
  });

  // A smoke replay (status only) so a drift between the pacts and this provider shows up here first;
  // full Pact verification is the gate's job.
  it.each(interactions.map((interaction) => [interaction.description, interaction] as const))(
    '%s: its states are set up and its status comes back',
    async (_, interaction) => {
      let path: string = interaction.request.path;
      for (const state of interaction.providerStates ?? []) {
        const id = await setUp(state.name, state.params ?? {});
        if (interaction.request.generators?.path?.type === 'ProviderState')
          path = interaction.request.generators.path.expression.replace('${sessionId}', id);
      }
      const headers: Record<string, string> = {};
      for (const [name, values] of Object.entries(interaction.request.headers ?? {}))
        headers[name.toLowerCase()] = ([] as string[]).concat(values as string[]).join(', ');
      if (headers[API_KEY_HEADER] === PACT_API_KEY_PLACEHOLDER) headers[API_KEY_HEADER] = KEY;
      const body =
        interaction.request.body?.content === undefined ? '' : JSON.stringify(interaction.request.body.content);
      const response = await call(provider.handler, {
        method: interaction.request.method,
        url: path,
        headers,
        body: Buffer.from(body),
      });
      expect(response.status).toBe(interaction.response.status);
    },
  );
});
