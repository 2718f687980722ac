/**
 * A good neighbour on a shared provider: runs at the same time against one provider (other shards, other
 * seeds) never change one another's verdict, a fault that crosses sessions is judged as isolation whatever
 * the number of workers, a run tears down what it set up, every check gets its cases in any run or shard,
 * and a base URL without the operation under it is a configuration error, with or without --states-url.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateCase } from '../../contracts/arbitraries/requests/gateCase.ts';
import {
  GATE_DEFAULT_RUNS,
  GATE_DEFAULT_SEED,
  GATE_MIN_RUNS,
  GATE_MOUNT_SEARCH_MAX_PATHS,
  PROVIDER_STATES_PATH,
} from '../../contracts/config.ts';
import { ancestorPaths } from '../../contracts/gate/operation-probe.ts';
import { strataCount, strataFor, stratifiedDraw } from '../../contracts/gate/fuzz/strata.ts';
import { inShard } from '../../contracts/gate/shard.ts';
import { UsageError } from '../../contracts/errors.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { createReferenceProvider, serveHandler, type ProviderHandler } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, config, failedChecks, gateAgainst } from './helpers.ts';

describe('runs sharing one provider', () => {
  it('4 shards of the default run and 3 runs of other seeds, all at once against one reference provider, all hold', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const server = await serveHandler(provider.handler, {});
    try {
      // A generous timeout: seven runs share two busy cores here, and this test is about interference, not hangs.
      const flags = { 'base-url': server.url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, 'timeout-ms': '60000' };
      const runs = [
        ...[1, 2, 3, 4].map((index) => ({ ...flags, shard: `${index}/4` })),
        ...[GATE_DEFAULT_SEED + 1, GATE_DEFAULT_SEED + 2, GATE_DEFAULT_SEED + 3].map((seed) => ({
          ...flags,
          seed: String(seed),
        })),
      ];
      const results = await Promise.all(runs.map((run) => runGate(config(run))));
      expect(results.map((result) => [failedChecks(result), result.exitCode])).toEqual(runs.map(() => [[], 0]));
      // Each tore down what it set up: nothing is left of any of them.
      expect(provider.sessions.size).toBe(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('a stop that reaches every session', () => {
  it('fails stop_isolation alone, with 1 worker and with 16: no refused request is blamed', async () => {
    const bug = plantedBug('stop-reaches-every-session');
    const failing = [];
    for (const workers of ['1', '16']) {
      const result = await gateAgainst(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {
        workers,
        runs: '100',
      });
      expect(result.exitCode).toBe(1);
      failing.push(failedChecks(result));
    }
    expect(failing).toEqual([['stop_isolation'], ['stop_isolation']]);
  }, 60_000);
});

describe('teardown', () => {
  it('leaves at most 5% of the sessions a default run sets up, and the reports count them', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const result = await gateAgainst(provider.handler);
    expect(result.exitCode).toBe(0);
    const { setUp, tornDown } = result.cost.sessions;
    expect(setUp).toBeGreaterThan(100);
    expect(provider.sessions.size).toBeLessThanOrEqual(setUp * 0.05);
    expect(tornDown).toBeGreaterThanOrEqual(setUp * 0.95);
    // Teardowns are states calls in the cost, not requests to the operation.
    expect(result.cost.requests.states).toBeGreaterThanOrEqual(setUp + tornDown);
  }, 60_000);

  it('is best effort: a states URL without teardown costs the verdict nothing, and the count says so', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const result = await gateAgainst(
      (request) =>
        request.url.startsWith(PROVIDER_STATES_PATH) && request.body.toString().includes('"teardown"')
          ? Promise.resolve({ status: 404, headers: { 'content-type': 'application/json' }, body: '{}' })
          : provider.handler(request),
      { runs: '40' },
    );
    expect(result.exitCode).toBe(0);
    expect(result.cost.sessions.tornDown).toBe(0);
    expect(result.cost.sessions.setUp).toBeGreaterThan(0);
  }, 60_000);
});

describe('a base URL whose path prefix the operation is not under', () => {
  it('is a configuration error (exit 2, one line), not a broken contract', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const server = await serveHandler(provider.handler, {});
    try {
      const run = runGate(
        config({
          'base-url': `${server.url}/api/v2`,
          'states-url': `${server.url}${PROVIDER_STATES_PATH}`,
          'api-key': DISTINCTIVE_KEY,
          'skip-pact': true,
        }),
      );
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(/^no such operation at this base URL \(check the path prefix\): PATCH /);
      await expect(run).rejects.toThrow(/^[^\n]*$/);
      expect(provider.sessions.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  const mountedAt = (mount: string) => (url: string) =>
    `the states URL answers at ${url}${mount}${PROVIDER_STATES_PATH}, not under --base-url ${url}/api/v2: the provider seems mounted at ${url}${mount} (check the path prefix of --base-url)`;
  it.each([
    ['mounted at the root', { operationAt: '', statesAt: '' }, mountedAt('')],
    [
      'mounted at /api (the nearest ancestor, found first)',
      { operationAt: '/api', statesAt: '/api' },
      mountedAt('/api'),
    ],
    [
      'that answers 404 to every route but its states URL',
      { operationAt: undefined, statesAt: '' },
      (url: string) =>
        `the states URL answers at ${url}${PROVIDER_STATES_PATH}, not under --base-url ${url}/api/v2, and a session it set up answered 404 both under --base-url and at ${url}: check the path prefix of --base-url`,
    ],
  ])(
    'without --states-url, against a provider %s, is exit 2 naming where the states URL answers',
    async (_name, mount, message) => {
      const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
      const served = mounted(provider.handler, mount);
      const server = await serveHandler(served.handler, {});
      try {
        const error = await runGate(
          config({ 'base-url': `${server.url}/api/v2`, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true }),
        ).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(UsageError);
        expect((error as UsageError).message).toBe(message(server.url));
        // The session it set up to tell was torn down again, and no path nearer the root was asked once one answered.
        expect(provider.sessions.size).toBe(0);
        const found = `${mount.statesAt}${PROVIDER_STATES_PATH}`;
        expect(served.statesPaths.slice(served.statesPaths.indexOf(found))).toEqual([found, found]);
      } finally {
        await server.close();
      }
    },
  );

  it(`looks for the states URL under at most ${GATE_MOUNT_SEARCH_MAX_PATHS} ancestors, nearest first, the root always among them`, () => {
    expect(ancestorPaths('')).toEqual([]);
    expect(ancestorPaths('/api')).toEqual(['']);
    expect(ancestorPaths('/api/v2')).toEqual(['/api', '']);
    expect(ancestorPaths('/a/b/c/d/e/f')).toEqual(['/a/b/c/d/e', '/a/b/c/d', '/a/b/c', '']);
  });

  it('under the right prefix, holds (the search for the states URL is never needed)', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const served = mounted(provider.handler, { operationAt: '/api/v2', statesAt: '/api/v2' });
    const server = await serveHandler(served.handler, {});
    try {
      const result = await runGate(
        config({ 'base-url': `${server.url}/api/v2`, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, runs: '40' }),
      );
      expect(failedChecks(result)).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(new Set(served.statesPaths)).toEqual(new Set([`/api/v2${PROVIDER_STATES_PATH}`]));
    } finally {
      await server.close();
    }
  }, 60_000);

  it('with the operation under the prefix and no states URL anywhere, runs without sessions as before (exit 3), after a request to each ancestor', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const served = mounted(provider.handler, { operationAt: '/api/v2', statesAt: undefined });
    const server = await serveHandler(served.handler, {});
    try {
      const result = await runGate(
        config({ 'base-url': `${server.url}/api/v2`, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, runs: '40' }),
      );
      expect(result.exitCode).toBe(3);
      expect(result.provider.sessions).toBe('none');
      expect(result.provider.statesNote).toMatch(
        /^no states URL at \S+\/api\/v2\/_pact\/provider-states \(it answered 404: /,
      );
      expect(result.provider.statesNote).not.toMatch(/one answers at/);
      expect(served.statesPaths).toEqual([
        `/api/v2${PROVIDER_STATES_PATH}`,
        `/api${PROVIDER_STATES_PATH}`,
        PROVIDER_STATES_PATH,
      ]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('with the operation under the prefix and the states URL at the root, runs without sessions (exit 3) and names the states URL to give', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const served = mounted(provider.handler, { operationAt: '/api/v2', statesAt: '' });
    const server = await serveHandler(served.handler, {});
    try {
      const result = await runGate(
        config({ 'base-url': `${server.url}/api/v2`, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, runs: '40' }),
      );
      expect(result.exitCode).toBe(3);
      expect(result.provider.sessions).toBe('none');
      expect(result.provider.statesNote).toContain(
        `; one answers at ${server.url}${PROVIDER_STATES_PATH}: name it with --states-url): `,
      );
      // The one session it set up to tell is counted, and torn down.
      expect(result.cost.sessions).toEqual({ setUp: 1, tornDown: 1 });
      expect(provider.sessions.size).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});

const NOT_FOUND = { status: 404, headers: { 'content-type': 'application/json' }, body: '{"detail":"Not Found"}' };

/**
 * The reference provider behind a router: its operation under `operationAt` and its states URL under
 * `statesAt` (undefined: not there), every other path a generic 404. Records the path of every states call.
 */
