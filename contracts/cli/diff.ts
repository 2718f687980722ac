/**
 * `bu-contract diff OLD NEW`: which changes between two versions of the spec break clients of
 * PATCH /sessions/{session_id}. Flags are read here once; the work is `runSpecDiff`, the same function the
 * tests call.
 */
import { statSync } from 'node:fs';
import { MissingOperationError } from '../diff/locate.ts';
import { renderJson, renderText } from '../diff/render.ts';
import {
  DIFF_RUN_DEFAULTS,
  runSpecDiff,
  type ContractReport,
  type DiffRunConfig,
  type PactSource,
} from '../diff/run.ts';
import { SpecError } from '../spec.ts';
import { EXIT, UsageError, integerFlag } from '../errors.ts';
import { helpText, parseFlags, wantsHelp, type FlagTable } from './flags.ts';

const FLAGS = {
  json: { type: 'boolean', description: 'print the report as JSON, for tools' },
  pacts: {
    type: 'string',
    value: 'DIR',
    description: 'check the pacts in DIR against NEW instead of the bundled ones',
    defaultText: 'the pacts bundled with bu-contract',
  },
  'no-pacts': {
    type: 'boolean',
    description: 'check neither pacts nor zod schemas against NEW: a plain spec diff',
  },
  seed: {
    type: 'string',
    value: 'N',
    description: 'seed of the pattern and schema searches',
    defaultText: String(DIFF_RUN_DEFAULTS.seed),
  },
} as const satisfies FlagTable;

const SUMMARY = [
  'Compares PATCH /sessions/{session_id} in two versions of the spec (YAML or JSON; a whole OpenAPI',
  'document or one holding just the operation) and says which changes break existing clients, and why.',
  '',
  'Unless --no-pacts, it also checks the consumer pacts (the bundled ones, or --pacts DIR) and the zod',
  'schemas against NEW. A zod schema breaks clients where it refuses a response NEW allows, or allows a',
  'request NEW refuses; the other direction (zod merely looser for responses, stricter for requests) is',
  'a note.',
  '',
  'Exit codes: 0 nothing breaking; 1 at least one breaking change, a pact that no longer holds or a zod',
  'schema that breaks clients; 2 a file missing, unreadable or not OpenAPI',
  '(or a bug in the diff itself: never read as a verdict).',
].join('\n');

interface DiffCommand extends DiffRunConfig {
  readonly json: boolean;
}

function resolveDiffCommand(argv: string[]): DiffCommand | 'help' {
  const args = parseFlags('diff', FLAGS, argv);
  if (wantsHelp(args)) return 'help';
  if (args.positionals.length !== 2) {
    throw new UsageError(
      `needs two spec files, OLD and NEW; got ${args.positionals.length} (see: bu-contract diff --help)`,
    );
  }
  const [oldPath, newPath] = args.positionals as [string, string];
  return {
    ...DIFF_RUN_DEFAULTS,
    oldPath,
    newPath,
    pacts: pactSource(args.flags.pacts, args.flags['no-pacts'] === true),
    seed: integerFlag('seed', args.flags.seed, 0, 2 ** 31 - 1) ?? DIFF_RUN_DEFAULTS.seed,
    json: args.flags.json === true,
  };
}

function pactSource(dir: string | undefined, none: boolean): PactSource {
  if (dir !== undefined && none) throw new UsageError('--pacts and --no-pacts contradict each other: give one');
  if (none) return 'none';
  if (dir === undefined) return DIFF_RUN_DEFAULTS.pacts;
  if (!isDirectory(dir)) throw new UsageError(`--pacts ${dir}: no such folder`);
  return { dir, bundled: false };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Exit 1 means "NEW breaks clients", so a crash must never end with it: a bug in the diff itself is one
 * line on stderr and exit 2, like any other reason the command could not give a verdict.
 */
export async function run(
  argv: string[],
  diff: (config: DiffRunConfig) => Promise<ContractReport> = runSpecDiff,
): Promise<number> {
  const command = resolveDiffCommand(argv);
  if (command === 'help') {
    console.log(helpText('diff', 'OLD NEW', SUMMARY, FLAGS));
    return EXIT.ok;
  }
  let report: ContractReport;
  try {
    report = await diff(command);
  } catch (error) {
    if (error instanceof MissingOperationError) throw new UsageError(error.message);
    if (error instanceof UsageError || error instanceof SpecError) throw error;
    const what = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    console.error(
      `bu-contract diff: internal error, no verdict on the specs: ${what} (a bug in bu-contract: please report it with both files)`,
    );
    return EXIT.usage;
  }
  console.log(command.json ? renderJson(report) : renderText(report));
  return report.exitCode;
}
