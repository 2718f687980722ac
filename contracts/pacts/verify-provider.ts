/**
 * Pact provider verification of the suite's pacts against any provider.
 *
 * - States: every state a pact names must be one of PROVIDER_STATES (pact-js would only warn about a
 *   missing handler); each is set up by POSTing Pact's provider-states body to the states URL, whose
 *   `{"sessionId": …}` answer Pact injects into the request path.
 * - The key: pacts carry a placeholder; a request filter swaps in the key the user gave, so the pact
 *   works with any provider's key while the key itself never enters a pact, a log or a result.
 * - Results come back as data, one entry per interaction, from the Pact core's JSON report.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { VerifierOptions } from '@pact-foundation/pact';
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes.js';
import type { Sender } from '../transport/sender.ts';
import { GATE_DEFAULT_TIMEOUT_MS, PACT_API_KEY_PLACEHOLDER, PROVIDER_NAME } from '../config.ts';
import { redactor, type Redactor } from '../redact.ts';
import { PROVIDER_STATE_NAMES, isProviderState, type StateChangeResponse } from '../model/states.ts';
import { API_KEY_HEADER } from '../validator.ts';
import { PACTS_DIR, listPactFiles, readPactInteractions, type PactInteractionName } from './files.ts';
import { writeFetchedPacts, type FetchedPact, type PactFile } from './fetch-pacts.ts';
import { mismatchLabel } from './beyond-spec.ts';
import { mismatchWords, type CoreMismatch } from './mismatch-words.ts';

export interface PactVerificationOptions {
  readonly providerBaseUrl: string;
  readonly statesUrl: string;
  readonly apiKey: string;
  /** The pact folder to verify (default: the bundled one); false: none, only `fetched`. */
  readonly pactDir?: string | false;
  /** Pacts fetched over HTTP (`--pact-url`), verified beside the folder's and named by their URL. */
  readonly fetched?: readonly FetchedPact[];
  /** Per request to the provider or the states URL. */
  readonly timeoutMs?: number;
  /** Sent with every states call (`--states-header`); their values are secrets, redacted like the key. */
  readonly statesHeaders?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

export interface InteractionVerdict {
  /** The pact it came from: its file, or the URL it was fetched from. */
  readonly pact: string;
  readonly description: string;
  readonly states: readonly string[];
  readonly passed: boolean;
  /** What did not match, worded by the Pact core (the key already redacted). */
  readonly mismatches: readonly string[];
  /** The mismatches on what the pact asks beyond the spec or its schema (beyond-spec.ts), each with its label. */
  readonly beyondSpec?: ReadonlyArray<{ readonly mismatch: string; readonly label: string }>;
}

/** The states URL refused or failed a state: a configuration problem, not a broken contract. */
export interface StateSetupFailure {
  readonly state: string;
  readonly action: 'setup' | 'teardown';
  readonly message: string;
}

export interface PactVerificationResult {
  readonly passed: boolean;
  readonly interactions: readonly InteractionVerdict[];
  readonly stateFailures: readonly StateSetupFailure[];
  /** Pact files that name a state no handler knows, or can't be read: nothing was verified then. */
  readonly problems: readonly string[];
}

interface PactFileSummary {
  readonly path: string;
  /** What reports call it: the file's path, or the URL it was fetched from. */
  readonly name: string;
  readonly interactions: readonly PactInteractionName[];
}

