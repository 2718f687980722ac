/**
 * The clean reference provider passes every check (Pact verification included), and a fixed seed gives
 * the same result twice.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../contracts/checks/registry.ts';
import { GATE_DEFAULT_SEED } from '../../contracts/config.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import type { GateResult } from '../../contracts/gate/result.ts';
import { createReferenceProvider } from '../../provider/index.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { DISTINCTIVE_KEY, config, gateAgainst } from './helpers.ts';

function tallies(result: GateResult) {
  return {
    cases: result.fuzz.cases,
    requests: result.fuzz.requests,
    checks: result.checks.map(({ name, status, judged, failed }) => ({ name, status, judged, failed })),
  };
}

describe('the gate against the reference provider', () => {
  it('passes every check and every pact, by default against the built-in provider', async () => {
    const result = await runGate(config({}));
    expect(result.provider.builtIn).toBe(true);
    expect(result.seed).toBe(GATE_DEFAULT_SEED);
    expect(result.pact.status).toBe('passed');
    expect(result.pact.status === 'passed' && result.pact.interactions.length).toBeGreaterThan(0);
    expect(result.checks.map((check) => check.name)).toEqual(CHECK_NAMES);
    for (const check of result.checks) {
      expect({ name: check.name, status: check.status, note: check.note }).toEqual({
        name: check.name,
        status: 'passed',
        note: undefined,
      });
      expect(check.judged).toBeGreaterThan(0);
      expect(check.passed).toBe(check.judged);
    }
    expect(result.exitCode).toBe(0);
  });

  it('gives the same result twice for the same seed', async () => {
    const flags = { seed: '424242', runs: '60' };
    const first = await gateAgainst(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, flags);
    const second = await gateAgainst(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, flags);
    expect(tallies(second)).toEqual(tallies(first));
  });

  it('finds the same shrunk counterexample twice for the same seed', async () => {
    const bug = plantedBug('strict-body');
    const run = () => gateAgainst(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, { seed: '7' });
    const [first, second] = [await run(), await run()];
    const found = (result: GateResult) => result.checks.find((check) => check.name === bug.breaks)!.failure!;
    expect(found(first).path).toBe(found(second).path);
    expect(found(first).record.case).toEqual(found(second).record.case);
    expect(tallies(second)).toEqual(tallies(first));
  });

  it('judges only the checks asked for', async () => {
    const result = await gateAgainst(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, {
      checks: 'stop_semantics,no_hang',
      runs: '30',
    });
    expect(result.checks.map((check) => check.name)).toEqual(['stop_semantics', 'no_hang']);
  });
});
