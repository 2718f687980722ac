/**
 * The flags of `bu-contract diff`, each declared once next to the run they configure: the CLI parses and
 * documents exactly these, and a DiffRunConfig is what they resolve to (with the two spec files).
 */
import { UsageError } from '../errors.ts';
import { booleanFlag, defineFlags, isDirectory, wholeNumber } from '../flags.ts';
import { DIFF_RUN_DEFAULTS, type PactSource } from './run.ts';

export const DIFF_FLAGS = defineFlags({
  json: { type: 'boolean', description: 'print the report as JSON, for tools', resolve: booleanFlag },
  pacts: {
    type: 'string',
    value: 'DIR',
    description: 'check the pacts in DIR against NEW instead of the bundled ones',
    defaultText: 'the pacts bundled with bu-contract',
    field: 'pactsDir',
    resolve: (source) => {
      if (source !== undefined && !isDirectory(source.raw))
        throw new UsageError(`${source.name} ${source.raw}: no such folder`);
      return source?.raw;
    },
  },
  'no-pacts': {
    type: 'boolean',
    description: 'check neither pacts nor zod schemas against NEW: a plain spec diff',
    resolve: booleanFlag,
  },
  seed: {
    type: 'string',
    value: 'N',
    description: 'seed of the pattern and schema searches',
    defaultText: String(DIFF_RUN_DEFAULTS.seed),
    resolve: (source) => wholeNumber(source, 0, 2 ** 31 - 1) ?? DIFF_RUN_DEFAULTS.seed,
  },
});

/** `--pacts DIR` and `--no-pacts`, read together: the bundled pacts unless either is given, never both. */
export function pactSource(dir: string | undefined, none: boolean): PactSource {
  if (dir !== undefined && none) throw new UsageError('--pacts and --no-pacts contradict each other: give one');
  if (none) return 'none';
  return dir === undefined ? DIFF_RUN_DEFAULTS.pacts : { dir, bundled: false };
}
