/**
 * The engine's promises: the verdict does not depend on the number of workers nor on timing, shards
 * together judge exactly the unsharded run's cases, and every printed replay runs the printed case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateCase } from '../../contracts/arbitraries/requests/gateCase.ts';
import { CHECKS } from '../../contracts/checks/registry.ts';
import { GATE_HANG_BREAKER, GATE_SHRINK_BUDGET_TIMEOUTS, PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { executeCase } from '../../contracts/gate/execute.ts';
import type { ExecutionContext } from '../../contracts/gate/exchange.ts';
import { fuzz } from '../../contracts/gate/fuzz/run.ts';
import { sessionKeys } from '../../contracts/gate/fuzz/session-keys.ts';
import { renderJson } from '../../contracts/report/json.ts';
import { failureBlock } from '../../contracts/report/text.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import type { GateResult } from '../../contracts/gate/result.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { inShard } from '../../contracts/gate/shard.ts';
import { StatesClient } from '../../contracts/gate/states-client.ts';
import { providerAddress } from '../../contracts/model/wire.ts';
import { createReferenceProvider, serveHandler } from '../../provider/index.ts';
import { PLANTED_BUGS, createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import type { GateFlags } from '../../contracts/gate/config.ts';
import { DISTINCTIVE_KEY, config, failedChecks, gateAgainst } from './helpers.ts';

const SEED = 20_251_129;
/** A hang costs the timeout on every try; a short one keeps the test quick (the provider is local). */
const HANG_TIMEOUT_MS = '150';
const RUNS = '100';

describe('cases drawn up front', () => {
  for (const sessions of [true, false]) {
    it(`fc.sample gives the cases fc.check runs, at the same indices, and path "i" starts at case i (sessions: ${sessions})`, () => {
      const arbitrary = gateCase({ sessions });
      const sampled = fc.sample(arbitrary, { seed: SEED, numRuns: 60 });
      const checked: unknown[] = [];
      fc.assert(
        fc.property(arbitrary, (value) => {
          checked.push(value);
        }),
        { seed: SEED, numRuns: 60 },
      );
      expect(checked).toEqual(sampled);
      for (const index of [0, 1, 7, 33, 59]) {
        let first: unknown;
        const details = fc.check(
          fc.property(arbitrary, (value) => {
            first ??= value;
            return false;
          }),
          { seed: SEED, numRuns: 60, path: String(index), endOnFailure: true },
        );
        expect(details.counterexamplePath).toBe(String(index));
        expect(first).toEqual(sampled[index]);
      }
    });
  }
});

describe('session keys', () => {
  const id = '3f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8';
  const request = {
    sessionId: `urn:uuid:${id.replace(/-/g, '').toUpperCase()}`,
    credential: 'key',
    contentType: 'application/json',
    body: '{"action":"stop"}',
  } as const;

  it('name the ids a case addresses without setting them up: the id and any uuid inside it', () => {
    expect(new Set(sessionKeys({ intent: 'invalid', setup: undefined, request }))).toEqual(
      new Set([`urn:uuid:${id.replace(/-/g, '')}`, id]),
    );
  });

  it('are none for a case that sets up its session: it gets a fresh id no other case can share', () => {
    const setup = { state: 'an active session with running tasks', sessionId: id } as const;
    expect(sessionKeys({ intent: 'invalid', setup, request })).toEqual([]);
  });
});

const CLOCK_READING = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * `text` without what is made up afresh for every session (the provider's clock readings and tasks' ids, the
 * fresh ids the gate sets sessions up under): the gate's own choices from the seed (the case) stay.
 */
function withoutProviderNoise(text: string, result: GateResult): string {
  const asked = new Set(
    result.checks
      .flatMap((check) => (check.failure ? (JSON.stringify(check.failure.record.case).match(UUID) ?? []) : []))
      .map((id) => id.toLowerCase()),
  );
  return (
    text
      .replace(CLOCK_READING, '<time>')
      // The share link is made from the session's id, which the gate picks afresh for every run.
      .replace(/share\/[0-9a-f]{8}\b/gi, 'share/<id>')
      .replace(UUID, (id) => (asked.has(id.toLowerCase()) ? id : '<provider id>'))
  );
}

/**
 * The JSON report with what may differ between two runs of the same seed taken out: timings, the worker
 * count, the provider's own data, and what the run cost (a run cut short by hangs has started more cases
 * with more workers: not counted in the verdict, but their sessions were set up).
 */
