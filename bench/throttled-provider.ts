/**
 * `npm run bench:throttled`: the whole gate (`runGate`, default flags, Pact included) against providers that
 * throttle, to see what the sender makes of them: one limited to 30 requests a second (`serve --rate-limit
 * 30`), the same with `--max-rps 28`, one that throttles every 5th request whatever the rate, and a cold
 * start (503 + Retry-After: 1 for its first 20 s, and to its first 40 requests). Prints each run's wall time, the requests it sent
 * (states and Pact's included), the rate it settled at, and what it was throttled. Every run must exit 0.
 */
import { DEFAULT_API_KEY } from '../contracts/config.ts';
import { resolveGateConfig, type GateFlags } from '../contracts/gate/config.ts';
import { runGate } from '../contracts/gate/runner.ts';
import { createReferenceProvider, serveHandler, type ProviderHandler } from '../provider/index.ts';
import { coldStart, throttlesEvery } from '../fixtures/planted/throttling.ts';

interface Scenario {
  readonly label: string;
  readonly handler: (reference: ProviderHandler) => ProviderHandler;
  readonly rateLimit?: number;
  readonly flags?: GateFlags;
}

const SCENARIOS: readonly Scenario[] = [
  { label: 'rate limit 30/s', handler: (reference) => reference, rateLimit: 30 },
  {
    label: 'rate limit 30/s, --max-rps 28',
    handler: (reference) => reference,
    rateLimit: 30,
    flags: { 'max-rps': '28' },
  },
  { label: 'every 5th request 429', handler: (reference) => throttlesEvery(reference, 5) },
  { label: 'cold start (20 s of 503)', handler: (reference) => coldStart(reference, { seconds: 20 }) },
  { label: 'cold start (40 × 503)', handler: (reference) => coldStart(reference, { requests: 40 }) },
];

const only = process.argv[2];
for (const scenario of SCENARIOS.filter((candidate) => only === undefined || candidate.label.startsWith(only))) {
  const reference = createReferenceProvider({ apiKey: DEFAULT_API_KEY }).handler;
  const server = await serveHandler(scenario.handler(reference), {
    ...(scenario.rateLimit === undefined ? {} : { rateLimit: scenario.rateLimit }),
  });
  try {
    const config = resolveGateConfig({ 'base-url': server.url, 'api-key': DEFAULT_API_KEY, ...scenario.flags }, {});
    const started = performance.now();
    const result = await runGate(config);
    const seconds = (performance.now() - started) / 1000;
    const { requests, peakRps } = result.cost;
    const { throttled, throttledMs, suggestedMaxRps } = result.transport;
    console.log(
      `${scenario.label.padEnd(32)} exit ${result.exitCode}  ${seconds.toFixed(1).padStart(6)} s  ${requests.total} requests (${requests.operation} operation, ${requests.states} states, ${requests.pact} Pact)  ${(requests.total / seconds).toFixed(1)}/s, peak ${peakRps}/s  throttled ${throttled} (${(throttledMs / 1000).toFixed(1)} s paused)${suggestedMaxRps === undefined ? '' : `, suggests --max-rps ${suggestedMaxRps}`}`,
    );
    if (result.exitCode !== 0) process.exitCode = 1;
  } finally {
    await server.close();
  }
}
