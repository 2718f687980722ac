/**
 * How the property tests in tests/contracts run: one fixed seed (FC_SEED replays another) so a CI run is
 * reproducible, printed once per file, and a failure that ends with the line that replays it.
 */
import fc from 'fast-check';
import { CONTRACTS_PROPERTY_RUNS, CONTRACTS_PROPERTY_SEED, CONTRACTS_STRATUM_RUNS } from '../../contracts/config.ts';
import { integerFromEnv } from '../seed.ts';

export const SEED = integerFromEnv('FC_SEED', CONTRACTS_PROPERTY_SEED);
export const RUNS = integerFromEnv('FC_NUM_RUNS', CONTRACTS_PROPERTY_RUNS);
export const STRATUM_RUNS = CONTRACTS_STRATUM_RUNS;

console.info(`tests/contracts properties: seed ${SEED}, ${RUNS} runs each (FC_SEED=<n> / FC_NUM_RUNS=<n> to change)`);

export function propertyParameters<Ts>(numRuns = RUNS): fc.Parameters<Ts> {
  return { seed: SEED, numRuns, includeErrorInReport: true };
}

const REPLAY = `FC_SEED=${SEED}${RUNS === CONTRACTS_PROPERTY_RUNS ? '' : ` FC_NUM_RUNS=${RUNS}`} npx vitest run tests/contracts`;

/** fc.check under the suite's seed; undefined when the property holds, else the report to fail with. */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, numRuns = RUNS): string | undefined {
  const details = fc.check(property, propertyParameters<Ts>(numRuns));
  if (!details.failed) return undefined;
  return `${fc.defaultReportMessage(details) ?? 'property failed'}\nReplay with: ${REPLAY}`;
}

/** Throws the replayable report when the property fails. */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, numRuns = RUNS): void {
  const failure = checkProperty(property, numRuns);
  if (failure !== undefined) throw new Error(failure);
}

/** The values an arbitrary yields under the suite's seed: for tests that count what a generator covers. */
export function sampleOf<T>(arbitrary: fc.Arbitrary<T>, numRuns: number): T[] {
  return fc.sample(arbitrary, { seed: SEED, numRuns });
}
