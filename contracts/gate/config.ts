/**
 * The gate's configuration, resolved once: command-line flags first, then the environment, then the
 * defaults in contracts/config.ts. Everything after this (the runner, the tests, the benchmark) reads
 * only the frozen result. A bad value is a UsageError naming the flag or variable it came from.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECK_NAMES, isCheckName } from '../checks/registry.ts';
import type { CheckName } from '../checks/failure.ts';
import { UsageError, integerFlag } from '../errors.ts';
import {
  DEFAULT_API_KEY,
  GATE_DEFAULT_RUNS,
  GATE_MIN_RUNS,
  GATE_DEFAULT_SEED,
  GATE_DEFAULT_TIMEOUT_MS,
  GATE_DEFAULT_WORKERS,
  GATE_MAX_RPS_LIMIT,
  GATE_MAX_WORKERS,
  PROVIDER_API_KEY_ENV,
  PROVIDER_STATES_PATH,
} from '../config.ts';
import { isUuid } from '../formats.ts';
import { API_KEY_HEADER_DISPLAY } from '../validator.ts';
import { PACTS_DIR } from '../pacts/files.ts';
import { unwritableReason } from '../writable-path.ts';

export interface GateConfig {
  /** The provider under test, no trailing slash; undefined: start the reference provider on 127.0.0.1, a free port. */
  readonly baseUrl: string | undefined;
  /** Where provider states are set up; undefined: `<base-url>/_pact/provider-states` of whichever provider runs. */
  readonly statesUrl: string | undefined;
  /**
   * Where a given states URL came from (`--states-url` or `PROVIDER_STATES_URL`). A states URL the user
   * gave must work (exit 2 if not); only the default may be missing, and then the session checks are skipped.
   */
  readonly statesUrlSource: string | undefined;
  /** Never printed, never written: every output passes a redaction pass for it. */
  readonly apiKey: string;
  /** Whether the key was given (flag or environment) rather than the built-in provider's default. */
  readonly apiKeyGiven: boolean;
  readonly runs: number;
  readonly seed: number;
  /** A fast-check path to replay (`--replay-path`, printed with every failure). */
  readonly replayPath: string | undefined;
  readonly timeoutMs: number;
  readonly junit: string | undefined;
  readonly json: string | undefined;
  /** A session the user agrees to have stopped, for the session checks when no states URL answers. */
  readonly sessionId: string | undefined;
  readonly checks: readonly CheckName[];
  readonly pactDir: string;
  /** Whether to run Pact verification. */
  readonly pact: boolean;
  /**
   * Whether a run that could not judge everything (Pact verification or a check skipped) may still exit 0.
   * Off by default: what was not judged is never reported as passing (`--allow-skips`).
   */
  readonly allowSkips: boolean;
  /** Operation requests in flight at once; the verdict never depends on it. */
  readonly workers: number;
  /** A cap on requests per second to the provider (states calls included), or undefined for none. */
  readonly maxRps: number | undefined;
  /** This runner's share of the case indices (`--shard 2/4`: 1-based), or undefined for all of them. */
  readonly shard: Shard | undefined;
  /** Extra headers for every call to the states URL (`--states-header 'Name: value'`); their values are secrets. */
  readonly statesHeaders: readonly StatesHeader[];
}

export interface Shard {
  /** 1-based, as vitest and Playwright spell it. */
  readonly index: number;
  readonly count: number;
}

export interface StatesHeader {
  readonly name: string;
  readonly value: string;
}

/** The environment variable behind each flag that has one: the flag table's help reads these too. */
export const GATE_ENV = {
  'base-url': 'PROVIDER_BASE_URL',
  'states-url': 'PROVIDER_STATES_URL',
  'api-key': PROVIDER_API_KEY_ENV,
  runs: 'FC_NUM_RUNS',
  seed: 'FC_SEED',
  workers: 'GATE_WORKERS',
  'max-rps': 'GATE_MAX_RPS',
  shard: 'GATE_SHARD',
  'states-header': 'PROVIDER_STATES_HEADERS',
} as const;

export type GateFlagName =
  | keyof typeof GATE_ENV
  | 'replay-path'
  | 'timeout-ms'
  | 'junit'
  | 'json'
  | 'session-id'
  | 'checks'
  | 'pact-dir'
  | 'skip-pact'
  | 'allow-skips';

