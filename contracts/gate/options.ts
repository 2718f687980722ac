/**
 * The flags of `bu-contract verify`, each declared once: name, environment variable, help, and how its
 * value is checked and defaulted. The gate's config (contracts/gate/config.ts) is what this table resolves
 * to, and `bu-contract verify` parses and documents exactly these. Adding a flag is one entry here.
 */
import { resolve } from 'node:path';
import { CHECK_NAMES, isCheckName } from '../checks/registry.ts';
import type { CheckName } from '../checks/failure.ts';
import { UsageError } from '../errors.ts';
import {
  GATE_DEFAULT_RUNS,
  GATE_DEFAULT_SEED,
  GATE_DEFAULT_TIMEOUT_MS,
  GATE_DEFAULT_WORKERS,
  GATE_MAX_RPS_LIMIT,
  GATE_MAX_THROTTLE_GIVE_UP_S,
  GATE_THROTTLE_GIVE_UP_MS,
  GATE_MAX_RUNS,
  GATE_MIN_RUNS,
  GATE_MAX_TIMEOUT_MS,
  GATE_MAX_WORKERS,
  PROVIDER_API_KEY_ENV,
  PROVIDER_STATES_PATH,
} from '../config.ts';
import { booleanFlag, defineFlags, isDirectory, lines, wholeNumber, type Source } from '../flags.ts';
import { isUuid } from '../formats.ts';
import { PACTS_DIR } from '../pacts/files.ts';
import { API_KEY_HEADER_DISPLAY } from '../validator.ts';
import { unwritableReason } from '../writable-path.ts';

export interface Shard {
  /** 1-based, as vitest and Playwright spell it. */
  readonly index: number;
  readonly count: number;
}

export interface StatesHeader {
  readonly name: string;
  readonly value: string;
}

/** fast-check seeds are 32-bit integers. */
const SEED_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;

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
      `${source.name} must not carry credentials (user:password@); give the key with --api-key or ${PROVIDER_API_KEY_ENV}`,
    );
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${source.name} must be an http or https URL, got ${JSON.stringify(source.raw)}`);
  if (url.search || url.hash)
    throw new UsageError(`${source.name} must not have a query or fragment, got ${JSON.stringify(source.raw)}`);
  return url.href.replace(/\/+$/, '');
}

/** The key as given, or undefined; whether one is required is decided with --base-url (config.ts). */
function apiKey(source: Source | undefined): string | undefined {
  if (source === undefined) return undefined;
  // Never echoed: it is the secret.
  if (!/^[\x21-\x7e]+$/.test(source.raw)) {
    throw new UsageError(
      `${source.name} must be printable ASCII without spaces (it goes in the ${API_KEY_HEADER_DISPLAY} header)`,
    );
  }
  return source.raw;
}

/** `i/n`, 1 ≤ i ≤ n: the same spelling as vitest's and Playwright's --shard. */
function shard(source: Source | undefined): Shard | undefined {
  if (source === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(source.raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > GATE_MAX_RUNS || index < 1 || index > count) {
    throw new UsageError(
      `${source.name} must be i/n with 1 ≤ i ≤ n (such as 2/4: the second of four runners), got ${JSON.stringify(source.raw)}`,
    );
  }
  return { index, count };
}

/** Header field names are RFC 9110 tokens; a value is visible ASCII and spaces, never a line break. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;

/** One `Name: value` per flag, or per line of the variable. Values are never echoed: they are credentials. */
function headerList(source: Source | undefined): readonly StatesHeader[] {
  const headers = lines(source).map((line) => {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    const value = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name)) {
      throw new UsageError(
        `${source!.name} must be 'Name: value' (such as 'Authorization: Bearer …'), one header each; got a header without a valid name`,
      );
    }
    if (!HEADER_VALUE.test(value) || value === '')
      throw new UsageError(`${source!.name}: the value of ${name} must be printable ASCII on one line, and not empty`);
    return { name, value };
  });
  return Object.freeze(headers);
}

function checkList(source: Source | undefined): readonly CheckName[] {
  if (source === undefined) return Object.freeze([...CHECK_NAMES]);
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
  return Object.freeze(CHECK_NAMES.filter((name) => names.includes(name)));
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

function pactDir(source: Source | undefined): string {
  const dir = source === undefined ? PACTS_DIR : resolve(source.raw);
  if (!isDirectory(dir)) {
    throw new UsageError(`${source?.name ?? 'the pact folder'}: ${dir} is not a directory`);
  }
  return dir;
}

/**
 * The pact URLs, one per flag or line of the variable: http(s), and without credentials in them (a URL is
 * printed in every report; a broker's token goes in --pact-header, which is redacted).
 */
function pactUrls(source: Source | undefined): readonly string[] {
  const urls = lines(source).map((line) => {
    let url: URL;
    try {
      url = new URL(line.trim());
    } catch {
      throw new UsageError(`${source!.name} must be an http(s) URL of a pact, got ${JSON.stringify(line)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError(`${source!.name} must be an http or https URL, got ${JSON.stringify(line)}`);
    // Not echoed: a URL with credentials in it is a secret.
    if (url.username || url.password)
      throw new UsageError(`${source!.name} must not carry credentials (user:password@); send them with --pact-header`);
    return url.href;
  });
  return Object.freeze(urls);
}