function readPacts(
  pactDir: string | false,
  fetched: readonly PactFile[],
): { pacts: PactFileSummary[]; problems: string[] } {
  const problems: string[] = [];
  let files: PactFile[] = [];
  try {
    files = pactDir === false ? [] : listPactFiles(pactDir).map((path) => ({ path, name: path }));
  } catch (error) {
    return { pacts: [], problems: [(error as Error).message] };
  }
  if (pactDir !== false && files.length === 0) problems.push(`no pact files in ${pactDir}`);
  const pacts = [...files, ...fetched].flatMap(({ path, name: shownAs }): PactFileSummary[] => {
    const name = shownAs === path ? basename(path) : shownAs;
    try {
      const interactions = readPactInteractions(path);
      for (const interaction of interactions) {
        for (const state of interaction.states) {
          if (!isProviderState(state)) {
            problems.push(
              `${name}: "${interaction.description}" needs the state "${state}", which is not one of: ${PROVIDER_STATE_NAMES.join('; ')}`,
            );
          }
        }
      }
      return [{ path, name: shownAs, interactions }];
    } catch (error) {
      problems.push(`${name}: not a readable pact (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
  });
  return { pacts, problems };
}

/**
 * The pact's params with its example session id replaced by a fresh random one: pacts name fixed ids, and
 * two runs verifying them against one provider at once would set up, stop and tear down each other's
 * sessions. The interactions take the id from the setup's answer (`fromProviderState`), so any id serves.
 */
function withFreshSessionId(params: unknown): unknown {
  return typeof params === 'object' &&
    params !== null &&
    typeof (params as { sessionId?: unknown }).sessionId === 'string'
    ? { ...params, sessionId: randomUUID() }
    : params;
}

/** One call to the states URL. What it answers is the provider's text: redacted before anything cuts it short. */
async function changeState(
  statesUrl: string,
  state: string,
  action: 'setup' | 'teardown',
  params: unknown,
  timeoutMs: number,
  redact: Redactor,
  statesHeaders: PactVerificationOptions['statesHeaders'] = [],
): Promise<StateChangeResponse | undefined> {
  // Headers() joins a repeated name's values as HTTP does; the content type is ours to set.
  const headers = new Headers(statesHeaders.map(({ name, value }): [string, string] => [name, value]));
  headers.set('content-type', 'application/json');
  const response = await fetch(statesUrl, {
    method: 'POST',
    headers,
    // Pact's params are passed on as they are: a provider may take more than a sessionId.
    body: JSON.stringify({ state, params: params ?? {}, action }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = redact(await response.text());
  if (!response.ok)
    throw new Error(`${statesUrl} answered ${response.status} to ${action} of "${state}": ${text.slice(0, 200)}`);
  if (action === 'teardown') return undefined;
  const body = JSON.parse(text) as Partial<StateChangeResponse>;
  if (typeof body.sessionId !== 'string')
    throw new Error(`${statesUrl} answered ${action} of "${state}" without a "sessionId"`);
  return { sessionId: body.sessionId };
}

/**
 * The secrets a verification holds, the key and the states headers' values, as a redactor. Built here, from
 * the options, rather than taken from the caller: the options are all that crosses to the Pact child
 * (a function can't), so the child and the parent reading its output must build it the same way.
 */
function redactorFor(options: PactVerificationOptions): Redactor {
  return redactor(
    options.apiKey,
    options.statesHeaders?.map((header) => header.value),
  );
}

export async function verifyPacts(options: PactVerificationOptions): Promise<PactVerificationResult> {
  const timeoutMs = options.timeoutMs ?? GATE_DEFAULT_TIMEOUT_MS;
  const redact = redactorFor(options);
  const written = writeFetchedPacts(options.fetched ?? []);
  try {
    return await verifyPactFiles(options, readPacts(options.pactDir ?? PACTS_DIR, written.files), timeoutMs, redact);
  } finally {
    written.remove();
  }
}

async function verifyPactFiles(
  options: PactVerificationOptions,
  read: { pacts: PactFileSummary[]; problems: string[] },
  timeoutMs: number,
  redact: Redactor,
): Promise<PactVerificationResult> {
  const { pacts, problems } = read;
  if (problems.length > 0 || pacts.length === 0)
    return { passed: false, interactions: [], stateFailures: [], problems };

  const stateFailures: StateSetupFailure[] = [];
  const stateHandlers = Object.fromEntries(
    PROVIDER_STATE_NAMES.map((state) => {
      // Interactions run one at a time: the params of the state last set up are the ones to tear down.
      let current: unknown;
      return [
        state,
        {
          setup: async (params: unknown): Promise<JsonMap> => {
            current = withFreshSessionId(params);
            try {
              const { sessionId } = (await changeState(
                options.statesUrl,
                state,
                'setup',
                current,
                timeoutMs,
                redact,
                options.statesHeaders,
              ))!;
              return { sessionId };
            } catch (error) {
              const message = redact(error instanceof Error ? error.message : String(error));
              stateFailures.push({ state, action: 'setup', message });
              throw new Error(message); // pact-js prints it
            }
          },
          teardown: async (params: unknown) => {
            try {
              await changeState(
                options.statesUrl,
                state,
                'teardown',
                current ?? params,
                timeoutMs,
                redact,
                options.statesHeaders,
              );
            } catch (error) {
              stateFailures.push({
                state,
                action: 'teardown',
                message: redact(error instanceof Error ? error.message : String(error)),
              });
            }
            return undefined;
          },
        },
      ];
    }),
  );

  // Loaded here, in the child that verifies, and never by the gate's own process: Pact takes ~400 ms of
  // CPU to load, which the gate would spend while its first cases wait.
  const { Verifier } = await import('@pact-foundation/pact');
  const verifier = new Verifier({
    provider: PROVIDER_NAME,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: pacts.map((pact) => pact.path),
    stateHandlers: stateHandlers as NonNullable<VerifierOptions['stateHandlers']>,
    requestFilter: (
      req: { headers: Record<string, string | string[] | undefined> },
      _res: unknown,
      next: () => void,
    ) => {
      if (req.headers[API_KEY_HEADER] === PACT_API_KEY_PLACEHOLDER) req.headers[API_KEY_HEADER] = options.apiKey;
      next();
    },
    timeout: timeoutMs,
    logLevel: 'error',
  });

  let report: string;
  try {
    report = String(await verifier.verifyProvider());
  } catch (error) {
    report = error instanceof Error ? error.message : String(error);
  }
  const interactions = interpretReport(report, pacts, redact);
  // A teardown that fails is reported but verified nothing: only a failed setup (or interaction) fails the run.
  const passed =
    !stateFailures.some((failure) => failure.action === 'setup') &&
    interactions.length > 0 &&
    interactions.every((i) => i.passed);
  return { passed, interactions, stateFailures, problems };
}

interface CoreReport {
  result?: boolean;
  errors?: Array<{ interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: CoreMismatch[] } }>;
}

function interpretReport(report: string, pacts: readonly PactFileSummary[], redact: Redactor): InteractionVerdict[] {
  let parsed: CoreReport | undefined;
  try {
    parsed = JSON.parse(report) as CoreReport;
  } catch {
    parsed = undefined;
  }
  const failures = new Map<string, Array<{ text: string; label: string | undefined }>>();
  for (const error of parsed?.errors ?? []) {
    const name = error.interaction ?? '';
    // Labelled by the core's own path and sentence, which name the property; the words are for people.
    const details = error.mismatch?.mismatches?.map((mismatch) => ({
      text: redact(mismatchWords(mismatch, redact)),
      label: mismatchLabel(`${mismatch.path ?? ''}: ${mismatch.mismatch ?? mismatch.type ?? ''}`),
    })) ?? [{ text: redact(error.mismatch?.message ?? 'failed'), label: undefined }];
    failures.set(name, [...(failures.get(name) ?? []), ...details]);
  }
  const unexplained = parsed === undefined ? [redact(report.split('\n')[0] ?? 'the Pact verifier failed')] : undefined;
  return pacts.flatMap((pact) =>
    pact.interactions.map((interaction) => {
      const details = [...failures.entries()]
        .filter(([name]) => name.includes(interaction.description))
        .flatMap(([, found]) => found);
      const mismatches = details.map((detail) => detail.text);
      const failed =
        mismatches.length > 0 || unexplained !== undefined || (parsed?.result === false && failures.size === 0);
      const beyondSpec = details.flatMap(({ text, label }) => (label ? [{ mismatch: text, label }] : []));
      return {
        pact: pact.name,
        description: interaction.description,
        states: interaction.states,
        passed: !failed,
        mismatches:
          mismatches.length > 0
            ? mismatches
            : failed
              ? (unexplained ?? ['the Pact verifier failed without saying why'])
              : [],
        ...(beyondSpec.length > 0 ? { beyondSpec } : {}),
      };
    }),
  );
}

export interface IsolatedPactVerificationResult extends PactVerificationResult {
  /** What the Pact core printed, key redacted: its own human-readable account of the verification. */
  readonly coreOutput: string;
}

const CHILD_ENTRY = fileURLToPath(new URL('./verify-provider.child.ts', import.meta.url));
// tsx's loader resolved from here, not from the user's working directory.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Runs `verifyPacts` in a child process. The Pact core prints its account straight to file descriptor
 * 1 from native code, which nothing in-process can silence or redirect; a CLI that owns its output (and
 * must be able to prove no key leaks through it) runs the core where its stdout is a pipe we read.
 * Options, key included, travel on stdin, never in argv or the environment; the result comes back on fd 3.
 */
export function verifyPactsIsolated(
  options: PactVerificationOptions,
  signal?: AbortSignal,
): Promise<IsolatedPactVerificationResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_ENTRY], {
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    // Interrupted: the child has nothing worth saving, and a Pact core mid-verification may not stop on SIGTERM soon.
    const kill = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    child.once('exit', () => signal?.removeEventListener('abort', kill));
    const output: Buffer[] = [];
    const result: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => result.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const coreOutput = redactorFor(options)(Buffer.concat(output).toString('utf8'));
      const text = Buffer.concat(result).toString('utf8');
      if (!text) {
        reject(
          new Error(
            `the Pact verification process ended (exit ${code}) without a result: ${coreOutput.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
        return;
      }
      resolve({ ...(JSON.parse(text) as PactVerificationResult), coreOutput });
    });
    child.stdin!.end(JSON.stringify(options));
  });
}