/**
 * Flag values as given on the command line (no environment folded in: resolveGateConfig reads that itself).
 * A repeatable flag (`--states-header`) comes as a list.
 */
export type GateFlags = Partial<Record<GateFlagName, string | boolean | readonly string[]>>;

const MAX_RUNS = 100_000;
const MAX_TIMEOUT_MS = 600_000;
/** fast-check seeds are 32-bit integers. */
const SEED_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;

interface Source {
  readonly raw: string;
  /** How a message names where the value came from: `--runs` or `FC_NUM_RUNS`. */
  readonly name: string;
}

function reader(flags: GateFlags, env: NodeJS.ProcessEnv) {
  return (flag: GateFlagName): Source | undefined => {
    const given = flags[flag];
    if (typeof given === 'string') return { raw: given, name: `--${flag}` };
    if (Array.isArray(given) && given.length > 0) return { raw: given.join('\n'), name: `--${flag}` };
    const variable = (GATE_ENV as Record<string, string>)[flag];
    const fromEnv = variable === undefined ? undefined : env[variable];
    return fromEnv === undefined || fromEnv === '' ? undefined : { raw: fromEnv, name: variable! };
  };
}

/** The CLI's one whole-number parser, its message naming where the value came from (`--runs` or `FC_NUM_RUNS`). */
function wholeNumber(
  flag: GateFlagName,
  source: Source | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  return integerFlag(flag, source?.raw, min, max, source?.name) ?? fallback;
}