export const VERIFY_FLAGS = defineFlags({
  'base-url': {
    type: 'string',
    value: 'URL',
    env: 'PROVIDER_BASE_URL',
    description: 'the provider to verify',
    defaultText: 'start the built-in reference provider on 127.0.0.1, a free port',
    resolve: httpUrl,
  },
  'states-url': {
    type: 'string',
    value: 'URL',
    env: 'PROVIDER_STATES_URL',
    description:
      'where provider states are set up; one given must work (else exit 2), a missing default skips the session checks',
    defaultText: `<base-url>${PROVIDER_STATES_PATH}`,
    resolve: httpUrl,
  },
  'api-key': {
    type: 'string',
    value: 'KEY',
    env: PROVIDER_API_KEY_ENV,
    description: 'the key the provider accepts; prefer the variable (a command line is visible to others)',
    defaultText: "the built-in provider's; required with --base-url",
    resolve: apiKey,
  },
  runs: {
    type: 'string',
    value: 'N',
    env: 'FC_NUM_RUNS',
    description: `fast-check cases to generate (at least ${GATE_MIN_RUNS}, so every check gets a case)`,
    defaultText: String(GATE_DEFAULT_RUNS),
    resolve: (source) => wholeNumber(source, GATE_MIN_RUNS, GATE_MAX_RUNS) ?? GATE_DEFAULT_RUNS,
  },
  seed: {
    type: 'string',
    value: 'N',
    env: 'FC_SEED',
    description: 'fast-check seed',
    defaultText: `${GATE_DEFAULT_SEED}, fixed so CI is reproducible`,
    resolve: (source) => wholeNumber(source, SEED_RANGE[0], SEED_RANGE[1]) ?? GATE_DEFAULT_SEED,
  },
  'replay-path': {
    type: 'string',
    value: 'PATH',
    description: 'replay one counterexample: the fast-check path printed with a failure (give its --seed too)',
    resolve: (source) => {
      if (source !== undefined && !/^\d+(:\d+)*$/.test(source.raw.trim())) {
        throw new UsageError(
          `${source.name} must be a fast-check path such as 12:0:3 (as printed with a failure), got ${JSON.stringify(source.raw)}`,
        );
      }
      return source?.raw.trim();
    },
  },
  'timeout-ms': {
    type: 'string',
    value: 'MS',
    description: 'per request; no complete answer by then fails no_hang',
    defaultText: String(GATE_DEFAULT_TIMEOUT_MS),
    resolve: (source) => wholeNumber(source, 1, GATE_MAX_TIMEOUT_MS) ?? GATE_DEFAULT_TIMEOUT_MS,
  },
  junit: { type: 'string', value: 'FILE', description: 'also write a JUnit XML report', resolve: outputFile },
  json: { type: 'string', value: 'FILE', description: 'also write a JSON report', resolve: outputFile },
  'session-id': {
    type: 'string',
    value: 'ID',
    description: 'a session you agree to have stopped, for the session checks when no states URL answers',
    resolve: (source) => {
      if (source !== undefined && !isUuid(source.raw.trim())) {
        throw new UsageError(`${source.name} must be a session id (a uuid), got ${JSON.stringify(source.raw)}`);
      }
      return source?.raw.trim().toLowerCase();
    },
  },
  checks: {
    type: 'string',
    value: 'LIST',
    description: 'comma-separated checks to run',
    defaultText: `all: ${CHECK_NAMES.join(', ')}`,
    resolve: checkList,
  },
  'pact-dir': {
    type: 'string',
    value: 'DIR',
    description: 'the pacts to verify',
    defaultText: 'the pacts/ folder of this suite',
    resolve: pactDir,
  },
  'pact-url': {
    type: 'string',
    multiple: true,
    value: 'URL',
    env: 'PACT_URLS',
    description:
      "also verify the pact served at URL (http or https, such as a broker's latest-pact link), repeatable (the variable: one per line)",
    field: 'pactUrls',
    resolve: pactUrls,
  },
  'pact-header': {
    type: 'string',
    multiple: true,
    value: "'NAME: VALUE'",
    env: 'PACT_URL_HEADERS',
    description:
      'a header for every --pact-url fetch, such as Authorization, repeatable (the variable: one per line); values are redacted like the key',
    field: 'pactHeaders',
    resolve: headerList,
  },
  'no-bundled-pacts': {
    type: 'boolean',
    description: 'verify only the --pact-url pacts, not the pact folder',
    // The engine asks the positive question: verify the pact folder too?
    field: 'pactFolder',
    resolve: (source) => !booleanFlag(source),
  },
  'skip-pact': {
    type: 'boolean',
    description: 'fuzz only: no Pact verification (accepts that it is not judged)',
    // The engine asks the positive question: run Pact verification?
    field: 'pact',
    resolve: (source) => !booleanFlag(source),
  },
  'allow-skips': {
    type: 'boolean',
    description: 'exit 0 even when Pact verification or a check could not be judged (named in the report)',
    defaultText: 'off: anything unjudged is exit 3',
    resolve: booleanFlag,
  },
  workers: {
    type: 'string',
    value: 'N',
    env: 'GATE_WORKERS',
    description: 'requests in flight at once (states calls included); the verdict is the same for any N',
    defaultText: String(GATE_DEFAULT_WORKERS),
    resolve: (source) => wholeNumber(source, 1, GATE_MAX_WORKERS) ?? GATE_DEFAULT_WORKERS,
  },
  'max-rps': {
    type: 'string',
    value: 'N',
    env: 'GATE_MAX_RPS',
    description: 'at most N requests a second to the provider and its states URL',
    defaultText: 'no cap (429 and Retry-After are honoured either way)',
    resolve: (source) => wholeNumber(source, 1, GATE_MAX_RPS_LIMIT),
  },
  'throttle-give-up-s': {
    type: 'string',
    value: 'S',
    env: 'GATE_THROTTLE_GIVE_UP_S',
    field: 'throttleGiveUpMs',
    description: 'seconds one request may go on being throttled (429, 503 + Retry-After) before the run gives up',
    defaultText: `${GATE_THROTTLE_GIVE_UP_MS / 1000} (a cold start of a minute passes)`,
    resolve: (source) =>
      (wholeNumber(source, 1, GATE_MAX_THROTTLE_GIVE_UP_S) ?? GATE_THROTTLE_GIVE_UP_MS / 1000) * 1000,
  },
  shard: {
    type: 'string',
    value: 'I/N',
    env: 'GATE_SHARD',
    description:
      'run only the I-th of N shares of the cases (1-based), for a CI matrix; Pact verification runs in shard 1',
    resolve: shard,
  },
  'states-header': {
    type: 'string',
    multiple: true,
    value: "'NAME: VALUE'",
    env: 'PROVIDER_STATES_HEADERS',
    description:
      'a header for every states URL call, repeatable (the variable: one per line); values are redacted like the key',
    field: 'statesHeaders',
    resolve: headerList,
  },
});
