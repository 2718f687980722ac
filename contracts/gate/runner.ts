/**
 * The gate, start to end: find or start the provider, make sure it answers, find out whether its states
 * URL does, verify the pacts (in a child process, alongside) and fuzz the operation, then gather one
 * result per check. The CLI and the tests both call `runGate`; rendering the result is the report's job.
 *
 * Configuration problems (unreachable provider, key refused, a base URL whose path prefix the operation is
 * not under, a given states URL that does not work or a states URL refusing a state, unusable pact folder)
 * throw UsageError: exit 2, one line. A broken contract is a result with exitCode 1.
 */
import { randomUUID } from 'node:crypto';
import { CHECKS } from '../checks/registry.ts';
import type { CheckName } from '../checks/failure.ts';
import type { Check } from '../checks/check.ts';
import { EXIT, INTERRUPT_EXIT, Interrupted, UsageError } from '../errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../config.ts';
import type { GateCase } from '../model/case.ts';
import { GATE_ENV, statesUrlFor, type GateConfig } from './config.ts';
import { executeCase } from './execute.ts';
import { probeMountPoint, probeOperation } from './operation-probe.ts';
import { canonicalStop, type ExecutionContext } from './exchange.ts';
import { addTallies, failuresOf, judge, type Tally } from './fuzz/judge.ts';
import { drawCases, fuzz } from './fuzz/run.ts';
import { unjudgedReason, type StratifiedDraw } from './fuzz/strata.ts';
import type { ProgressSnapshot } from './progress.ts';
import { schemeMistake } from '../transport/scheme.ts';
import { Sender } from '../transport/sender.ts';
import { isFirstShard, shardLabel } from './shard.ts';
import type { CheckResult, GateResult, PactSection, SessionSource } from './result.ts';
import { skipsOf } from './skips.ts';
import { StatesClient } from './states-client.ts';
import { providerAddress, updateWireRequest } from '../model/wire.ts';
import { specValidator } from '../validator.ts';
import type { FetchedPact } from '../pacts/fetch-pacts.ts';

export interface GateHooks {
  /** Progress, one line at a time (already free of the key). */
  readonly log?: (line: string) => void;
  /** How far the fuzzing has got, after every case. */
  readonly progress?: (snapshot: ProgressSnapshot) => void;
  /**
   * Aborted (with an `Interrupted` reason) on SIGINT/SIGTERM: the run stops sending, Pact's child process is
   * killed, and runGate returns what was judged so far, marked interrupted (or throws the Interrupted if
   * nothing was judged yet).
   */
  readonly signal?: AbortSignal;
}

interface Provider {
  readonly baseUrl: string;
  readonly builtIn: boolean;
  close(): Promise<void>;
}

async function provider(config: GateConfig): Promise<Provider> {
  if (config.baseUrl !== undefined) return { baseUrl: config.baseUrl, builtIn: false, close: async () => {} };
  // Loaded only when needed: a gate pointed at another provider never loads the reference one.
  const { startReferenceProvider } = await import('../../provider/index.ts');
  const server = await startReferenceProvider({ apiKey: config.apiKey, host: DEFAULT_HOST, port: DEFAULT_PORT });
  return { baseUrl: server.url, builtIn: true, close: () => server.close() };
}

/**
 * One stop of a made-up session: it can stop nothing, and it shows whether the provider is there and takes
 * the key. If that one request hangs or is cut off, a plain GET of the base URL tells a provider with a
 * fault (left to no_hang and not_a_server_error to report) from one that does not answer at all.
 * Returns the stop's status, if it was answered (a 404 may be a wrong path prefix: see probeMountPoint).
 */
async function probeProvider(
  context: ExecutionContext,
  baseUrl: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const sent = await context.sender.send(
    updateWireRequest(context.address, canonicalStop(randomUUID()), context.apiKey),
  );
  const wrongScheme = await schemeMistake(baseUrl, sent, timeoutMs);
  if (wrongScheme !== undefined) throw new UsageError(wrongScheme);
  if (sent.kind === 'unreachable') throw new UsageError(`cannot reach the provider at ${baseUrl} (${sent.code})`);
  if (sent.kind !== 'response') {
    const { origin, basePath } = context.address;
    const alive = await context.sender.send({
      method: 'GET',
      origin,
      target: `${basePath}/`,
      headers: { accept: 'application/json' },
      body: undefined,
    });
    if (alive.kind !== 'response') {
      throw new UsageError(
        `the provider at ${baseUrl} does not answer (${sent.kind === 'timeout' ? `nothing within ${sent.timeoutMs} ms; raise --timeout-ms?` : `the connection broke: ${sent.code}`})`,
      );
    }
    return undefined;
  }
  const { status } = sent.response;
  if (status === 401 || status === 403) {
    throw new UsageError(
      `the provider at ${baseUrl} refused the API key (${status}): set ${GATE_ENV['api-key']} (or --api-key) to a key it accepts`,
    );
  }
  return status;
}

