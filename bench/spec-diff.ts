/**
 * `npm run bench:diff`: how long `bu-contract diff` takes, against a baseline measured in the same
 * process — loading the same two files, which every diff must do — since these machines are noisy.
 * The last line is the whole command (process start included), which the issue asks to stay under 2 s.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSpecDocument } from '../contracts/diff/documents.ts';
import { DIFF_RUN_DEFAULTS, runSpecDiff } from '../contracts/diff/run.ts';
import { VENDORED_SPEC_PATH } from '../contracts/spec.ts';

const NEW = fileURLToPath(new URL('../fixtures/specs/session-status-value-added.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../contracts/cli/bu-contract.mjs', import.meta.url));
const ROUNDS = 7;

async function medianMs(task: () => unknown): Promise<number> {
  await task(); // warm-up: module loading and JIT are start-up, not the diff
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const config = { ...DIFF_RUN_DEFAULTS, oldPath: VENDORED_SPEC_PATH, newPath: NEW };
const load = await medianMs(() => [loadSpecDocument(VENDORED_SPEC_PATH), loadSpecDocument(NEW)]);
const plain = await medianMs(() => runSpecDiff({ ...config, pacts: 'none' }));
const diff = await medianMs(() => runSpecDiff(config));
const cli = await medianMs(() =>
  spawnSync(process.execPath, [BIN, 'diff', VENDORED_SPEC_PATH, NEW], { stdio: 'ignore' }),
);

const row = (name: string, ms: number) =>
  console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / load).toFixed(1).padStart(6)} × load`);
row('load both files (baseline)', load);
row('diff --no-pacts (the specs alone)', plain);
row('diff (bundled pacts + zod vs NEW)', diff);
console.log(`whole command, process start included: ${cli.toFixed(0)} ms (limit 2000 ms)`);
