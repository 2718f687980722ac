/**
 * `bu-contract`: dispatches to one subcommand, each in its own module and loaded only when asked for.
 * User mistakes (UsageError, SpecError) become one line on stderr and exit 2; anything else is a bug in
 * the suite and keeps its stack.
 */
import { SpecError } from '../spec.ts';
import { EXIT, UsageError } from '../errors.ts';
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
    'Run `bu-contract <command> --help` for its options, `bu-contract --version` for the version.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`${TOOL_NAME} ${TOOL_VERSION}`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(
      `bu-contract: unknown command ${JSON.stringify(name)} (commands: ${Object.keys(COMMANDS).join(', ')})`,
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
