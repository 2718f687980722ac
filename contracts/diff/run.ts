/**
 * One run of `bu-contract diff`: load both files, diff them, and unless told otherwise also check the
 * pacts (the bundled ones by default) and the zod schemas against NEW. Returns the whole report as data,
 * its exit code included.
 */
import { resolve } from 'node:path';
import { DIFF_PATTERN_RUNS, DIFF_SCHEMA_SAMPLES, DIFF_SEED } from '../config.ts';
import { PACTS_DIR } from '../pacts/files.ts';
import { VENDORED_SPEC_PATH, vendoredSpec } from '../spec.ts';
import { loadSpecDocument } from './documents.ts';
import type { PactCheck, SchemaCheck } from './holds-against-new.ts';
import { diffSpecs, type DiffReport } from './spec-diff.ts';

export interface DiffRunConfig {
  readonly oldPath: string;
  readonly newPath: string;
  /**
   * The pacts to check against NEW, with the zod schemas: the bundled ones by default, a folder the user
   * gave (`--pacts DIR`), or none (`--no-pacts`, which leaves out the zod schemas too: a plain spec diff).
   */
  readonly pacts: PactSource;
  readonly seed: number;
  readonly patternRuns: number;
  readonly schemaSamples: number;
}

/** Where the pacts a diff checks come from; `bundled` means the package's own pacts/ folder. */
export type PactSource = { readonly dir: string; readonly bundled: boolean } | 'none';

/** The package's pacts/ folder, found next to this module, so that it works from an installed package too. */
export const BUNDLED_PACTS: PactSource = { dir: PACTS_DIR, bundled: true };

export const DIFF_RUN_DEFAULTS = {
  pacts: BUNDLED_PACTS,
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
  if (config.pacts !== 'none') {
    // The validator, zod and the generators are only needed here: keep them off a plain diff's start-up.
    const { checkPacts, checkZodSchemas, validatorFor } = await import('./holds-against-new.ts');
    const validator = validatorFor(next.spec); // one for both checks: building it compiles every schema
    extra = {
      pacts: checkPacts(config.pacts, next.spec, validator),
      schemas: checkZodSchemas(old.spec, next.spec, config.seed, config.schemaSamples, {
        // OLD is most often the vendored spec itself: read once, not again.
        mirrored: resolve(config.oldPath) === VENDORED_SPEC_PATH ? old.spec : vendoredSpec(),
        validator,
      }),
    };
  }
  const broken =
    diff.summary.breaking > 0 ||
    (extra !== undefined &&
      (extra.pacts.findings.length > 0 ||
        extra.schemas.disagreements.some((disagreement) => disagreement.breaksClients)));
  return { ...diff, ...extra, exitCode: broken ? 1 : 0 };
}
