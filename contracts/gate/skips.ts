/**
 * What a run could not judge, and whether the user accepted that: --skip-pact accepts Pact verification
 * not being judged, --allow-skips anything. Fail closed: a part not judged and not accepted makes the run
 * incomplete (exit 3). The runner decides the exit code by it; the reports word it (report/outcome.ts).
 */
import type { CheckResult, GateResult, PactSection } from './result.ts';

export interface SkippedPart {
  /** `Pact verification` or a check's name. */
  readonly name: string;
  readonly reason: string;
  /** Whether the user accepted that it is not judged. */
  readonly accepted: boolean;
  /** The flag that accepts it. */
  readonly acceptedBy: '--skip-pact' | '--allow-skips';
}

type AcceptedSkips = GateResult['accepted'];

export function skipsOf(pact: PactSection, checks: readonly CheckResult[], accepted: AcceptedSkips): SkippedPart[] {
  return [
    ...(pact.status === 'skipped'
      ? [
          {
            name: 'Pact verification',
            reason: pact.reason,
            accepted: accepted.pactSkip,
            acceptedBy: '--skip-pact' as const,
          },
        ]
      : []),
    ...checks
      .filter((check) => check.status === 'skipped')
      .map((check) => ({
        name: check.name,
        reason: check.note ?? 'skipped',
        accepted: accepted.anySkip,
        acceptedBy: '--allow-skips' as const,
      })),
  ];
}
