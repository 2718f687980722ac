/**
 * The interactions a pact folder holds, read without verifying anything: when Pact verification was
 * skipped, each is still reported (as skipped) under its own name, so a CI's test history keeps one
 * entry per interaction whether or not it ran.
 */
import { readFileSync } from 'node:fs';
import { listPactFiles } from '../pacts/files.ts';

export interface PactInteractionName {
  readonly description: string;
  readonly states: readonly string[];
}

interface PactFile {
  readonly interactions?: ReadonlyArray<{ description?: unknown; providerStates?: ReadonlyArray<{ name?: unknown }> }>;
}

/** Every interaction in `pactDir`, in file order; undefined when the folder or a file can't be read. */
export function pactInteractionNames(pactDir: string): PactInteractionName[] | undefined {
  try {
    return listPactFiles(pactDir).flatMap((path) =>
      ((JSON.parse(readFileSync(path, 'utf8')) as PactFile).interactions ?? []).map((interaction) => ({
        description: String(interaction.description),
        states: (interaction.providerStates ?? []).map((state) => String(state.name)),
      })),
    );
  } catch {
    // Only names for a report: a pact that can't be read is reported as one skipped verification instead.
    return undefined;
  }
}
