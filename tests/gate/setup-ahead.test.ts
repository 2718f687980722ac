/**
 * Setting up the next case's session while a case runs (and a control session alongside a refused request)
 * saves time against a slow provider and changes nothing else: the same cases, the same requests, the same
 * judgements and counterexamples as one thing at a time; and a states URL that answers with ids of its own
 * is never overlapped with.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../contracts/checks/registry.ts';
import type { SessionSetup } from '../../contracts/gate/case.ts';
import { executeCase, type ExecutionContext } from '../../contracts/gate/execute.ts';
import { fuzz, type FuzzOutcome } from '../../contracts/gate/fuzz.ts';
import { Sender } from '../../contracts/gate/sender.ts';
import { SetupAhead } from '../../contracts/gate/setup-ahead.ts';
import { StatesClient } from '../../contracts/gate/states-client.ts';
import { providerAddress } from '../../contracts/gate/wire.ts';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { PROVIDER_STATES } from '../../contracts/states.ts';
import { serveHandler, type ProviderHandler } from '../../fixtures/provider/index.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/provider/planted-bugs.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

/**
 * Every answer a few milliseconds late, so that overlapping requests do overlap; counts request targets in
 * flight at once (simultaneous stops of one session, sent together on purpose, count once).
 */
function slowed(handler: ProviderHandler) {
  const inFlight = new Map<string, number>();
  const seen = { most: 0 };
  const wrapped: ProviderHandler = async (request) => {
    inFlight.set(request.url, (inFlight.get(request.url) ?? 0) + 1);
    seen.most = Math.max(seen.most, inFlight.size);
    try {
      await sleep(3);
      return await handler(request);
    } finally {
      const left = inFlight.get(request.url)! - 1;
      if (left === 0) inFlight.delete(request.url);
      else inFlight.set(request.url, left);
    }
  };
  return { handler: wrapped, seen };
}

async function fuzzAgainst(bug: string | undefined, ahead: boolean): Promise<{ outcome: FuzzOutcome; most: number }> {
  const inner = createPlantedBugProvider(plantedBug(bug ?? 'id-echoed-upper-case'), { apiKey: DISTINCTIVE_KEY }).handler;
  const { handler, seen } = slowed(inner);
  const server = await serveHandler(handler, {});
  const sender = new Sender({ timeoutMs: 5_000 });
  const states = new StatesClient(server.url + PROVIDER_STATES_PATH, sender);
  const context: ExecutionContext = { address: providerAddress(server.url), apiKey: DISTINCTIVE_KEY, sender, states, ahead: ahead ? new SetupAhead(states) : undefined };
  try {
    const outcome = await fuzz({
      checks: Object.values(CHECKS), seed: 99, runs: 80, replayPath: undefined, sessions: true,
      execute: (generated, next) => executeCase(context, generated, false, next),
    });
    await context.ahead?.take(undefined);
    return { outcome, most: seen.most };
  } finally {
    sender.close();
    await server.close();
  }
}

const summary = ({ outcome }: { outcome: FuzzOutcome }) => ({
  cases: outcome.cases,
  requests: outcome.requests,
  tallies: [...outcome.tallies],
  failures: outcome.failures.map((found) => ({ check: found.failure.check, path: found.path, case: found.record.case, statuses: found.record.exchanges.map((sent) => sent.transmission.kind === 'response' && sent.transmission.response.status) })),
});

describe('setting up ahead', () => {
  it.each([undefined, 'auth-checked-after-stop', 'finished-at-moves'])('gives what one thing at a time gives (%s)', async (bug) => {
    const alone = await fuzzAgainst(bug, false);
    const overlapped = await fuzzAgainst(bug, true);
    expect(alone.most).toBe(1);
    expect(overlapped.most).toBeGreaterThan(1);
    expect(alone.outcome.failures.map((found) => found.failure.check)).toEqual(bug === undefined ? [] : [plantedBug(bug).breaks]);
    expect(summary(overlapped)).toEqual(summary(alone));
  });
});

describe('a states URL that answers with an id of its own', () => {
  const asked: SessionSetup = { state: PROVIDER_STATES.activeSessionWithRunningTasks, sessionId: '11111111-1111-1111-1111-111111111111' };
  const fake = (answer: string) => {
    const states = { honoursIds: true, setUp: async () => { states.honoursIds = false; return answer; } };
    return states as unknown as StatesClient;
  };

  it('is trusted no more, and a case whose session it answered with is run again', async () => {
    const states = fake('22222222-2222-2222-2222-222222222222');
    const ahead = new SetupAhead(states);
    ahead.start(asked, new Set());
    expect(await ahead.disturbed(new Set(['22222222-2222-2222-2222-222222222222']))).toBe(true);
    expect(await ahead.take(asked)).toBeUndefined();
    ahead.start(asked, new Set());
    expect(await ahead.take(asked)).toBeUndefined();
  });

  it('is not set up ahead under an id the running case touches', async () => {
    const ahead = new SetupAhead(fake(asked.sessionId));
    ahead.start(asked, new Set([asked.sessionId]));
    expect(await ahead.take(asked)).toBeUndefined();
    ahead.start(asked, new Set());
    expect(await ahead.take(asked)).toEqual(asked);
  });
});
