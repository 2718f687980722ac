/**
 * `bu-contract verify`: the CI gate. A flag table, and a call to the runner the tests call too; all
 * defaults and validation live in contracts/gate/config.ts.
 */
import { CHECK_NAMES } from '../checks/registry.ts';
import {
  GATE_DEFAULT_RUNS,
  GATE_DEFAULT_SEED,
  GATE_DEFAULT_TIMEOUT_MS,
  GATE_DEFAULT_WORKERS,
  PROVIDER_STATES_PATH,
} from '../config.ts';
import { GATE_ENV, resolveGateConfig } from '../gate/config.ts';
import { redactor, type Redactor } from '../redact.ts';
import { SpecError } from '../spec.ts';
import { writeReports } from '../report/write.ts';
import { progressReporter } from '../gate/progress.ts';
import { runGate } from '../gate/runner.ts';
import { EXIT, Interrupted, UsageError } from '../errors.ts';
import { watchInterrupts } from './signals.ts';
import { helpText, parseFlags, wantsHelp, type FlagTable } from './flags.ts';

const FLAGS = {
  'base-url': {
    type: 'string',
    value: 'URL',
    env: GATE_ENV['base-url'],
    description: 'the provider to verify',
    defaultText: 'start the built-in reference provider on 127.0.0.1, a free port',
  },
  'states-url': {
    type: 'string',
    value: 'URL',
    env: GATE_ENV['states-url'],
    description:
      'where provider states are set up; one given must work (else exit 2), a missing default skips the session checks',
    defaultText: `<base-url>${PROVIDER_STATES_PATH}`,
  },
  'api-key': {
    type: 'string',
    value: 'KEY',
    env: GATE_ENV['api-key'],
    description: 'the key the provider accepts; prefer the variable (a command line is visible to others)',
    defaultText: "the built-in provider's; required with --base-url",
  },
  runs: {
    type: 'string',
    value: 'N',
    env: GATE_ENV.runs,
    description: 'fast-check cases to generate',
    defaultText: String(GATE_DEFAULT_RUNS),
  },
  seed: {
    type: 'string',
    value: 'N',
    env: GATE_ENV.seed,
    description: 'fast-check seed',
    defaultText: `${GATE_DEFAULT_SEED}, fixed so CI is reproducible`,
  },
  'replay-path': {
    type: 'string',
    value: 'PATH',
    description: 'replay one counterexample: the fast-check path printed with a failure (give its --seed too)',
  },
  'timeout-ms': {
    type: 'string',
    value: 'MS',
    description: 'per request; no complete answer by then fails no_hang',
    defaultText: String(GATE_DEFAULT_TIMEOUT_MS),
  },
  junit: { type: 'string', value: 'FILE', description: 'also write a JUnit XML report' },
  json: { type: 'string', value: 'FILE', description: 'also write a JSON report' },
  'session-id': {
    type: 'string',
    value: 'ID',
    description: 'a session you agree to have stopped, for the session checks when no states URL answers',
  },
  checks: {
    type: 'string',
    value: 'LIST',
    description: 'comma-separated checks to run',
    defaultText: `all: ${CHECK_NAMES.join(', ')}`,
  },
  'pact-dir': {
    type: 'string',
    value: 'DIR',
    description: 'the pacts to verify',
    defaultText: 'the pacts/ folder of this suite',
  },
  'skip-pact': { type: 'boolean', description: 'fuzz only: no Pact verification (accepts that it is not judged)' },
  'allow-skips': {
    type: 'boolean',
    description: 'exit 0 even when Pact verification or a check could not be judged (named in the report)',
    defaultText: 'off: anything unjudged is exit 3',
  },
  workers: {
    type: 'string',
    value: 'N',
    env: GATE_ENV.workers,
    description: 'requests in flight at once (states calls included); the verdict is the same for any N',
    defaultText: String(GATE_DEFAULT_WORKERS),
  },
  'max-rps': {
    type: 'string',
    value: 'N',
    env: GATE_ENV['max-rps'],
    description: 'at most N requests a second to the provider and its states URL',
    defaultText: 'no cap (429 and Retry-After are honoured either way)',
  },
  shard: {
    type: 'string',
    value: 'I/N',
    env: GATE_ENV.shard,
    description:
      'run only the I-th of N shares of the cases (1-based), for a CI matrix; Pact verification runs in shard 1',
  },
  'states-header': {
    type: 'string',
    multiple: true,
    value: "'NAME: VALUE'",
    env: GATE_ENV['states-header'],
    description:
      'a header for every states URL call, repeatable (the variable: one per line); values are redacted like the key',
  },
} as const satisfies FlagTable;

const SUMMARY = [
  'Verifies a provider of Update Session against the consumer pacts and fuzzes the operation with',
  'fast-check, judging every response by named checks. Exit 0: every check that ran held (the last line',
  'names any skipped, accepted with --allow-skips or --skip-pact); 1: a contract was broken; 2: a usage or',
  'configuration problem (bad flag, unreachable provider, a given states URL that does not work, a states URL',
  'refusing a state); 3: something could not be judged and skips were not accepted.',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  // The environment is read by resolveGateConfig, so that a bad value's message names its variable.
  const args = parseFlags('verify', FLAGS, argv, {});
  if (wantsHelp(args)) {
    console.log(helpText('verify', '[options]', SUMMARY, FLAGS));
    return EXIT.ok;
  }
  if (args.positionals.length > 0)
    throw new UsageError(
      `verify takes no arguments, got ${JSON.stringify(args.positionals[0])} (see: bu-contract verify --help)`,
    );
  // Until the config is resolved, the key as given; every error leaving here goes out redacted.
  const statesHeaderValues = (args.flags['states-header'] ?? []).map((header) =>
    header.slice(header.indexOf(':') + 1).trim(),
  );
  let redact = redactor(args.flags['api-key'] ?? process.env[GATE_ENV['api-key']] ?? '', statesHeaderValues);
  try {
    const config = resolveGateConfig(args.flags, process.env);
    redact = redactor(
      config.apiKey,
      config.statesHeaders.map((header) => header.value),
    );
    const progress = progressReporter({
      write: (text) => process.stderr.write(redact(text)),
      live: process.stderr.isTTY,
    });
    // A log line ends a live progress line first, so the two never share a line of the terminal.
    const log = (line: string) => {
      progress.end();
      process.stderr.write(`${redact(line)}\n`);
    };
    const interrupts = watchInterrupts({ say: (line) => log(`bu-contract verify: ${line}`) });
    try {
      const result = await runGate(config, { log, progress: progress.update, signal: interrupts.signal }).finally(
        progress.end,
      );
      writeReports(result, config, (text) => process.stdout.write(text));
      return result.exitCode;
    } finally {
      interrupts.dispose();
    }
  } catch (error) {
    // Interrupted before anything was judged: said already, nothing to report.
    if (error instanceof Interrupted) return error.exitCode;
    throw redactedError(error, redact);
  }
}

/** `error` with the key taken out of its message (and stack), keeping its class, so main.ts exits as it would have. */
function redactedError(error: unknown, redact: Redactor): Error {
  if (error instanceof UsageError) return new UsageError(redact(error.message), error.exitCode);
  if (error instanceof SpecError) return new SpecError(error.code, redact(error.file), redact(error.problem));
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  if (error.stack !== undefined) copy.stack = redact(error.stack);
  return copy;
}
