/**
 * `npm run bench:remote`: the whole gate (`runGate`, Pact verification included) against the reference
 * provider standing in for a remote one (every answer held REMOTE_BENCH_LATENCY_MS), with every other
 * setting at its default, once with the default workers and once with `--workers 1`. Against a provider that far away the run is bound by
 * round trips, not CPU, so requests in flight at once are what make it fast: the last line is the
 * speed-up of the default over one worker, the number to compare between machines and versions.
 * Every run must exit 0 (the reference provider honours the contract), or the bench fails.
 */
import {
  DEFAULT_API_KEY,
  GATE_DEFAULT_RUNS,
  GATE_DEFAULT_WORKERS,
  REMOTE_BENCH_LATENCY_MS,
} from '../contracts/config.ts';
import { resolveGateConfig, type GateFlags } from '../contracts/gate/config.ts';
import { runGate } from '../contracts/gate/runner.ts';
import { startReferenceProvider } from '../provider/index.ts';

async function wallTime(label: string, flags: GateFlags): Promise<number> {
  const provider = await startReferenceProvider({ apiKey: DEFAULT_API_KEY, latencyMs: REMOTE_BENCH_LATENCY_MS });
  try {
    const config = resolveGateConfig({ 'base-url': provider.url, 'api-key': DEFAULT_API_KEY, ...flags }, {});
    const started = performance.now();
    const result = await runGate(config);
    const seconds = (performance.now() - started) / 1000;
    if (result.exitCode !== 0)
      throw new Error(`${label}: the gate exited ${result.exitCode} against the reference provider`);
    console.log(
      `${label.padEnd(24)} ${seconds.toFixed(2).padStart(7)} s  (${result.fuzz.cases} cases, ${result.fuzz.requests} requests, Pact ${result.pact.status})`,
    );
    return seconds;
  } finally {
    await provider.close();
  }
}

console.log(
  `reference provider ${REMOTE_BENCH_LATENCY_MS} ms away, the default gate (${GATE_DEFAULT_RUNS} runs, Pact included)`,
);
const parallel = await wallTime(`--workers ${GATE_DEFAULT_WORKERS} (default)`, {});
const serial = await wallTime('--workers 1', { workers: '1' });
console.log(
  `remote throughput: default workers ${parallel.toFixed(2)} s, one worker ${serial.toFixed(2)} s, speed-up ${(serial / parallel).toFixed(2)}x`,
);
