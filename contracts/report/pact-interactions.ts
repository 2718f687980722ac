/**
 * The interactions a pact folder holds, read without verifying anything: when Pact verification was
 * skipped, each is still reported (as skipped) under its own name, so a CI's test history keeps one
 * entry per interaction whether or not it ran.
 */
import { listPactFiles, readPactInteractions, type PactInteractionName } from '../pacts/files.ts';

/** Every interaction in `pactDir`, in file order; undefined when the folder or a file can't be read. */
export function pactInteractionNames(pactDir: string): PactInteractionName[] | undefined {
  try {
    return listPactFiles(pactDir).flatMap(readPactInteractions);
  } catch {
    // Only names for a report: a pact that can't be read is reported as one skipped verification instead.
    return undefined;
  }
}