function mounted(
  handler: ProviderHandler,
  { operationAt, statesAt }: { operationAt: string | undefined; statesAt: string | undefined },
): { handler: ProviderHandler; statesPaths: string[] } {
  const statesPaths: string[] = [];
  return {
    statesPaths,
    handler: (request) => {
      if (request.url.endsWith(PROVIDER_STATES_PATH)) statesPaths.push(request.url);
      if (statesAt !== undefined && request.url === statesAt + PROVIDER_STATES_PATH)
        return handler({ ...request, url: PROVIDER_STATES_PATH });
      if (operationAt !== undefined && request.url.startsWith(`${operationAt}/sessions/`))
        return handler({ ...request, url: request.url.slice(operationAt.length) });
      return Promise.resolve(NOT_FOUND);
    },
  };
}

describe('every check judged in every run', () => {
  it.each([
    ['--runs 30', { runs: '30' }],
    ['--shard 2/8 of the default run', { shard: '2/8' }],
  ])(
    '%s holds on the reference provider, no check skipped',
    async (_name, flags) => {
      const result = await gateAgainst(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, flags);
      expect(result.checks.filter((check) => check.status !== 'passed').map((check) => check.name)).toEqual([]);
      expect(result.exitCode).toBe(0);
    },
    60_000,
  );

  it(`draws every kind of case in any run of ${GATE_MIN_RUNS} or more, and in each of 8 shards of the default run`, () => {
    const arbitrary = gateCase({ sessions: true });
    const draw = (seed: number) => (count: number) => fc.sample(arbitrary, { seed, numRuns: count });
    for (const seed of [1, GATE_DEFAULT_SEED]) {
      for (const runs of [GATE_MIN_RUNS, 33]) {
        const { cases, indices } = stratifiedDraw(draw(seed), { runs, sessions: true });
        expect([...strataCount(cases, indices).keys()].sort()).toEqual([...strataFor(true)].sort());
        // The seed's own sequence: the first `runs` indices, then later ones, each the case fc.sample draws there.
        expect(indices.slice(0, runs)).toEqual(Array.from({ length: runs }, (_, index) => index));
        expect(cases.slice(0, runs)).toEqual(fc.sample(arbitrary, { seed, numRuns: runs }));
      }
      const { cases, indices } = stratifiedDraw(draw(seed), { runs: GATE_DEFAULT_RUNS, sessions: true });
      for (let index = 1; index <= 8; index++) {
        const share = inShard(indices, { index, count: 8 });
        expect([...strataCount(cases, share).keys()].sort()).toEqual([...strataFor(true)].sort());
      }
    }
  });

  it(`refuses --runs below ${GATE_MIN_RUNS}: a usage error, one line`, () => {
    expect(() => config({ runs: String(GATE_MIN_RUNS - 1) })).toThrow(UsageError);
    expect(() => config({ runs: String(GATE_MIN_RUNS - 1) })).toThrow(
      `--runs must be a whole number from ${GATE_MIN_RUNS} to`,
    );
  });
});