/** The three refusals and the stop that the user's own session (--session-id) takes, in that order. */
function offeredSessionCases(sessionId: string): GateCase[] {
  const valid = canonicalStop(sessionId);
  const refused = (credential: GateCase['request']['credential']): GateCase => ({
    intent: 'unauthorised',
    setup: undefined,
    request: { ...valid, credential },
  });
  return [
    refused('missing'),
    refused('empty'),
    refused({ wrong: 'not-the-key' }),
    { intent: 'valid', setup: undefined, request: valid },
  ];
}

interface PactRun {
  readonly config: GateConfig;
  readonly baseUrl: string;
  readonly statesUrl: string;
  readonly sender: Sender;
  /** Pacts fetched with --pact-url, verified beside (or, with --no-bundled-pacts, instead of) the folder's. */
  readonly fetched: readonly FetchedPact[];
  readonly signal: AbortSignal | undefined;
}

async function verifyPactsAlongside({
  config,
  baseUrl,
  statesUrl,
  sender,
  fetched,
  signal,
}: PactRun): Promise<PactSection> {
  const started = performance.now();
  const { verifyPactsThroughSender } = await import('../pacts/verify-provider.ts');
  let result: Awaited<ReturnType<typeof verifyPactsThroughSender>>;
  try {
    result = await verifyPactsThroughSender(
      {
        providerBaseUrl: baseUrl,
        statesUrl,
        apiKey: config.apiKey,
        pactDir: config.pactFolder ? config.pactDir : false,
        fetched,
        timeoutMs: config.timeoutMs,
        statesHeaders: config.statesHeaders,
      },
      sender,
      signal,
    );
  } catch (error) {
    // A provider that never stops throttling says so itself; anything else means Pact could not run at all.
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Pact verification could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.problems.length > 0) throw new UsageError(`Pact verification: ${result.problems.join('; ')}`);
  const refused = result.stateFailures.find((failure) => failure.action === 'setup');
  if (refused)
    throw new UsageError(
      `the states URL ${statesUrl} refused the provider state "${refused.state}" during Pact verification: ${refused.message}`,
    );
  // Judged by the interactions alone: Pact's teardown is optional, and a states URL without it breaks no contract.
  // (Their mismatches come redacted from verify-provider.ts.)
  const passed = result.interactions.length > 0 && result.interactions.every((interaction) => interaction.passed);
  return {
    status: passed ? 'passed' : 'failed',
    interactions: result.interactions,
    durationMs: Math.round(performance.now() - started),
  };
}

async function fetchPactUrls(config: GateConfig): Promise<FetchedPact[]> {
  const { fetchPacts } = await import('../pacts/fetch-pacts.ts');
  return fetchPacts(config.pactUrls, { headers: config.pactHeaders, timeoutMs: config.timeoutMs });
}

function noteFor(withoutSessions: Check['withoutSessions'], sessions: SessionSource): string | undefined {
  if (sessions === 'states' || withoutSessions === 'whole') return undefined;
  if (withoutSessions === 'part')
    return 'not observed: whether a refused request stopped a session (needs the states URL)';
  return sessions === 'offered' ? 'judged on the --session-id session only' : undefined;
}

/** Sessions set up and torn down through every states URL the run used (one it only found included). */
function sessionsOf(clients: ReadonlyArray<StatesClient | undefined>): { setUp: number; tornDown: number } {
  const total = { setUp: 0, tornDown: 0 };
  for (const client of clients) {
    if (!client) continue;
    total.setUp += client.sessions().setUp;
    total.tornDown += client.sessions().tornDown;
  }
  return total;
}

/**
 * The cases of a run with sessions (nearly every run: one without draws its own), and the spec validator
 * compiled: CPU every run spends before its first case. Begun once a probe of the states URL is on its way
 * (over a connection the first probe opened), it runs while the gate waits for the answer, instead of after.
 */
function drawWhileProbing(config: GateConfig): Promise<StratifiedDraw> {
  return new Promise((resolve) =>
    setImmediate(() => {
      specValidator();
      resolve(drawCases({ seed: config.seed, runs: config.runs, sessions: true }));
    }),
  );
}

