/**
 * Whether what the suite already has still holds against NEW: the pacts (checked both ways by the same
 * check the consumer tests use) and the zod mirrors of the component schemas (tried on the example
 * payloads and on sampled values: a value that one of zod and NEW accepts and the other refuses is a
 * disagreement, with the value as witness).
 */
import fc from 'fast-check';
import { componentNearMiss, componentValue } from '../arbitraries/index.ts';
import { checkPactsAgainstSpec, type PactSpecFinding } from '../pacts/check-against-spec.ts';
import { componentNames, componentSchemas, type ComponentName } from '../schemas.ts';
import { isObject, type LoadedSpec } from '../spec.ts';
import { SpecValidator } from '../validator.ts';
import { invalidPayloads, validPayloads } from '../../fixtures/payloads/index.ts';

export interface PactCheck {
  readonly dir: string;
  readonly findings: readonly PactSpecFinding[];
}

export interface SchemaDisagreement {
  readonly component: string;
  /** The witness: a value exactly one of zod and NEW accepts. */
  readonly value: unknown;
  readonly zodAccepts: boolean;
  readonly specAccepts: boolean;
  /** Why the side that refuses it does. */
  readonly reasons: readonly string[];
  /** Which generator drew it: `NEW value`, `OLD near-miss (enum-other)`, … */
  readonly drawnAs: string;
}

export interface SchemaCheck {
  readonly seed: number;
  readonly checked: readonly string[];
  /** Components that could not be compared, and why (not in NEW, or no generator for their schema). */
  readonly skipped: ReadonlyArray<{ readonly component: string; readonly reason: string }>;
  /** At most one per component: the shortest witness found. */
  readonly disagreements: readonly SchemaDisagreement[];
}

/** A validator for NEW, or why there can be none (NEW lost the operation, say): then nothing holds. */
function validatorFor(spec: LoadedSpec): SpecValidator | Error {
  try {
    return new SpecValidator(spec);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function checkPacts(dir: string, newSpec: LoadedSpec): PactCheck {
  const validator = validatorFor(newSpec);
  if (validator instanceof Error) {
    return { dir, findings: [{ pact: dir, interaction: '', kind: 'not-this-operation', at: '', message: `cannot be checked: ${validator.message}` }] };
  }
  return { dir, findings: checkPactsAgainstSpec(dir, validator) };
}

interface Draw {
  readonly value: unknown;
  readonly drawnAs: string;
}

/**
 * Values to try for one component: the realistic example payloads (valid and invalid ones) of
 * fixtures/payloads, then valid values and near-misses drawn from each spec that has the component.
 */
function draws(name: string, specs: ReadonlyArray<readonly [string, LoadedSpec]>, seed: number, samples: number): { draws: Draw[]; problems: string[] } {
  const found: Draw[] = [...validPayloads, ...invalidPayloads]
    .filter((payload) => payload.component === name)
    .map((payload) => ({ value: payload.value, drawnAs: `example payload ${payload.name}` }));
  const problems: string[] = [];
  for (const [label, spec] of specs) {
    const schemas = isObject(spec.resolved['components']) ? spec.resolved['components']['schemas'] : undefined;
    if (!isObject(schemas) || !isObject(schemas[name])) continue;
    try {
      for (const value of fc.sample(componentValue(name, { spec }), { seed, numRuns: samples })) found.push({ value, drawnAs: `${label} value` });
    } catch (error) {
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      for (const miss of fc.sample(componentNearMiss(name, { spec }), { seed: seed + 1, numRuns: samples })) {
        found.push({ value: miss.value, drawnAs: `${label} near-miss (${miss.kind}: ${miss.why})` });
      }
    } catch (error) {
      problems.push(`${label} near-misses: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { draws: found, problems };
}

export function checkZodSchemas(oldSpec: LoadedSpec, newSpec: LoadedSpec, seed: number, samples: number): SchemaCheck {
  const validator = validatorFor(newSpec);
  const checked: string[] = [];
  const skipped: Array<{ component: string; reason: string }> = [];
  const disagreements: SchemaDisagreement[] = [];
  const newSchemas = isObject(newSpec.resolved['components']) ? newSpec.resolved['components']['schemas'] : undefined;
  for (const name of componentNames) {
    if (!isObject(newSchemas) || !isObject(newSchemas[name])) {
      skipped.push({ component: name, reason: 'NEW has no components.schemas entry of this name' });
      continue;
    }
    // Values drawn from OLD find what zod (written for the old spec) accepts and NEW no longer does.
    const { draws: values, problems } = draws(name, [['NEW', newSpec], ['OLD', oldSpec]], seed, samples);
    if (values.length === 0) {
      skipped.push({ component: name, reason: `no values could be drawn (${problems.join('; ')})` });
      continue;
    }
    checked.push(name);
    const witness = values
      .map((draw) => judge(name as ComponentName, draw, validator))
      .filter((result): result is SchemaDisagreement => result !== undefined)
      .sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length)[0];
    if (witness) disagreements.push(witness);
  }
  return { seed, checked, skipped, disagreements };
}

function judge(name: ComponentName, draw: Draw, validator: SpecValidator | Error): SchemaDisagreement | undefined {
  const zod = componentSchemas[name].safeParse(draw.value);
  const spec = validator instanceof Error ? undefined : validator.validateComponent(name, draw.value);
  const specAccepts = spec?.valid ?? false;
  if (zod.success === specAccepts) return undefined;
  const reasons = zod.success
    ? spec?.issues.map((issue) => `NEW: ${issue.pointer || '(value)'} ${issue.message}`) ?? [`NEW: ${(validator as Error).message}`]
    : zod.error.issues.map((issue) => `zod: ${issue.path.length ? `/${issue.path.join('/')}` : '(value)'} ${issue.message}`);
  return { component: name, value: draw.value, zodAccepts: zod.success, specAccepts, reasons, drawnAs: draw.drawnAs };
}
