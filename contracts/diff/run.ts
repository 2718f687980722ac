/**
 * One run of `bu-contract diff`: load both files, diff them, and with a pact folder also check the pacts
 * and the zod schemas against NEW. Returns the whole report as data, its exit code included.
 */
import { DIFF_PATTERN_RUNS, DIFF_SCHEMA_SAMPLES, DIFF_SEED } from '../config.ts';
import { loadSpecDocument } from './documents.ts';
import type { PactCheck, SchemaCheck } from './holds-against-new.ts';
import { diffSpecs, type DiffReport } from './spec-diff.ts';

export interface DiffRunConfig {
  readonly oldPath: string;
  readonly newPath: string;
  /** Check the pacts in this folder, and the zod schemas, against NEW. */
  readonly pactsDir?: string | undefined;
  readonly seed: number;
  readonly patternRuns: number;
  readonly schemaSamples: number;
}

export const DIFF_RUN_DEFAULTS = {
  seed: DIFF_SEED,
  patternRuns: DIFF_PATTERN_RUNS,
  schemaSamples: DIFF_SCHEMA_SAMPLES,
} as const;

export interface ContractReport extends DiffReport {
  readonly pacts?: PactCheck;
  readonly schemas?: SchemaCheck;
  /** 0: NEW breaks nothing; 1: a breaking change, a pact that no longer holds, or zod disagreeing with NEW in a way that breaks clients. */
  readonly exitCode: 0 | 1;
}

export async function runSpecDiff(config: DiffRunConfig): Promise<ContractReport> {
  const old = loadSpecDocument(config.oldPath);
  const next = loadSpecDocument(config.newPath);
  const diff = await diffSpecs(old, next, { seed: config.seed, patternRuns: config.patternRuns });
  let extra: { pacts: PactCheck; schemas: SchemaCheck } | undefined;
  if (config.pactsDir !== undefined) {
    // The validator, zod and the generators are only needed here: keep them off a plain diff's start-up.
    const { checkPacts, checkZodSchemas } = await import('./holds-against-new.ts');
    extra = {
      pacts: checkPacts(config.pactsDir, next.spec),
      schemas: checkZodSchemas(old.spec, next.spec, config.seed, config.schemaSamples),
    };
  }
  const broken =
    diff.summary.breaking > 0 ||
    (extra !== undefined &&
      (extra.pacts.findings.length > 0 ||
        extra.schemas.disagreements.some((disagreement) => disagreement.breaksClients)));
  return { ...diff, ...extra, exitCode: broken ? 1 : 0 };
}
