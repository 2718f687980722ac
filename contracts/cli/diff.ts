/**
 * `bu-contract diff OLD NEW`: which changes between two versions of the spec break clients of
 * PATCH /sessions/{session_id}. Flags are read here once; the work is `runSpecDiff`, the same function the
 * tests call.
 */
import { DIFF_FLAGS, pactSource } from '../diff/options.ts';
import { MissingOperationError } from '../diff/locate.ts';
import { renderJson, renderText } from '../diff/render.ts';
import { DIFF_RUN_DEFAULTS, runSpecDiff, type ContractReport, type DiffRunConfig } from '../diff/run.ts';
import { SpecError } from '../spec.ts';
import { EXIT, UsageError } from '../errors.ts';
import { helpText, parseArgv, resolveFlags, type Help } from '../flags.ts';

const HELP: Help = {
  synopsis: 'OLD NEW [options]',
  summary: [
    'Compares PATCH /sessions/{session_id} in two versions of the spec (YAML or JSON; a whole OpenAPI document or one holding just the operation) and says which changes break existing clients, and why.',
    'Unless --no-pacts, it also checks the consumer pacts (the bundled ones, or --pacts DIR) and the zod schemas against NEW. A zod schema breaks clients where it refuses a response NEW allows, or allows a request NEW refuses; the other direction (zod merely looser for responses, stricter for requests) is a note.',
    'Exit codes: 0 nothing breaking; 1 at least one breaking change, a pact that no longer holds or a zod schema that breaks clients; 2 a file missing, unreadable or not OpenAPI (or a bug in the diff itself: never read as a verdict).',
  ],
  examples: [
    {
      command: 'bu-contract diff old.yaml new.yaml',
      does: 'say which changes break clients, and whether the bundled pacts and the zod schemas still hold',
    },
    { command: 'bu-contract diff old.yaml new.yaml --pacts pacts/', does: 'check the pacts in pacts/ instead' },
    {
      command: 'bu-contract diff old.yaml new.yaml --no-pacts --json > diff.json',
      does: 'the spec diff alone, as JSON',
    },
  ],
};

interface DiffCommand extends DiffRunConfig {
  readonly json: boolean;
}

function resolveDiffCommand(argv: string[]): DiffCommand | 'help' {
  const args = parseArgv('diff', DIFF_FLAGS, argv);
  if (args.help) return 'help';
  if (args.positionals.length !== 2) {
    throw new UsageError(
      `needs two spec files, OLD and NEW; got ${args.positionals.length} (see: bu-contract diff --help)`,
    );
  }
  const [oldPath, newPath] = args.positionals as [string, string];
  const { pactsDir, noPacts, ...rest } = resolveFlags(DIFF_FLAGS, args.given, process.env).config;
  return { ...DIFF_RUN_DEFAULTS, oldPath, newPath, ...rest, pacts: pactSource(pactsDir, noPacts) };
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
    console.log(helpText('diff', HELP, DIFF_FLAGS));
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
