/**
 * The seed and run count of a property test: a fixed default so CI is reproducible, FC_SEED / FC_NUM_RUNS
 * to replay or widen a run. A value that is not a whole number is an error, never a silent NaN.
 */
export function integerFromEnv(name: 'FC_SEED' | 'FC_NUM_RUNS', fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  return value;
}