function comparable(result: GateResult): unknown {
  return JSON.parse(withoutProviderNoise(renderJson(result), result), (key, value: unknown) =>
    ['durationMs', 'shrinkingMs', 'shrinkMs', 'elapsedMs', 'workers', 'cost'].includes(key) ? undefined : value,
  );
}

function flagsFor(url: string, extra: GateFlags): GateFlags {
  return { 'base-url': url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, runs: RUNS, seed: String(SEED), ...extra };
}

describe('workers and replays', () => {
  for (const bug of PLANTED_BUGS) {
    it(`${bug.name}: the same report with 1 and 8 workers, and its printed replay runs the printed case`, async () => {
      const server = await serveHandler(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {});
      try {
        const timeout: GateFlags = {
          ...(bug.breaks === 'no_hang' ? { 'timeout-ms': HANG_TIMEOUT_MS } : {}),
          ...(bug.runs === undefined ? {} : { runs: bug.runs }),
        };
        const one = await runGate(config(flagsFor(server.url, { ...timeout, workers: '1' })));
        const eight = await runGate(config(flagsFor(server.url, { ...timeout, workers: '8' })));
        expect(failedChecks(eight)).toContain(bug.breaks);
        if (bug.crossesSessions) {
          // Cases disturb one another through such a fault, so only the counts may differ: not the verdict.
          expect(failedChecks(eight)).toEqual(failedChecks(one));
          const found = (result: GateResult) => result.checks.map((check) => check.failure?.path);
          expect(found(eight)).toEqual(found(one));
        } else expect(comparable(eight)).toEqual(comparable(one));

        const check = eight.checks.find((candidate) => candidate.name === bug.breaks)!;
        const found = check.failure!;
        const replayed = await runGate(
          config(flagsFor(server.url, { ...timeout, 'replay-path': found.path!, checks: check.name })),
        );
        const again = replayed.checks[0]!;
        expect(again.failure?.path).toBe(found.path);
        expect(JSON.stringify(again.failure!.record.case)).toBe(JSON.stringify(found.record.case));
        expect(again.failure!.failure.code).toBe(found.failure.code);
        // The printed block, byte for byte, but for the shrink count and the provider's clock readings.
        const printed = (result: GateResult, block: string[]) =>
          withoutProviderNoise(block.join('\n').replace(/\(shrunk \d+ time\(s\)\)/, ''), result);
        expect(printed(replayed, failureBlock(replayed, again))).toBe(printed(eight, failureBlock(eight, check)));
      } finally {
        await server.close();
      }
    });
  }
});

