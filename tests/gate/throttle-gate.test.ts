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
import { config, DISTINCTIVE_KEY, failedChecks, gateAgainst, verifyCli } from './helpers.ts';

/** The reference provider until `after` requests, then a 429 (Retry-After: 0) to everything: throttling without end, mid-run. */
function throttlesAfter(
  after: number,
  reference: ProviderHandler = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler,
): ProviderHandler {
  let seen = 0;
  return async (request) =>
    ++seen <= after
      ? reference(request)
      : {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '0' },
          body: '{"detail":"Too many requests"}',
        };
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

describe('a provider that throttles without end', () => {
  it('ends runGate with a UsageError (exit 2) thrown from inside a case, naming the provider and the fix', async () => {
    const error = await gateAgainst(throttlesAfter(40), { runs: '100' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(
      /^the provider at http:\/\/127\.0\.0\.1:\d+ keeps throttling \(one request was answered 429 \d+ times in a row/,
    );
    expect((error as UsageError).message).toMatch(/lower --workers or set --max-rps/);
  });

  it('makes bu-contract verify exit 2 with one line, not a contract failure', async () => {
    const server = await serveHandler(throttlesAfter(40), {});
    try {
      const { code, stdout, stderr } = await verifyCli(['--base-url', server.url, '--skip-pact', '--runs', '100'], {
        BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      });
      expect(code).toBe(2);
      // Progress lines come first on stderr; the error is the one line after them.
      const errors = stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('bu-contract verify:'));
      expect(errors).toEqual([
        expect.stringMatching(
          /^bu-contract verify: the provider at .* keeps throttling .* lower --workers or set --max-rps/,
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
    const result = await gateAgainst(throttlesAfter(300, crashing), { runs: '400' });
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
