/** Shared set-up of the gate's self-tests: providers on 127.0.0.1:0, configs that read no environment. */
import { resolveGateConfig, type GateFlags } from '../../contracts/gate/config.ts';
import { runGate, type GateHooks, type GateResult } from '../../contracts/gate/runner.ts';
import { serveHandler, type ProviderHandler, type RunningServer } from '../../fixtures/provider/index.ts';

/** A key nothing else uses, so a leak of it is unmistakable. */
export const DISTINCTIVE_KEY = 'gate-test-key-7f3c9a1e5b';

/** The gate's config from flags alone: the test runner's environment (FC_SEED, …) must not change a result. */
export function config(flags: GateFlags) {
  return resolveGateConfig(flags, {});
}

/** Serves `handler`, runs the gate at it with `flags` (Pact skipped unless asked), closes the server. */
export async function gateAgainst(handler: ProviderHandler, flags: GateFlags = {}, hooks: GateHooks = {}): Promise<GateResult> {
  const server: RunningServer = await serveHandler(handler, {});
  try {
    return await runGate(config({ 'base-url': server.url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, ...flags }), hooks);
  } finally {
    await server.close();
  }
}

export function failedChecks(result: GateResult): string[] {
  return result.checks.filter((check) => check.status === 'failed').map((check) => check.name);
}