describe('shards', () => {
  it('together run exactly the unsharded cases: same indices, tallies adding up, the same failures', async () => {
    const server = await serveHandler(
      createPlantedBugProvider(plantedBug('no-auth'), { apiKey: DISTINCTIVE_KEY }).handler,
      {},
    );
    try {
      const whole = await runGate(config(flagsFor(server.url, { runs: '90' })));
      const shards = [];
      for (const index of [1, 2, 3])
        shards.push(await runGate(config(flagsFor(server.url, { runs: '90', shard: `${index}/3` }))));
      expect(shards.map((part) => part.fuzz.shard)).toEqual(['1/3', '2/3', '3/3']);
      expect(shards.reduce((sum, part) => sum + part.fuzz.cases, 0)).toBe(whole.fuzz.cases);
      expect(shards.reduce((sum, part) => sum + part.fuzz.requests, 0)).toBe(whole.fuzz.requests);
      for (const check of whole.checks) {
        const parts = shards.map((part) => part.checks.find((candidate) => candidate.name === check.name)!);
        expect(parts.reduce((sum, part) => sum + part.judged, 0)).toBe(check.judged);
        expect(parts.reduce((sum, part) => sum + part.failed, 0)).toBe(check.failed);
        expect(parts.some((part) => part.status === 'failed')).toBe(check.status === 'failed');
      }
      // The unsharded failure was found at the lowest failing index; the shard holding that index shrinks it alike.
      const failure = whole.checks.find((check) => check.name === 'auth_enforced')!.failure!;
      const owner = shards[Number(failure.path!.split(':')[0]) % 3]!.checks.find(
        (check) => check.name === 'auth_enforced',
      )!.failure!;
      expect(owner.path).toBe(failure.path);
      expect(owner.record.case).toEqual(failure.record.case);
    } finally {
      await server.close();
    }
  });

  it('split the indices round-robin, each exactly once', () => {
    const ten = Array.from({ length: 10 }, (_, index) => index);
    const parts = [1, 2, 3, 4].map((index) => inShard(ten, { index, count: 4 }));
    expect(parts).toEqual([
      [0, 4, 8],
      [1, 5, 9],
      [2, 6],
      [3, 7],
    ]);
    expect(inShard(ten, undefined)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("fuzz: the shards' executed indices partition the unsharded run's", async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const server = await serveHandler(provider.handler, {});
    const sender = new Sender({ timeoutMs: 5000, maxInFlight: 4 });
    try {
      const context: ExecutionContext = {
        address: providerAddress(server.url),
        apiKey: DISTINCTIVE_KEY,
        sender,
        states: new StatesClient(server.url + PROVIDER_STATES_PATH, sender),
      };
      const options = {
        checks: Object.values(CHECKS),
        seed: SEED,
        runs: 40,
        replayPath: undefined,
        sessions: true,
        workers: 4,
        execute: (generated: Parameters<typeof executeCase>[1]) => executeCase(context, generated),
      };
      const whole = await fuzz(options);
      const parts = [];
      for (const index of [1, 2]) parts.push(await fuzz({ ...options, shard: { index, count: 2 } }));
      // The first 40 indices, and later ones where a kind of case the checks need was missing (strata.ts).
      expect(whole.indices.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      expect([...parts[0]!.indices, ...parts[1]!.indices].sort((a, b) => a - b)).toEqual(whole.indices);
    } finally {
      sender.close();
      await server.close();
    }
  });

  it('each judge the session checks on a --session-id session when no states URL answers', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const offered = provider.setUpState('an active session with running tasks');
    const server = await serveHandler(
      (request) =>
        request.url.startsWith(PROVIDER_STATES_PATH)
          ? Promise.resolve({
              status: 404,
              headers: { 'content-type': 'application/json' },
              body: '{"detail":"Not Found"}',
            })
          : provider.handler(request),
      {},
    );
    try {
      for (const shard of ['1/2', '2/2']) {
        const result = await runGate(config(flagsFor(server.url, { runs: '20', shard, 'session-id': offered })));
        expect(result.checks.find((check) => check.name === 'stop_semantics')?.status).toBe('passed');
        // One offered session can be stopped once: simultaneous stops and a bystander need fresh ones, so those checks are not judged.
        expect(result.checks.filter((check) => check.status === 'skipped').map((check) => check.name)).toEqual([
          'concurrent_stop_consistency',
          'stop_isolation',
        ]);
        expect(result.exitCode).toBe(3);
      }
    } finally {
      await server.close();
    }
  });

  it('verify the pacts in shard 1 only; another shard says so, and that is no skip', async () => {
    const server = await serveHandler(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, {});
    try {
      // 120 runs: shard 2 of 3 then holds case 88, the first with simultaneous stops on the default seed.
      const second = await runGate(config(flagsFor(server.url, { runs: '120', shard: '2/3', 'skip-pact': false })));
      expect(second.pact).toEqual({ status: 'elsewhere', reason: 'run by shard 1 of 3' });
      expect(second.exitCode).toBe(0);
      expect(JSON.parse(renderJson(second))).toMatchObject({ result: 'held', skipped: [] });
    } finally {
      await server.close();
    }
  });
});

describe('shrinking a hang', () => {
  it('stops after a count of timed-out candidates, so a hanging provider costs a bounded number of timeouts', async () => {
    const { handler } = createPlantedBugProvider(plantedBug('hang-on-property-x'), { apiKey: DISTINCTIVE_KEY });
    let hangs = 0;
    const counting: typeof handler = (request) => {
      const answer = handler(request);
      // The planted bug never settles a hang; anything not answered within the gate's timeout was one.
      let settled = false;
      void answer.then(
        () => (settled = true),
        () => (settled = true),
      );
      setTimeout(() => {
        if (!settled) hangs += 1;
      }, 1_000);
      return answer;
    };
    const result = await gateAgainst(counting, { 'timeout-ms': '300', runs: '150', checks: 'no_hang', workers: '1' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(failedChecks(result)).toEqual(['no_hang']);
    // The first hang, the breaker's, and the shrink's own budget: nothing more, whatever fast-check would try.
    expect(hangs).toBeGreaterThan(GATE_HANG_BREAKER);
    expect(hangs).toBeLessThanOrEqual(1 + GATE_HANG_BREAKER + GATE_SHRINK_BUDGET_TIMEOUTS);
  });
});