/** An http(s) URL without query, fragment or credentials, returned without a trailing slash. */
function httpUrl(source: Source | undefined): string | undefined {
  if (source === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(source.raw.trim());
  } catch {
    throw new UsageError(
      `${source.name} must be an http(s) URL such as http://127.0.0.1:8000, got ${JSON.stringify(source.raw)}`,
    );
  }
  // Not echoed: a URL with credentials in it is a secret.
  if (url.username || url.password)
    throw new UsageError(
      `${source.name} must not carry credentials (user:password@); give the key with --api-key or ${GATE_ENV['api-key']}`,
    );
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${source.name} must be an http or https URL, got ${JSON.stringify(source.raw)}`);
  if (url.search || url.hash)
    throw new UsageError(`${source.name} must not have a query or fragment, got ${JSON.stringify(source.raw)}`);
  return url.href.replace(/\/+$/, '');
}

function apiKey(source: Source | undefined, external: boolean): { apiKey: string; apiKeyGiven: boolean } {
  if (source === undefined) {
    if (external) {
      throw new UsageError(
        `an API key is required with --base-url: set ${GATE_ENV['api-key']} (or pass --api-key) to the key your provider accepts`,
      );
    }
    return { apiKey: DEFAULT_API_KEY, apiKeyGiven: false };
  }
  // Never echoed: it is the secret.
  if (!/^[\x21-\x7e]+$/.test(source.raw)) {
    throw new UsageError(
      `${source.name} must be printable ASCII without spaces (it goes in the ${API_KEY_HEADER_DISPLAY} header)`,
    );
  }
  return { apiKey: source.raw, apiKeyGiven: true };
}

/** `i/n`, 1 ≤ i ≤ n: the same spelling as vitest's and Playwright's --shard. */
function shard(source: Source | undefined): Shard | undefined {
  if (source === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(source.raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_RUNS || index < 1 || index > count) {
    throw new UsageError(
      `${source.name} must be i/n with 1 ≤ i ≤ n (such as 2/4: the second of four runners), got ${JSON.stringify(source.raw)}`,
    );
  }
  return { index, count };
}

/** Header field names are RFC 9110 tokens; a value is visible ASCII and spaces, never a line break. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;

/** One `Name: value` per flag, or per line of PROVIDER_STATES_HEADERS. Values are never echoed: they are credentials. */
function statesHeaders(source: Source | undefined): StatesHeader[] {
  if (source === undefined) return [];
  return source.raw
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      const name = colon < 0 ? '' : line.slice(0, colon).trim();
      const value = colon < 0 ? '' : line.slice(colon + 1).trim();
      if (!HEADER_NAME.test(name)) {
        throw new UsageError(
          `${source.name} must be 'Name: value' (such as 'Authorization: Bearer …'), one header each; got a header without a valid name`,
        );
      }
      if (!HEADER_VALUE.test(value) || value === '')
        throw new UsageError(`${source.name}: the value of ${name} must be printable ASCII on one line, and not empty`);
      return { name, value };
    });
}

function checkList(source: Source | undefined): CheckName[] {
  if (source === undefined) return [...CHECK_NAMES];
  const names = source.raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isCheckName(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `${source.name}: unknown check ${unknown.map((name) => JSON.stringify(name)).join(', ') || '(none given)'}; checks are: ${CHECK_NAMES.join(', ')}`,
    );
  }
  // In registry order, each once: the report reads the same whatever order they were given in.
  return CHECK_NAMES.filter((name) => names.includes(name));
}

function outputFile(source: Source | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (source.raw.trim() === '') throw new UsageError(`${source.name} needs a file name`);
  const path = resolve(source.raw);
  // Before the run, not after it: a report that cannot be written must not cost a run, nor turn its exit 1 into 2.
  const unwritable = unwritableReason(path);
  if (unwritable !== undefined)
    throw new UsageError(`${source.name}: cannot write a report to ${source.raw}: ${unwritable}`);
  return path;
}

export function resolveGateConfig(flags: GateFlags = {}, env: NodeJS.ProcessEnv = process.env): GateConfig {
  const read = reader(flags, env);
  const baseUrl = httpUrl(read('base-url'));
  const statesSource = read('states-url');
  const statesUrl = httpUrl(statesSource);
  if (statesUrl !== undefined && baseUrl === undefined) {
    throw new UsageError(
      `${statesSource!.name} needs --base-url (or ${GATE_ENV['base-url']}): the built-in provider has its own states URL`,
    );
  }
  const replay = read('replay-path');
  if (replay !== undefined && !/^\d+(:\d+)*$/.test(replay.raw.trim())) {
    throw new UsageError(
      `${replay.name} must be a fast-check path such as 12:0:3 (as printed with a failure), got ${JSON.stringify(replay.raw)}`,
    );
  }
  const session = read('session-id');
  if (session !== undefined && !isUuid(session.raw.trim())) {
    throw new UsageError(`${session.name} must be a session id (a uuid), got ${JSON.stringify(session.raw)}`);
  }
  const pactSource = read('pact-dir');
  const pactDir = pactSource === undefined ? PACTS_DIR : resolve(pactSource.raw);
  if (!existsSync(pactDir) || !statSync(pactDir).isDirectory()) {
    throw new UsageError(`${pactSource?.name ?? 'the pact folder'}: ${pactDir} is not a directory`);
  }
  return Object.freeze({
    baseUrl,
    statesUrl,
    statesUrlSource: statesSource?.name,
    ...apiKey(read('api-key'), baseUrl !== undefined),
    runs: wholeNumber('runs', read('runs'), GATE_MIN_RUNS, MAX_RUNS, GATE_DEFAULT_RUNS),
    seed: wholeNumber('seed', read('seed'), SEED_RANGE[0], SEED_RANGE[1], GATE_DEFAULT_SEED),
    replayPath: replay?.raw.trim(),
    timeoutMs: wholeNumber('timeout-ms', read('timeout-ms'), 1, MAX_TIMEOUT_MS, GATE_DEFAULT_TIMEOUT_MS),
    junit: outputFile(read('junit')),
    json: outputFile(read('json')),
    sessionId: session?.raw.trim().toLowerCase(),
    checks: Object.freeze(checkList(read('checks'))),
    pactDir,
    pact: flags['skip-pact'] !== true,
    allowSkips: flags['allow-skips'] === true,
    workers: wholeNumber('workers', read('workers'), 1, GATE_MAX_WORKERS, GATE_DEFAULT_WORKERS),
    maxRps: wholeNumber('max-rps', read('max-rps'), 1, GATE_MAX_RPS_LIMIT, 0) || undefined,
    shard: shard(read('shard')),
    statesHeaders: Object.freeze(statesHeaders(read('states-header'))),
  });
}

/** The states URL for a provider at `baseUrl`, unless one was given. */
export function statesUrlFor(config: GateConfig, baseUrl: string): string {
  return config.statesUrl ?? baseUrl + PROVIDER_STATES_PATH;
}
