/**
 * The verdict in one line, and what did not run: a run that skipped Pact verification or a check (no
 * states URL, --skip-pact, nothing to judge) must never read as if every check held.
 */
import type { GateResult } from '../runner.ts';

export interface SkippedPart {
  /** `Pact verification` or a check's name. */
  readonly name: string;
  readonly reason: string;
}

export function skippedParts(result: GateResult): SkippedPart[] {
  return [
    ...(result.pact.status === 'skipped' ? [{ name: 'Pact verification', reason: result.pact.reason }] : []),
    ...result.checks.filter((check) => check.status === 'skipped').map((check) => ({ name: check.name, reason: check.note ?? 'skipped' })),
  ];
}

/** `every check held`, `every check that ran held; 3 skipped: …`, or `CONTRACT BROKEN: …`. */
export function resultSummary(result: GateResult): string {
  const skipped = skippedParts(result);
  const skips = skipped.length === 0 ? '' : `; ${skipped.length} skipped: ${skipped.map((part) => part.name).join(', ')}`;
  if (result.exitCode === 0) return `${skipped.length === 0 ? 'every check held' : 'every check that ran held'}${skips}`;
  const broken = [...result.checks.filter((check) => check.status === 'failed').map((check) => check.name), ...(result.pact.status === 'failed' ? ['Pact verification'] : [])];
  return `CONTRACT BROKEN: ${broken.join(', ')}${skips}`;
}
