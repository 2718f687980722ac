/** Where the suite's pacts live and what they are called. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSUMER_NAME, PROVIDER_NAME } from '../config.ts';

export const PACTS_DIR = fileURLToPath(new URL('../../pacts/', import.meta.url));
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`;

/** The pact files in a folder, as paths, in a stable order; a folder that can't be read throws, naming it. */
export function listPactFiles(pactDir: string): string[] {
  try {
    return readdirSync(pactDir).filter((name) => name.endsWith('.json')).sort().map((name) => join(pactDir, name));
  } catch (error) {
    throw new Error(`cannot read the pact folder ${pactDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
