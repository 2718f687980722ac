/**
 * The flags of `bu-contract diff`, each declared once next to the run they configure: the CLI parses and
 * documents exactly these, and a DiffRunConfig is what they resolve to (with the two spec files).
 */
import { statSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { booleanFlag, defineFlags, wholeNumber } from '../flags.ts';
import { DIFF_RUN_DEFAULTS } from './run.ts';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export const DIFF_FLAGS = defineFlags({
  json: { type: 'boolean', description: 'print the report as JSON, for tools', resolve: booleanFlag },
  pacts: {
    type: 'string',
    value: 'DIR',
    description: 'also check every pact in DIR, and the zod schemas, against NEW',
    field: 'pactsDir',
    resolve: (source) => {
      if (source !== undefined && !isDirectory(source.raw))
        throw new UsageError(`${source.name} ${source.raw}: no such folder`);
      return source?.raw;
    },
  },
  seed: {
    type: 'string',
    value: 'N',
    description: 'seed of the pattern and schema searches',
    defaultText: String(DIFF_RUN_DEFAULTS.seed),
    resolve: (source) => wholeNumber(source, 0, 2 ** 31 - 1) ?? DIFF_RUN_DEFAULTS.seed,
  },
});
