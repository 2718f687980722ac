/**
 * The verdict in one line, and what did not run. Fail closed: a run that could not judge Pact verification
 * or a check (no states URL, nothing to judge) must never read as if every check held, and exits 3 unless
 * the user accepted it: --skip-pact for Pact alone, --allow-skips for anything.
 */
import { EXIT } from '../errors.ts';
import type { GateResult } from '../gate/result.ts';
import { skipsOf, type SkippedPart } from '../gate/skips.ts';

export type { SkippedPart };

/** `held`: nothing skipped; `held with skips`: skips accepted (exit 0); `incomplete`: skips not accepted (exit 3); `broken` wins (exit 1). */
export type ResultKind = 'held' | 'held with skips' | 'incomplete' | 'broken';

export function skippedParts(result: GateResult): SkippedPart[] {
  return skipsOf(result.pact, result.checks, result.accepted);
}

export function resultKind(result: GateResult): ResultKind {
  if (result.exitCode === EXIT.broken) return 'broken';
  if (result.exitCode === EXIT.incomplete) return 'incomplete';
  return skippedParts(result).length === 0 ? 'held' : 'held with skips';
}

/** `every check held`, `every check that ran held; 3 skipped (accepted): …`, `INCOMPLETE: …`, or `CONTRACT BROKEN: …`. */
export function resultSummary(result: GateResult): string {
  const parts = skippedParts(result);
  const names = (list: readonly SkippedPart[]) => list.map((part) => part.name).join(', ');
  const open = parts.filter((part) => !part.accepted);
  const skips =
    parts.length === 0
      ? ''
      : open.length === 0
        ? `; ${parts.length} skipped (accepted): ${names(parts)}`
        : `; ${parts.length} skipped: ${names(parts)}`;
  switch (resultKind(result)) {
    case 'held':
    case 'held with skips':
      return `${parts.length === 0 ? 'every check held' : 'every check that ran held'}${skips}`;
    case 'incomplete': {
      const flags = [...new Set(open.map((part) => part.acceptedBy))];
      const accept =
        flags.length === 1 && flags[0] === '--skip-pact'
          ? '--skip-pact (or --allow-skips)'
          : `--allow-skips${open.some((part) => part.acceptedBy === '--skip-pact') ? ' (or --skip-pact for Pact alone)' : ''}`;
      return `INCOMPLETE: could not judge ${names(open)}; to accept that, run with ${accept}`;
    }
    case 'broken': {
      const broken = [
        ...result.checks.filter((check) => check.status === 'failed').map((check) => check.name),
        ...(result.pact.status === 'failed' ? ['Pact verification'] : []),
      ];
      return `CONTRACT BROKEN: ${broken.join(', ')}${skips}`;
    }
  }
}