/**
 * `verifyPactsIsolated` with every request the Pact child makes, provider-state calls included, going
 * through `sender` (via a local forwarding proxy, contracts/pacts/throttle-proxy.ts): the gate's caps
 * hold for Pact's requests too, and a throttling provider's 429s are waited out instead of failing
 * interactions. The child's own deadline is widened by the longest the sender may wait on one request;
 * the sender still fails a single attempt that takes longer than `timeoutMs`. Throws the sender's
 * UsageError when the provider throttles without end.
 */
export async function verifyPactsThroughSender(
  options: PactVerificationOptions,
  sender: Sender,
  signal?: AbortSignal,
): Promise<IsolatedPactVerificationResult> {
  const { startThrottleProxy, throughProxy, patientTimeoutMs } = await import('./throttle-proxy.ts');
  const providerOrigin = new URL(options.providerBaseUrl).origin;
  const statesOrigin = new URL(options.statesUrl).origin;
  const provider = await startThrottleProxy(new URL(providerOrigin), sender);
  const states = statesOrigin === providerOrigin ? provider : await startThrottleProxy(new URL(statesOrigin), sender);
  try {
    const result = await verifyPactsIsolated(
      {
        ...options,
        providerBaseUrl: throughProxy(options.providerBaseUrl, provider),
        statesUrl: throughProxy(options.statesUrl, states),
        timeoutMs: patientTimeoutMs(options.timeoutMs ?? GATE_DEFAULT_TIMEOUT_MS, sender.throttleGiveUpMs()),
      },
      signal,
    );
    const gaveUp = provider.error() ?? states.error();
    if (gaveUp !== undefined) throw gaveUp;
    return result;
  } finally {
    await provider.close();
    if (states !== provider) await states.close();
  }
}
