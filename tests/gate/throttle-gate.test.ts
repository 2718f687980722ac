/**
 * The whole gate against a provider that throttles: one that answers 429 + Retry-After: 1 beyond 50
 * requests a second is verified, Pact included, and passes with exit 0; one that throttles without end
 * stops the run with exit 2 and one line saying so, not a contract failure.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../contracts/gate/runner.ts';
import { UsageError } from '../../contracts/errors.ts';
import {
  createReferenceProvider,
  serveHandler,
  startReferenceProvider,
  type ProviderHandler,
} from '../../provider/index.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { coldStart, throttlesEvery, throttlesForeverAfter } from '../../fixtures/planted/throttling.ts';
import type { GateFlags } from '../../contracts/gate/config.ts';
import { config, DISTINCTIVE_KEY, failedChecks, verifyCli } from './helpers.ts';

/** The reference provider until `after` requests, then a 429 (Retry-After: 0) to everything: throttling without end, mid-run. */
function throttlesAfter(
  after: number,
  reference: ProviderHandler = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler,
): ProviderHandler {
  return throttlesForeverAfter(reference, after);
}

/** The bound on waiting out one request's throttling, shortened so a test of giving up takes seconds, not minutes. */
const GIVE_UP_S = 2;

/** runGate against `handler` (Pact skipped unless asked), giving up on throttling after GIVE_UP_S. */
async function gateGivingUpSoon(handler: ProviderHandler, flags: GateFlags) {
  const server = await serveHandler(handler, {});
  try {
    const resolved = config({ 'base-url': server.url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, ...flags });
    return await runGate({ ...resolved, throttleGiveUpMs: GIVE_UP_S * 1000 });
  } finally {
    await server.close();
  }
}

describe('a provider that rate-limits at 50 requests a second (429 + Retry-After: 1)', () => {
  it('passes the whole gate, Pact verification included, with exit 0', async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, rateLimit: 50 });
    try {
      const result = await runGate(config({ 'base-url': provider.url, 'api-key': DISTINCTIVE_KEY, runs: '100' }));
      expect(result.pact.status).toBe('passed');
      expect(result.checks.filter((check) => check.status !== 'passed')).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(provider.rateLimited()).toBeGreaterThan(0);
    } finally {
      await provider.close();
    }
  });

  it('and its fuzzing alone judges no 429 (every check passes though the provider throttled)', async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, rateLimit: 50 });
    try {
      const result = await runGate(
        config({ 'base-url': provider.url, 'api-key': DISTINCTIVE_KEY, runs: '100', 'skip-pact': true }),
      );
      expect(result.exitCode).toBe(0);
      expect(provider.rateLimited()).toBeGreaterThan(0);
    } finally {
      await provider.close();
    }
  });
});

describe('a provider that is cold for its first 5 s (503 + Retry-After: 1)', () => {
  it('passes the whole gate with the default flags, Pact included, every request counted', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler;
    const server = await serveHandler(coldStart(reference, { seconds: 5 }), {});
    try {
      // The default flags: 400 runs, Pact included.
      const result = await runGate(config({ 'base-url': server.url, 'api-key': DISTINCTIVE_KEY }));
      expect(result.pact.status).toBe('passed');
      expect(result.exitCode).toBe(0);
      expect(result.transport.throttled).toBeGreaterThanOrEqual(5);
      // Cold, not rate-limited: no --max-rps would have helped, and none is suggested.
      expect(result.transport.suggestedMaxRps).toBeUndefined();
      const { operation, states, pact, total } = result.cost.requests;
      expect(states).toBeGreaterThan(0);
      expect(pact).toBeGreaterThan(0);
      expect(total).toBe(operation + states + pact);
      expect(total).toBeGreaterThanOrEqual(result.fuzz.requests + result.transport.throttled);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('a provider that throttles every 5th request, whatever the rate (429 + Retry-After: 1)', () => {
  it('passes: each throttle is waited out, none is a verdict and the gate does not give up', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler;
    const server = await serveHandler(throttlesEvery(reference, 5), {});
    try {
      const result = await runGate(
        config({
          'base-url': server.url,
          'api-key': DISTINCTIVE_KEY,
          runs: '20',
          'skip-pact': true,
          'allow-skips': true,
        }),
      );
      expect(result.exitCode).toBe(0);
      expect(result.transport.throttled).toBeGreaterThanOrEqual(Math.floor(result.cost.requests.total / 5) - 1);
    } finally {
      await server.close();
    }
  });
});

describe('a provider that throttles without end (Retry-After: 0)', () => {
  it('ends runGate with a UsageError (exit 2) only after the time bound, naming the provider, the bound and the fix', async () => {
    const started = performance.now();
    const error = await gateGivingUpSoon(throttlesAfter(40), { runs: '100' }).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeGreaterThanOrEqual(GIVE_UP_S * 1000);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(
      /^the provider at http:\/\/127\.0\.0\.1:\d+ keeps throttling \(one request was answered 429 for \d+\.\d s, \d+ times, the bound being 2\.0 s\)/,
    );
    expect((error as UsageError).message).toMatch(/--max-rps/);
  });

  it('makes bu-contract verify exit 2 with one line, not a contract failure (the bound from GATE_THROTTLE_GIVE_UP_S)', async () => {
    const server = await serveHandler(throttlesAfter(40), {});
    try {
      const { code, stdout, stderr } = await verifyCli(['--base-url', server.url, '--skip-pact', '--runs', '100'], {
        BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
        GATE_THROTTLE_GIVE_UP_S: String(GIVE_UP_S),
      });
      expect(code).toBe(2);
      // Progress lines come first on stderr; the error is the one line after them.
      const errors = stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('bu-contract verify:'));
      expect(errors).toEqual([
        expect.stringMatching(
          /^bu-contract verify: the provider at .* keeps throttling .*the bound being 2\.0 s.*--max-rps/,
        ),
      ]);
      expect(stderr.trim().split('\n').at(-1)).toBe(errors[0]);
      expect(stdout + stderr).not.toContain(DISTINCTIVE_KEY);
      expect(stdout).not.toMatch(/FAILURE/);
    } finally {
      await server.close();
    }
  });
});

describe('a provider that breaks the contract, then throttles without end', () => {
  it('is still exit 1: the failure found before the run was cut short is reported, unshrunk, with why the run stopped', async () => {
    const crashing = createPlantedBugProvider(plantedBug('server-error-on-extra-property'), {
      apiKey: DISTINCTIVE_KEY,
    }).handler;
    const result = await gateGivingUpSoon(throttlesAfter(300, crashing), { runs: '400' });
    expect(result.exitCode).toBe(1);
    expect(failedChecks(result)).toContain('not_a_server_error');
    expect(result.fuzz.stoppedEarly).toMatch(
      /^stopped after \d+ of 4\d\d cases, unshrunk: the provider at .* keeps throttling/,
    );
    const found = result.checks.find((check) => check.name === 'not_a_server_error')!.failure!;
    expect(found.shrinks).toBe(0);
    expect(found.path).toMatch(/^\d+$/);
  });
});
