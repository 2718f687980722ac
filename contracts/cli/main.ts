/**
 * `bu-contract`: dispatches to one subcommand, each in its own module and loaded only when asked for.
 * User mistakes (UsageError, SpecError) become one line on stderr and exit 2; anything else is a bug in
 * the suite and keeps its stack.
 */
import { SpecError } from '../spec.ts';
import { EXIT, UsageError } from '../errors.ts';
import { didYouMean } from '../flags.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  verify: {
    summary: 'verify a provider: Pact verification plus property-based fuzzing (the CI gate)',
    load: () => import('./verify.ts'),
  },
  serve: { summary: 'run the reference Update Session provider', load: () => import('./serve.ts') },
  diff: {
    summary: 'say which changes between two versions of the spec break consumers',
    load: () => import('./diff.ts'),
  },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`);
  return [
    'Usage: bu-contract <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -v, --version  print the version',
    '',
    'Examples:',
    '  bu-contract help verify',
    "      the gate's options, with examples (as `bu-contract verify --help`)",
    '  bu-contract verify --base-url https://staging.example.com',
    '      gate a provider (the key from BROWSER_USE_API_KEY)',
  ].join('\n');
}

function unknownCommand(name: string): string {
  const near = didYouMean(name, Object.keys(COMMANDS));
  return `bu-contract: unknown command ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : ''} (commands: ${Object.keys(COMMANDS).join(', ')})`;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...others] = argv;
  if (first === '--version' || first === '-v' || first === '-V' || first === 'version') {
    console.log(`${TOOL_NAME} ${TOOL_VERSION}`);
    return EXIT.ok;
  }
  // `bu-contract help verify` is `bu-contract verify --help`.
  const [name, rest] = first === 'help' && others[0] !== undefined ? [others[0], ['--help']] : [first, others];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(
      name.startsWith('-')
        ? `bu-contract: unknown option ${JSON.stringify(name)} (see: bu-contract --help)`
        : unknownCommand(name),
    );
    return EXIT.usage;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bu-contract ${name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof SpecError) {
      console.error(`bu-contract ${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
