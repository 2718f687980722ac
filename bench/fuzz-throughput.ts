/**
 * `npm run bench`: the gate's fuzzing throughput, in cases per second (each generated, sent with its
 * state set-ups and follow-ups, and judged by every check), against the reference provider and against
 * the machine's ceiling: a bare node:http server that answers the same request mix with a constant body.
 * Both run in this process with the same client, alternated over GATE_BENCH_ROUNDS rounds; the best
 * round of each counts. The last line prints both and their ratio, the number to compare between
 * machines (absolute rates are noise).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { gateCase } from '../contracts/arbitraries/requests/gateCase.ts';
import { NIL_UUID } from '../contracts/arbitraries/uuidString.ts';
import { CHECKS } from '../contracts/checks/registry.ts';
import {
  DEFAULT_API_KEY,
  GATE_BENCH_CASES,
  GATE_BENCH_ROUNDS,
  GATE_DEFAULT_SEED,
  GATE_DEFAULT_TIMEOUT_MS,
  PROVIDER_STATES_PATH,
} from '../contracts/config.ts';
import type { GateCase } from '../contracts/model/case.ts';
import { executeCase } from '../contracts/gate/execute.ts';
import type { ExecutionContext } from '../contracts/gate/exchange.ts';
import { judge } from '../contracts/gate/fuzz/judge.ts';
import { Sender } from '../contracts/transport/sender.ts';
import { StatesClient } from '../contracts/gate/states-client.ts';
import { providerAddress } from '../contracts/model/wire.ts';
import { startReferenceProvider } from '../provider/index.ts';

interface Target {
  readonly label: string;
  readonly url: string;
  close(): Promise<void>;
}

/** Answers everything, the states URL included, with one constant JSON body; reads each request in full first. */
async function ceiling(): Promise<Target> {
  const body = JSON.stringify({ sessionId: NIL_UUID, status: 'stopped' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    label: 'bare node:http',
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function reference(): Promise<Target> {
  const server = await startReferenceProvider({ apiKey: DEFAULT_API_KEY });
  return { label: 'reference provider', url: server.url, close: () => server.close() };
}

async function casesPerSecond(
  target: Target,
  cases: readonly GateCase[],
): Promise<{ perSecond: number; requests: number }> {
  // Redacting as the gate does, so the bench measures what a run costs.
  const sender = new Sender({ timeoutMs: GATE_DEFAULT_TIMEOUT_MS });
  const context: ExecutionContext = {
    address: providerAddress(target.url),
    apiKey: DEFAULT_API_KEY,
    sender,
    states: new StatesClient(target.url + PROVIDER_STATES_PATH, sender),
  };
  const checks = Object.values(CHECKS);
  let requests = 0;
  const started = performance.now();
  for (const generated of cases) {
    const record = await executeCase(context, generated);
    judge(checks, record);
    requests += record.exchanges.length;
  }
  const seconds = (performance.now() - started) / 1000;
  sender.close();
  return { perSecond: cases.length / seconds, requests };
}

const cases = fc.sample(gateCase({ sessions: true }), { seed: GATE_DEFAULT_SEED, numRuns: GATE_BENCH_CASES });
const targets = [await reference(), await ceiling()];
const best = new Map<string, number>();
// One warm-up pass each (JIT, connections), then alternating measured rounds.
for (const target of targets) await casesPerSecond(target, cases.slice(0, 50));
for (let round = 1; round <= GATE_BENCH_ROUNDS; round++) {
  for (const target of targets) {
    const { perSecond, requests } = await casesPerSecond(target, cases);
    best.set(target.label, Math.max(best.get(target.label) ?? 0, perSecond));
    console.log(
      `round ${round}: ${target.label.padEnd(20)} ${perSecond.toFixed(1).padStart(8)} cases/s (${cases.length} cases, ${requests} requests)`,
    );
  }
}
for (const target of targets) await target.close();
const provider = best.get('reference provider')!;
const bare = best.get('bare node:http')!;
console.log(
  `fuzz throughput: reference provider ${provider.toFixed(1)} cases/s, bare node:http ceiling ${bare.toFixed(1)} cases/s, ratio ${(provider / bare).toFixed(2)}`,
);
