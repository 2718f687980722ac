/**
 * What one case costs the provider, request by request: the states calls it makes are part of every
 * run's bill (a default run is hundreds of cases), so each kind of case is held to the calls it needs.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { executeCase } from '../../contracts/gate/execute.ts';
import type { ExecutionContext } from '../../contracts/gate/exchange.ts';
import { StatesClient } from '../../contracts/gate/states-client.ts';
import { STOP_BODY, type GateCase } from '../../contracts/model/case.ts';
import type { CaseRecord } from '../../contracts/model/record.ts';
import { PROVIDER_STATES, type ProviderState } from '../../contracts/model/states.ts';
import { providerAddress } from '../../contracts/model/wire.ts';
import { curlReplay } from '../../contracts/report/curl.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { createReferenceProvider, serveHandler } from '../../provider/index.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

const DRAWN_ID = '5f0c2b1e-8d3a-4c6b-9e7f-1a2b3c4d5e6f';

function stopCase(state: ProviderState, credential: 'key' | 'missing'): GateCase {
  return {
    intent: credential === 'key' ? 'valid' : 'unauthorised',
    setup: { state, sessionId: DRAWN_ID },
    request: { sessionId: DRAWN_ID, credential, contentType: 'application/json', body: STOP_BODY },
  };
}

/** Runs `gateCase` against the reference provider; returns its record, the states calls made, and its replay. */
async function run(gateCase: GateCase): Promise<{ record: CaseRecord; statesCalls: string[]; replay: string[] }> {
  const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
  const statesCalls: string[] = [];
  const server = await serveHandler(async (request) => {
    if (request.url.startsWith(PROVIDER_STATES_PATH)) {
      const { action, state } = JSON.parse(request.body.toString('utf8')) as { action: string; state: string };
      statesCalls.push(`${action} ${state}`);
    }
    return provider.handler(request);
  }, {});
  const sender = new Sender({ timeoutMs: 5000, maxInFlight: 4 });
  const statesUrl = server.url + PROVIDER_STATES_PATH;
  const states = new StatesClient(statesUrl, sender);
  try {
    const context: ExecutionContext = { address: providerAddress(server.url), apiKey: DISTINCTIVE_KEY, sender, states };
    const record = await executeCase(context, gateCase);
    await states.drain();
    return { record, statesCalls, replay: curlReplay(record, server.url, statesUrl, 5000) };
  } finally {
    sender.close();
    await server.close();
  }
}

const ACTIVE = PROVIDER_STATES.activeSessionWithRunningTasks;
const setUpLines = (replay: string[]) => replay.filter((line) => line.includes(PROVIDER_STATES_PATH));

describe('what a case sends', () => {
  it('"no session exists": no states call at all, as a fresh random id names no session; the replay sets up nothing', async () => {
    const { record, statesCalls, replay } = await run(stopCase(PROVIDER_STATES.noSession, 'key'));
    expect(statesCalls).toEqual([]);
    expect(record.exchanges.map((exchange) => exchange.role)).toEqual(['request']);
    expect(record.exchanges[0]!.transmission).toMatchObject({ response: { status: 404 } });
    // A fresh id, never the one drawn from the seed, which another run could also use.
    expect(record.exchanges[0]!.request.sessionId).not.toBe(DRAWN_ID);
    expect(setUpLines(replay)).toEqual([]);
  });

  it('a refused request to an active session: the bystander is its control, two sessions set up and torn down', async () => {
    const { record, statesCalls, replay } = await run(stopCase(ACTIVE, 'missing'));
    expect(record.exchanges.map((exchange) => exchange.role)).toEqual(['request', 'control', 'follow-up']);
    expect(record.exchanges[1]!.request.sessionId).toBe(record.bystander!.sessionId);
    expect(statesCalls).toEqual([`setup ${ACTIVE}`, `setup ${ACTIVE}`, `teardown ${ACTIVE}`, `teardown ${ACTIVE}`]);
    // The replay sets the bystander up first, then the target, as the run did.
    const setUps = setUpLines(replay);
    expect(setUps).toHaveLength(2);
    expect(setUps[0]).toContain(record.bystander!.sessionId);
    expect(setUps[1]).toContain(record.exchanges[0]!.setup!.sessionId);
  });

  it('an accepted stop of an active session: a fresh control after it, then the bystander, three sessions in all', async () => {
    const { record, statesCalls, replay } = await run(stopCase(ACTIVE, 'key'));
    expect(record.exchanges.map((exchange) => exchange.role)).toEqual(['request', 'repeat', 'control', 'bystander']);
    expect(statesCalls.filter((call) => call.startsWith('setup'))).toHaveLength(3);
    expect(statesCalls.filter((call) => call.startsWith('teardown'))).toHaveLength(3);
    expect(setUpLines(replay)).toHaveLength(3);
  });
});
