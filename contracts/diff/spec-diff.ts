/**
 * The spec regression check: which changes between two versions of the Update Session operation break a
 * consumer. Finds the operation on both sides, walks everything it references, and returns the findings
 * as data, breaking first.
 */
import { DIFF_PATTERN_RUNS, DIFF_SEED } from '../config.ts';
import { Collector } from './collector.ts';
import { compareOperations } from './compare-operation.ts';
import { shapeAssumption, type SpecDocument } from './documents.ts';
import { bySeverity, type Finding } from './finding.ts';
import { locateNew, locateOld } from './locate.ts';

export interface DiffOptions {
  /** Seed of the pattern search. */
  readonly seed: number;
  /** Strings drawn from each source per pattern pair. */
  readonly patternRuns: number;
}

const DEFAULT_DIFF_OPTIONS: DiffOptions = { seed: DIFF_SEED, patternRuns: DIFF_PATTERN_RUNS };

export interface DiffSummary {
  readonly breaking: number;
  readonly safe: number;
  readonly notes: number;
}

export interface DiffReport {
  readonly old: string;
  readonly new: string;
  /** The operation as OLD has it, e.g. `PATCH /sessions/{session_id}`. */
  readonly operation: string;
  /** What was taken for granted about a file that leaves something unsaid (the operation's path, a security scheme). */
  readonly assumptions: readonly string[];
  readonly findings: readonly Finding[];
  readonly summary: DiffSummary;
}

export async function diffSpecs(
  old: SpecDocument,
  next: SpecDocument,
  options: DiffOptions = DEFAULT_DIFF_OPTIONS,
): Promise<DiffReport> {
  const out = new Collector(old, next);
  const oldSite = locateOld(old);
  const newSite = locateNew(oldSite, next, out);
  if (newSite) compareOperations(oldSite, newSite, out);
  if (out.patterns.length > 0) {
    // fast-check is only needed when two patterns differ.
    const { judgePatterns } = await import('./judge-patterns.ts');
    judgePatterns(out, { seed: options.seed, runs: options.patternRuns });
  }
  const findings = bySeverity(out.findings());
  return {
    old: old.spec.source,
    new: next.spec.source,
    operation: `${oldSite.method.toUpperCase()} ${oldSite.path}`,
    assumptions: [
      ...[old, next].map(shapeAssumption).filter((text): text is string => text !== undefined),
      ...out.assumptions(),
    ],
    findings,
    summary: summarize(findings),
  };
}

export function summarize(findings: readonly Finding[]): DiffSummary {
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  return { breaking: count('breaking'), safe: count('safe'), notes: count('note') };
}
