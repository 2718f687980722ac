/**
 * `bu-contract verify`: the CI gate. The command line read against the verify flag table
 * (contracts/gate/options.ts), and a call to the runner the tests call too.
 */
import { redactorOf, resolveGateConfig } from '../gate/config.ts';
import { VERIFY_FLAGS } from '../gate/options.ts';
import { redactor, type Redactor } from '../redact.ts';
import { SpecError } from '../spec.ts';
import { writeReports } from '../report/write.ts';
import { progressReporter } from '../gate/progress.ts';
import { runGate } from '../gate/runner.ts';
import { EXIT, Interrupted, UsageError } from '../errors.ts';
import { flagSource, helpText, lines, parseArgv, type Help } from '../flags.ts';
import { watchInterrupts } from './signals.ts';

const HELP: Help = {
  synopsis: '[options]',
  summary: [
    'Verifies a provider of Update Session against the consumer pacts and fuzzes the operation with fast-check, judging every response by named checks.',
    'Exit 0: every check that ran held (the last line names any skipped, accepted with --allow-skips or --skip-pact); 1: a contract was broken; 2: a usage or configuration problem (bad flag, unreachable provider, a given states URL that does not work, a states URL refusing a state); 3: something could not be judged and skips were not accepted.',
  ],
  examples: [
    { command: 'bu-contract verify', does: 'gate the built-in reference provider: the suite checking itself' },
    {
      command: 'BROWSER_USE_API_KEY=… bu-contract verify --base-url https://staging.example.com',
      does: 'gate your provider; its states URL is <base-url>/_pact/provider-states',
    },
    {
      command: 'bu-contract verify --base-url URL --junit reports/gate.xml --json reports/gate.json',
      does: 'also write reports for CI (the text report still goes to stdout)',
    },
    {
      command: 'bu-contract verify --base-url URL --seed 42 --replay-path 12:0:3 --checks no_hang',
      does: 'replay one printed counterexample',
    },
  ],
};

export async function run(argv: string[]): Promise<number> {
  // The environment is read by resolveGateConfig, so that a bad value's message names its variable.
  const args = parseArgv('verify', VERIFY_FLAGS, argv);
  if (args.help) {
    console.log(helpText('verify', HELP, VERIFY_FLAGS));
    return EXIT.ok;
  }
  if (args.positionals.length > 0)
    throw new UsageError(
      `verify takes no arguments, got ${JSON.stringify(args.positionals[0])} (see: bu-contract verify --help)`,
    );
  // Until the config is resolved, the secrets as given (flag or variable, read the one way every flag is);
  // every error leaving here goes out redacted.
  const given = (name: 'api-key' | 'states-header' | 'pact-header') =>
    lines(flagSource(VERIFY_FLAGS, args.given, process.env, name));
  const headerValues = [...given('states-header'), ...given('pact-header')].map((header) =>
    header.slice(header.indexOf(':') + 1).trim(),
  );
  let redact = redactor(given('api-key')[0] ?? '', headerValues);
  try {
    const config = resolveGateConfig(args.given, process.env);
    redact = redactorOf(config);
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
      writeReports(result, config, redact, (text) => process.stdout.write(text));
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
