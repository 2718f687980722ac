/**
 * The verdict in one line, and what did not run. Fail closed: a run that could not judge Pact verification
 * or a check (no states URL, nothing to judge) must never read as if every check held, and exits 3 unless
 * the user accepted it: --skip-pact for Pact alone, --allow-skips for anything.
 */
import { EXIT } from '../errors.ts';
import type { GateResult } from '../gate/result.ts';
import { skipsOf, type SkippedPart } from '../gate/skips.ts';

export type { SkippedPart };

/**
 * `held`: nothing skipped; `held with skips`: skips accepted (exit 0); `incomplete`: skips not accepted (exit 3);
 * `broken` wins (exit 1); `interrupted` (SIGINT/SIGTERM, exit 130/143) wins over all: a partial run is no verdict.
 */
export type ResultKind = 'held' | 'held with skips' | 'incomplete' | 'broken' | 'interrupted';

export function skippedParts(result: GateResult): SkippedPart[] {
  return skipsOf(result.pact, result.checks, result.accepted);
}

export function resultKind(result: GateResult): ResultKind {
  if (result.interrupted !== undefined) return 'interrupted';
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
    case 'interrupted': {
      const failed = result.checks.filter((check) => check.status === 'failed').map((check) => check.name);
      return `INTERRUPTED by ${result.interrupted ?? 'a signal'} after ${result.fuzz.cases} cases: no verdict${failed.length > 0 ? `; broken so far: ${failed.join(', ')}` : ''}`;
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

/**
 * Said first in every report of a run against the built-in reference provider: such a run proves the suite,
 * not a provider, and must never pass for a provider's green (an unset base URL in CI).
 */
export function builtInNotice(result: GateResult): string | undefined {
  return result.provider.builtIn
    ? "BUILT-IN REFERENCE PROVIDER: this run verified the suite's own provider, not yours (no --base-url given)"
    : undefined;
}

/** What the run cost the provider, in one line: requests by whom, the peak rate, and the --max-rps that avoids any throttling. */
export function costLine(result: GateResult): string {
  const { requests, peakRps } = result.cost;
  const { suggestedMaxRps } = result.transport;
  const avoid = suggestedMaxRps === undefined ? '' : `; --max-rps ${suggestedMaxRps} would have avoided the throttling`;
  return `${requests.total} requests (operation ${requests.operation}, states ${requests.states}, Pact ${requests.pact}), peak ${peakRps}/s${avoid}`;
}
