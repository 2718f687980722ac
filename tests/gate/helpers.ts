/** Shared set-up of the gate's self-tests: providers on 127.0.0.1:0, configs that read no environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GATE_ENV, resolveGateConfig, type GateFlags } from '../../contracts/gate/config.ts';
import { runGate, type GateHooks } from '../../contracts/gate/runner.ts';
import type { GateResult } from '../../contracts/gate/result.ts';
import { serveHandler, type ProviderHandler, type RunningServer } from '../../provider/index.ts';

/** A key nothing else uses, so a leak of it is unmistakable. */
export const DISTINCTIVE_KEY = 'gate-test-key-7f3c9a1e5b';

/** The gate's config from flags alone: the test runner's environment (FC_SEED, …) must not change a result. */
export function config(flags: GateFlags) {
  return resolveGateConfig(flags, {});
}

/** Serves `handler`, runs the gate at it with `flags` (Pact skipped unless asked), closes the server. */
export async function gateAgainst(
  handler: ProviderHandler,
  flags: GateFlags = {},
  hooks: GateHooks = {},
): Promise<GateResult> {
  const server: RunningServer = await serveHandler(handler, {});
  try {
    return await runGate(
      config({ 'base-url': server.url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true, ...flags }),
      hooks,
    );
  } finally {
    await server.close();
  }
}

export function failedChecks(result: GateResult): string[] {
  return result.checks.filter((check) => check.status === 'failed').map((check) => check.name);
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = fileURLToPath(new URL('../../contracts/cli/bu-contract.mjs', import.meta.url));

/**
 * `bu-contract verify ARGS` in a child process, as CI runs it. Every variable the gate reads (and GitHub
 * Actions' own) is taken out of the test runner's environment first, so only `env` can set one.
 */
export function verifyCli(args: readonly string[], env: Record<string, string> = {}): Promise<Finished> {
  return spawnVerify(args, env).finished;
}

/** As verifyCli, with the child process at hand (to signal it) and what it has written so far. */
export function spawnVerify(
  args: readonly string[],
  env: Record<string, string> = {},
): { child: ChildProcess; stderrSoFar: () => string; finished: Promise<Finished> } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...Object.values(GATE_ENV), 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY']) delete childEnv[name];
  const child = spawn(process.execPath, [BIN, 'verify', ...args], { env: { ...childEnv, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, stderrSoFar: () => stderr, finished };
}
