/**
 * The verdict in one line, and what did not run. Fail closed: a run that could not judge Pact verification
 * or a check (no states URL, nothing to judge) must never read as if every check held, and exits 3 unless
 * the user accepted it: --skip-pact for Pact alone, --allow-skips for anything.
 */
import type { CheckResult, GateResult, PactSection } from '../runner.ts';

export interface SkippedPart {
  /** `Pact verification` or a check's name. */
  readonly name: string;
  readonly reason: string;
  /** Whether the user accepted that it is not judged. */
  readonly accepted: boolean;
  /** The flag that accepts it. */
  readonly acceptedBy: '--skip-pact' | '--allow-skips';
}

type Accepted = GateResult['accepted'];

/** `held`: nothing skipped; `held with skips`: skips accepted (exit 0); `incomplete`: skips not accepted (exit 3); `broken` wins (exit 1). */
export type ResultKind = 'held' | 'held with skips' | 'incomplete' | 'broken';

function skipped(pact: PactSection, checks: readonly CheckResult[], accepted: Accepted): SkippedPart[] {
  return [
    ...(pact.status === 'skipped' ? [{ name: 'Pact verification', reason: pact.reason, accepted: accepted.pactSkip, acceptedBy: '--skip-pact' as const }] : []),
    ...checks.filter((check) => check.status === 'skipped')
      .map((check) => ({ name: check.name, reason: check.note ?? 'skipped', accepted: accepted.anySkip, acceptedBy: '--allow-skips' as const })),
  ];
}

/** What could not be judged and the user did not accept: any of it makes the run incomplete. */
export function unacceptedSkips(pact: PactSection, checks: readonly CheckResult[], accepted: Accepted): SkippedPart[] {
  return skipped(pact, checks, accepted).filter((part) => !part.accepted);
}

export function skippedParts(result: GateResult): SkippedPart[] {
  return skipped(result.pact, result.checks, result.accepted);
}

export function resultKind(result: GateResult): ResultKind {
  if (result.exitCode === 1) return 'broken';
  if (result.exitCode === 3) return 'incomplete';
  return skippedParts(result).length === 0 ? 'held' : 'held with skips';
}

/** `every check held`, `every check that ran held; 3 skipped (accepted): …`, `INCOMPLETE: …`, or `CONTRACT BROKEN: …`. */
export function resultSummary(result: GateResult): string {
  const parts = skippedParts(result);
  const names = (list: readonly SkippedPart[]) => list.map((part) => part.name).join(', ');
  const open = parts.filter((part) => !part.accepted);
  const skips = parts.length === 0 ? '' : open.length === 0 ? `; ${parts.length} skipped (accepted): ${names(parts)}` : `; ${parts.length} skipped: ${names(parts)}`;
  switch (resultKind(result)) {
    case 'held':
    case 'held with skips':
      return `${parts.length === 0 ? 'every check held' : 'every check that ran held'}${skips}`;
    case 'incomplete': {
      const flags = [...new Set(open.map((part) => part.acceptedBy))];
      const accept = flags.length === 1 && flags[0] === '--skip-pact' ? '--skip-pact (or --allow-skips)' : `--allow-skips${open.some((part) => part.acceptedBy === '--skip-pact') ? ' (or --skip-pact for Pact alone)' : ''}`;
      return `INCOMPLETE: could not judge ${names(open)}; to accept that, run with ${accept}`;
    }
    case 'broken': {
      const broken = [...result.checks.filter((check) => check.status === 'failed').map((check) => check.name), ...(result.pact.status === 'failed' ? ['Pact verification'] : [])];
      return `CONTRACT BROKEN: ${broken.join(', ')}${skips}`;
    }
  }
}
