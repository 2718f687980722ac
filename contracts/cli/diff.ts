/**
 * `bu-contract diff OLD NEW`: which changes between two versions of the spec break clients of
 * PATCH /sessions/{session_id}. Flags are read here once; the work is `runSpecDiff`, the same function the
 * tests call.
 */
import { statSync } from 'node:fs';
import { MissingOperationError } from '../diff/locate.ts';
import { renderJson, renderText } from '../diff/render.ts';
import { DIFF_RUN_DEFAULTS, runSpecDiff, type DiffRunConfig } from '../diff/run.ts';
import { EXIT, UsageError, helpText, integerFlag, parseFlags, wantsHelp, type FlagTable } from './flags.ts';

const FLAGS = {
  json: { type: 'boolean', description: 'print the report as JSON, for tools' },
  pacts: { type: 'string', value: 'DIR', description: 'also check every pact in DIR, and the zod schemas, against NEW' },
  seed: { type: 'string', value: 'N', description: 'seed of the pattern and schema searches', defaultText: String(DIFF_RUN_DEFAULTS.seed) },
} as const satisfies FlagTable;

const SUMMARY = [
  'Compares PATCH /sessions/{session_id} in two versions of the spec (YAML or JSON; a whole OpenAPI',
  'document or one holding just the operation) and says which changes break existing clients, and why.',
  '',
  'Exit codes: 0 nothing breaking; 1 at least one breaking change (or, with --pacts, a pact that no',
  'longer holds or a zod schema that disagrees with NEW); 2 a file missing, unreadable or not OpenAPI.',
].join('\n');

interface DiffCommand extends DiffRunConfig {
  readonly json: boolean;
}

function resolveDiffCommand(argv: string[]): DiffCommand | 'help' {
  const args = parseFlags('diff', FLAGS, argv);
  if (wantsHelp(args)) return 'help';
  if (args.positionals.length !== 2) {
    throw new UsageError(`needs two spec files, OLD and NEW; got ${args.positionals.length} (see: bu-contract diff --help)`);
  }
  const [oldPath, newPath] = args.positionals as [string, string];
  const pactsDir = args.flags.pacts;
  if (pactsDir !== undefined && !isDirectory(pactsDir)) throw new UsageError(`--pacts ${pactsDir}: no such folder`);
  return {
    ...DIFF_RUN_DEFAULTS,
    oldPath,
    newPath,
    pactsDir,
    seed: integerFlag('seed', args.flags.seed, 0, 2 ** 31 - 1) ?? DIFF_RUN_DEFAULTS.seed,
    json: args.flags.json === true,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function run(argv: string[]): Promise<number> {
  const command = resolveDiffCommand(argv);
  if (command === 'help') {
    console.log(helpText('diff', 'OLD NEW', SUMMARY, FLAGS));
    return EXIT.ok;
  }
  try {
    const report = await runSpecDiff(command);
    console.log(command.json ? renderJson(report) : renderText(report));
    return report.exitCode;
  } catch (error) {
    if (error instanceof MissingOperationError) throw new UsageError(error.message);
    throw error;
  }
}