export async function runGate(config: GateConfig, hooks: GateHooks = {}): Promise<GateResult> {
  const log = hooks.log ?? (() => {});
  const started = performance.now();
  // Fetched before anything runs: a pact URL that fails or serves no pact is a mistake to fix (exit 2), never a verdict.
  const fetched = config.pact && config.pactUrls.length > 0 ? await fetchPactUrls(config) : [];
  const target = await provider(config);
  const sender = new Sender({
    timeoutMs: config.timeoutMs,
    maxInFlight: config.workers,
    maxRps: config.maxRps,
    throttle: { giveUpMs: config.throttleGiveUpMs },
  });
  const signal = hooks.signal;
  const interrupted = (): Interrupted | undefined =>
    signal?.aborted === true && signal.reason instanceof Interrupted ? signal.reason : undefined;
  const interrupt = () => {
    const reason = interrupted();
    if (reason) sender.interrupt(reason);
  };
  signal?.addEventListener('abort', interrupt, { once: true });
  // Set once the states URL is known; its teardowns run in the background and are waited for however the run ends.
  let teardowns: StatesClient | undefined;
  try {
    interrupt();
    const statesUrl = statesUrlFor(config, target.baseUrl);
    const context: ExecutionContext = {
      address: providerAddress(target.baseUrl),
      apiKey: config.apiKey,
      sender,
      states: undefined,
    };
    const operationStatus = await probeProvider(context, target.baseUrl, config.timeoutMs);
    const states = new StatesClient(statesUrl, sender, config.statesHeaders);
    teardowns = states;
    const probing = states.probe();
    const drawing = config.replayPath === undefined ? drawWhileProbing(config) : undefined;
    const probe = await probing;
    if (!probe.available && config.statesUrlSource !== undefined) {
      // Skipping is for a provider that offers no states URL; one the user named and that does not work is a mistake to fix.
      throw new UsageError(`the states URL ${statesUrl} (${config.statesUrlSource}) does not work: ${probe.reason}`);
    }
    if (probe.available) await probeOperation({ ...context, states });
    // The default states URL missing may be the base URL's prefix wrong (exit 2), or a states URL elsewhere to name.
    const elsewhere = probe.available
      ? undefined
      : await probeMountPoint(context, {
          statesStatus: probe.status,
          operationStatus,
          baseUrl: target.baseUrl,
          statesHeaders: config.statesHeaders,
        });
    const sessions: SessionSource = probe.available ? 'states' : config.sessionId !== undefined ? 'offered' : 'none';
    // With --session-id the gate still sets no session up, but it does stop the one offered: say that, not "nothing".
    const statesNote = probe.available
      ? undefined
      : `no states URL at ${statesUrl} (${probe.reason}${elsewhere ? `; one answers at ${elsewhere.url}: name it with --states-url` : ''}): ${
          sessions === 'offered'
            ? 'the session checks stop only the session given with --session-id'
            : 'no session is set up, and only requests that cannot stop a session are sent'
        }`;
    // Which provider, seed and shard: the report's header says it (stdout), so it is not logged to stderr as well.
    const shard = config.replayPath === undefined ? config.shard : undefined;
    const firstShard = isFirstShard(shard);
    const pactRun: Promise<PactSection> = !config.pact
      ? Promise.resolve({ status: 'skipped', reason: 'not asked for (--skip-pact)' })
      : !firstShard
        ? Promise.resolve({ status: 'elsewhere', reason: `run by shard 1 of ${shard?.count ?? 1}` })
        : !probe.available
          ? Promise.resolve({ status: 'skipped', reason: `Pact verification sets up provider states: ${statesNote}` })
          : verifyPactsAlongside({ config, baseUrl: target.baseUrl, statesUrl, sender, fetched, signal });
    // Settled at once so a failure while fuzzing is still running is not an unhandled rejection.
    const pactSettled = pactRun.then(
      (section) => ({ section }),
      (error: unknown) => ({ error }),
    );

    const checks = config.checks.map((name) => CHECKS[name]);
    const fuzzStarted = performance.now();
    const executionContext: ExecutionContext = probe.available ? { ...context, states } : context;
    const outcome = await fuzz({
      checks,
      seed: config.seed,
      runs: config.runs,
      replayPath: config.replayPath,
      sessions: probe.available,
      workers: config.workers,
      shard,
      execute: (generated) => executeCase(executionContext, generated),
      drawn: probe.available ? await drawing : undefined,
      progress: (progress) =>
        hooks.progress?.({
          ...progress,
          // Every request the run sent: states calls and Pact's too, not only the cases' own.
          requests: sender.cost().requests.total,
          elapsedMs: performance.now() - fuzzStarted,
          throttled: sender.stats().throttled,
        }),
      log,
    });
    const tallies = new Map<CheckName, Tally>(outcome.tallies);
    const failures = [...outcome.failures];
    let requests = outcome.requests;
    // Every shard judges the session checks on the --session-id session (a shard that finds it stopped
    // already judges a stop of a stopped session), so none of them reports those checks unjudged.
    if (config.sessionId !== undefined && interrupted() === undefined) {
      for (const gateCase of offeredSessionCases(config.sessionId)) {
        const record = await executeCase(executionContext, gateCase, { offered: true });
        const judged = judge(checks, record);
        addTallies(tallies, judged);
        requests += record.exchanges.length;
        for (const failure of failuresOf(judged)) {
          if (failures.some((found) => found.failure.check === failure.check)) continue;
          failures.push({ failure, record, seed: undefined, path: undefined, shrinks: 0 });
        }
      }
    }
    await states.drain();
    const fuzzMs = Math.round(performance.now() - fuzzStarted);

    const settledPact = await pactSettled;
    const stoppedBy = interrupted();
    // A broken contract already found wins over a provider that then stopped letting Pact run (exit 1, not 2).
    if (
      stoppedBy === undefined &&
      'error' in settledPact &&
      (failures.length === 0 || !(settledPact.error instanceof UsageError))
    )
      throw settledPact.error;
    const pact: { section: PactSection } =
      stoppedBy !== undefined && ('error' in settledPact || settledPact.section.status === 'failed')
        ? { section: { status: 'skipped', reason: `${stoppedBy.message} before it finished` } }
        : 'error' in settledPact
          ? { section: { status: 'skipped', reason: `could not finish: ${(settledPact.error as Error).message}` } }
          : settledPact;

    const results = checks.map((check): CheckResult => {
      const tally = tallies.get(check.name) ?? { judged: 0, failed: 0 };
      const failure = failures.find((found) => found.failure.check === check.name);
      const unobservable =
        (check.withoutSessions === 'skipped' && sessions === 'none') ||
        (check.withoutSessions === 'fresh' && sessions !== 'states');
      const status = failure ? 'failed' : unobservable || tally.judged === 0 ? 'skipped' : 'passed';
      const note = unobservable
        ? check.withoutSessions === 'fresh'
          ? `skipped: needs fresh active sessions from a states URL; ${statesNote ?? ''}`
          : `skipped: needs a session to stop; ${statesNote ?? ''} (offer one with --session-id)`
        : tally.judged === 0
          ? `skipped: ${unjudgedReason(check.name, outcome.strata, outcome.cases)}`
          : noteFor(check.withoutSessions, sessions);
      return {
        name: check.name,
        summary: check.summary,
        status,
        judged: tally.judged,
        passed: tally.judged - tally.failed,
        failed: tally.failed,
        note,
        failure,
      };
    });
    const broken = results.some((result) => result.status === 'failed') || pact.section.status === 'failed';
    const accepted = { pactSkip: !config.pact || config.allowSkips, anySkip: config.allowSkips };
    const unaccepted = skipsOf(pact.section, results, accepted).filter((part) => !part.accepted);
    return {
      exitCode:
        stoppedBy !== undefined
          ? INTERRUPT_EXIT[stoppedBy.signal]
          : broken
            ? EXIT.broken
            : unaccepted.length > 0
              ? EXIT.incomplete
              : EXIT.ok,
      interrupted: stoppedBy?.signal,
      provider: { baseUrl: target.baseUrl, statesUrl, builtIn: target.builtIn, sessions, statesNote },
      seed: config.seed,
      runs: config.runs,
      replayPath: config.replayPath,
      timeoutMs: config.timeoutMs,
      pact: pact.section,
      fuzz: {
        cases: outcome.cases,
        requests,
        durationMs: fuzzMs - outcome.shrinkingMs,
        shrinkingMs: outcome.shrinkingMs,
        stoppedEarly: outcome.stoppedEarly,
        workers: config.workers,
        shard: shard && shardLabel(shard),
      },
      transport: sender.stats(),
      cost: { ...sender.cost(), sessions: sessionsOf([states, elsewhere]) },
      accepted,
      checks: results,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await teardowns?.drain();
    signal?.removeEventListener('abort', interrupt);
    sender.close();
    await target.close();
  }
}
