/**
 * No false alarms: every tolerated variant — a provider using a freedom the spec or HTTP leaves it — passes
 * the whole gate, Pact verification included (through the states URL the planted provider keeps), with
 * every check judged and none failed. Each variant stays as the test of the false alarm it once raised.
 */
import { describe, expect, it } from 'vitest';
import { detailResponse } from '../../provider/json-response.ts';
import { TOLERATED_VARIANTS, createPlantedBugProvider } from '../../fixtures/planted/providers.ts';
import { createReferenceProvider } from '../../provider/reference-provider.ts';
import { renderText } from '../../contracts/report/text.ts';
import { DISTINCTIVE_KEY, failedChecks, gateAgainst } from './helpers.ts';

/** Fewer runs than the default, for speed: with the same seed fast-check draws the same first cases. */
const RUNS = '150';

describe('spec-conforming providers pass the gate, Pact verification included', () => {
  for (const variant of TOLERATED_VARIANTS) {
    it(`${variant.name}: ${variant.description}`, async () => {
      const result = await gateAgainst(createPlantedBugProvider(variant, { apiKey: DISTINCTIVE_KEY }).handler, {
        runs: RUNS,
        'skip-pact': false,
      });
      const pactFailures = !('interactions' in result.pact)
        ? []
        : result.pact.interactions.filter((i) => !i.passed).map((i) => `${i.description}: ${i.mismatches.join('; ')}`);
      expect(pactFailures).toEqual([]);
      expect(result.pact.status).toBe('passed');
      expect(failedChecks(result)).toEqual([]);
      expect(
        result.checks.filter((check) => check.status !== 'passed').map((check) => `${check.name}: ${check.status}`),
      ).toEqual([]);
      expect(result.exitCode).toBe(0);
    }, 120_000);
  }
});

describe('each freedom ends where the spec’s words do', () => {
  it('415 is a refusal only for a body not sent as JSON: answering it to JSON fails status_code_conformance', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const result = await gateAgainst(
      async (request) =>
        request.url.startsWith('/sessions/') && request.body.toString().includes('{')
          ? detailResponse(415, 'Unsupported Media Type')
          : reference.handler(request),
      { runs: RUNS },
    );
    expect(failedChecks(result)).toContain('status_code_conformance');
    expect(result.checks.find((check) => check.name === 'status_code_conformance')?.failure?.failure).toMatchObject({
      status: 415,
    });
  }, 120_000);

  it('a 200 without proxyCost fails Pact verification, and the report says the ask is the consumer’s, beyond the spec', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const result = await gateAgainst(
      async (request) => {
        const response = await reference.handler(request);
        if (!request.url.startsWith('/sessions/') || response.status !== 200) return response;
        const { proxyCost: _omitted, ...body } = JSON.parse(response.body) as Record<string, unknown>;
        return { ...response, body: JSON.stringify(body) };
      },
      { runs: RUNS, 'skip-pact': false },
    );
    expect(result.pact.status).toBe('failed');
    expect(failedChecks(result)).toEqual([]);
    expect(result.exitCode).toBe(1);
    expect(renderText(result)).toContain(
      "(beyond the spec: the consumer's expectation (spec: optional, default '0') at $.proxyCost: the SDK types it as always present",
    );
  }, 120_000);
});
