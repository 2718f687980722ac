/** Where the suite's pacts live, what they are called, and what interactions a pact file holds. */
import { readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSUMER_NAME, PROVIDER_NAME } from '../config.ts';

export const PACTS_DIR = fileURLToPath(new URL('../../pacts/', import.meta.url));
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`;

/**
 * The pact a team publishes to a broker (PactFlow's bi-directional testing compares it with the spec):
 * every interaction in it is one the spec routes.
 */
export const PUBLISHED_PACT = join(PACTS_DIR, PACT_FILE_NAME);

/**
 * Interactions whose request the spec does not route — a session id that is not a uuid is no path of
 * `/sessions/{session_id}` (format: uuid), so a spec-vs-pact comparator refuses it as an unknown path.
 * They live in a subfolder so that publishing `pacts/*.json` leaves them out, while verification and the
 * pact-vs-spec check still read them (listPactFiles descends into subfolders).
 */
export const OUTSIDE_SPEC_PACTS_DIR = join(PACTS_DIR, 'outside-the-spec');
export const OUTSIDE_SPEC_PACT = join(OUTSIDE_SPEC_PACTS_DIR, PACT_FILE_NAME);

/**
 * The pact files in a folder and its subfolders, as paths, in a stable order (a folder's own files before
 * its subfolders'); dot-entries (files being written) are skipped. A folder that can't be read throws, naming it.
 */
export function listPactFiles(pactDir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(pactDir, { withFileTypes: true });
  } catch (error) {
    throw new Error(
      `cannot read the pact folder ${pactDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const visible = entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files = visible
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(pactDir, entry.name));
  const nested = visible
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => listPactFiles(join(pactDir, entry.name)));
  return [...files, ...nested];
}

/** An interaction as a pact names it: its description and the provider states it needs, in order. */
export interface PactInteractionName {
  readonly description: string;
  readonly states: readonly string[];
}

interface PactJson {
  readonly interactions?: ReadonlyArray<{ description?: unknown; providerStates?: ReadonlyArray<{ name?: unknown }> }>;
}

/**
 * The interactions of one pact file, in file order: the one reading of a pact's names that verification
 * and the reports share, so a report names an interaction as verification did. Throws when the file can't
 * be read or is not a pact's JSON.
 */
export function readPactInteractions(path: string): PactInteractionName[] {
  return ((JSON.parse(readFileSync(path, 'utf8')) as PactJson).interactions ?? []).map((interaction) => ({
    description: String(interaction.description),
    states: (interaction.providerStates ?? []).map((state) => String(state.name)),
  }));
}
