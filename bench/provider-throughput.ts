/**
 * `npm run bench:provider`: stop requests per second against the reference provider, and against a bare
 * node:http server that reads the same request and answers a constant body of the same size, in the
 * same process with the same client. The ratio (last line) is the number to compare between machines;
 * the absolute rates are noise-prone.
 *
 * What is measured: `PATCH /sessions/{id}` with `{"action":"stop"}` and the right key, round-robin over
 * PROVIDER_BENCH_SESSIONS sessions set up through the states URL as "an active session with running
 * tasks". The first stop of each session changes it; every later one is the idempotent re-stop, which
 * does the same work (auth, spec validation, lookup, serialisation) minus the state change. Every
 * answer must be a 200, or the run fails.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_API_KEY,
  PROVIDER_BENCH_CONCURRENCY,
  PROVIDER_BENCH_DURATION_MS,
  PROVIDER_BENCH_SESSIONS,
  PROVIDER_BENCH_WARMUP_MS,
  PROVIDER_STATES_PATH,
} from '../contracts/config.ts';
import { PROVIDER_STATES, stateChangeRequest } from '../contracts/model/states.ts';
import { API_KEY_HEADER } from '../contracts/validator.ts';
import { STOP_BODY } from '../contracts/model/case.ts';
import { startReferenceProvider } from '../provider/index.ts';

const HEADERS = {
  [API_KEY_HEADER]: DEFAULT_API_KEY,
  'content-type': 'application/json',
  'content-length': String(STOP_BODY.length),
};

interface Target {
  readonly label: string;
  readonly url: string;
  readonly paths: readonly string[];
}

interface Measurement {
  readonly requests: number;
  readonly perSecond: number;
  readonly statuses: ReadonlyMap<number, number>;
}

function send(
  agent: Agent,
  url: string,
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${url}${path}`, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end(body);
  });
}

/** PROVIDER_BENCH_CONCURRENCY workers, each sending its next stop as soon as the last one is answered. */
async function hammer(target: Target, durationMs: number): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: PROVIDER_BENCH_CONCURRENCY });
  const statuses = new Map<number, number>();
  let next = 0;
  let requests = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const path = target.paths[next++ % target.paths.length]!;
      const { status } = await send(agent, target.url, 'PATCH', path, STOP_BODY, HEADERS);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      requests += 1;
    }
  };
  await Promise.all(Array.from({ length: PROVIDER_BENCH_CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1_000;
  agent.destroy();
  return { requests, perSecond: requests / elapsed, statuses };
}

async function measure(target: Target): Promise<Measurement> {
  await hammer(target, PROVIDER_BENCH_WARMUP_MS);
  const result = await hammer(target, PROVIDER_BENCH_DURATION_MS);
  const unexpected = [...result.statuses].filter(([status]) => status !== 200);
  if (unexpected.length > 0) {
    throw new Error(
      `${target.label}: expected only 200s, got ${unexpected.map(([status, n]) => `${n}× ${status}`).join(', ')}`,
    );
  }
  return result;
}

async function main(): Promise<void> {
  const provider = await startReferenceProvider();
  const setupAgent = new Agent({ keepAlive: true, maxSockets: PROVIDER_BENCH_CONCURRENCY });
  const ids = await Promise.all(
    Array.from({ length: PROVIDER_BENCH_SESSIONS }, async () => {
      const state = JSON.stringify(stateChangeRequest(PROVIDER_STATES.activeSessionWithRunningTasks));
      const answer = await send(setupAgent, provider.url, 'POST', PROVIDER_STATES_PATH, state, {
        'content-type': 'application/json',
      });
      return (JSON.parse(answer.body) as { sessionId: string }).sessionId;
    }),
  );
  setupAgent.destroy();
  const paths = ids.map((id) => `/sessions/${id}`);

  // The baseline answers a session view as the provider holds it: within a few bytes of the provider's answers.
  const constant = JSON.stringify(provider.provider.sessions.get(ids[0]!));
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(constant) });
      res.end(constant);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  try {
    console.log(
      `provider-throughput: PATCH /sessions/{id} ${STOP_BODY} on loopback, ${PROVIDER_BENCH_CONCURRENCY} keep-alive connections, ` +
        `${PROVIDER_BENCH_DURATION_MS / 1_000} s per server after ${PROVIDER_BENCH_WARMUP_MS / 1_000} s warm-up, node ${process.version}`,
    );
    const baseline = await measure({ label: 'bare node:http', url: bareUrl, paths });
    console.log(
      `  bare node:http, constant ${Buffer.byteLength(constant)}-byte body: ${baseline.perSecond.toFixed(0)} req/s (${baseline.requests} requests)`,
    );
    const reference = await measure({ label: 'reference provider', url: provider.url, paths });
    console.log(
      `  reference provider, ${ids.length} sessions round-robin (first stop, then idempotent re-stops; all 200): ` +
        `${reference.perSecond.toFixed(0)} req/s (${reference.requests} requests)`,
    );
    console.log(`provider/baseline ratio: ${(reference.perSecond / baseline.perSecond).toFixed(2)}`);
  } finally {
    await provider.close();
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:provider failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
