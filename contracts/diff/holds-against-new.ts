/**
 * Whether what the suite already has still holds against NEW: the pacts (checked both ways by the same
 * check the consumer tests use) and the zod mirrors of the component schemas (tried on the example
 * payloads and on sampled values: a value that one of zod and NEW accepts and the other refuses is a
 * disagreement, with the value as witness).
 *
 * Only one direction of a disagreement harms a client. A client validates the responses it reads with
 * zod: zod refusing a response NEW allows makes it reject valid answers, while zod allowing more than NEW
 * only makes it lenient. It builds its requests by zod: zod allowing a request NEW refuses lets it send
 * invalid ones, while zod refusing more only makes it careful. Both directions are reported; only the
 * harmful one fails the check.
 */
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { componentNearMiss, componentValue } from '../arbitraries/index.ts';
import { checkPactsAgainstSpec, type PactSpecFinding } from '../pacts/check-against-spec.ts';
import { listPactFiles } from '../pacts/files.ts';
import { componentNames, componentSchemas, type ComponentName } from '../schemas.ts';
import { isObject, type LoadedSpec } from '../spec.ts';
import { SpecValidator } from '../validator.ts';
import { invalidPayloads, validPayloads } from '../../provider/payloads/index.ts';
import { componentSides } from './component-sides.ts';
import type { Side } from './finding.ts';
import { locateOld } from './locate.ts';
import { simplifyWitness } from './simplify-witness.ts';
import { quoteValue, valueAtPointer } from '../quote.ts';

export interface PactCheck {
  readonly dir: string;
  /** The pacts are the ones bu-contract ships (its pacts/ folder), not a folder the user gave. */
  readonly bundled: boolean;
  /** Every pact file read, relative to `dir`, in the order checked. */
  readonly files: readonly string[];
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
  /** Whether this direction breaks clients (see the top of this file); otherwise it is a note. */
  readonly breaksClients: boolean;
  /** Why it does or does not, in a sentence. */
  readonly impact: string;
}

export interface SchemaCheck {
  readonly seed: number;
  readonly checked: readonly string[];
  /**
   * Components NEW has exactly as the spec the zod schemas mirror (the vendored one): the suite's own drift
   * tests hold zod to those, so they are not drawn again.
   */
  readonly mirrored: readonly string[];
  /** Components that could not be compared, and why (not in NEW, or no generator for their schema). */
  readonly skipped: ReadonlyArray<{ readonly component: string; readonly reason: string }>;
  /** At most one per component and direction: the shortest witness found, those that break clients first. */
  readonly disagreements: readonly SchemaDisagreement[];
}

/** A validator for NEW, or why there can be none (NEW lost the operation, say): then nothing holds. */
export function validatorFor(spec: LoadedSpec): SpecValidator | Error {
  try {
    return new SpecValidator(spec);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function checkPacts(
  source: { readonly dir: string; readonly bundled: boolean },
  newSpec: LoadedSpec,
  validator: SpecValidator | Error = validatorFor(newSpec),
): PactCheck {
  const { dir, bundled } = source;
  let listed: string[] | undefined;
  try {
    listed = listPactFiles(dir);
  } catch {
    // checkPactsAgainstSpec reports the folder it cannot read as a finding.
  }
  const files = (listed ?? []).map((path) => relative(dir, path));
  if (validator instanceof Error) {
    return {
      dir,
      bundled,
      files,
      findings: [
        {
          pact: dir,
          interaction: '',
          kind: 'not-this-operation',
          at: '',
          message: `cannot be checked: ${validator.message}`,
        },
      ],
    };
  }
  return { dir, bundled, files, findings: checkPactsAgainstSpec(dir, validator, listed) };
}

interface Draw {
  readonly value: unknown;
  readonly drawnAs: string;
}

/**
 * Values to try for one component: the realistic example payloads (valid and invalid ones) of
 * provider/payloads, then valid values and near-misses drawn from each spec that has the component.
 */
function draws(
  name: string,
  specs: ReadonlyArray<readonly [string, LoadedSpec]>,
  seed: number,
  samples: number,
): { draws: Draw[]; problems: string[] } {
  const found: Draw[] = [...validPayloads, ...invalidPayloads]
    .filter((payload) => payload.component === name)
    .map((payload) => ({ value: payload.value, drawnAs: `example payload ${payload.name}` }));
  const problems: string[] = [];
  for (const [label, spec] of specs) {
    const schemas = isObject(spec.resolved['components']) ? spec.resolved['components']['schemas'] : undefined;
    if (!isObject(schemas) || !isObject(schemas[name])) continue;
    try {
      for (const value of fc.sample(componentValue(name, { spec }), { seed, numRuns: samples }))
        found.push({ value, drawnAs: `${label} value` });
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

/** The side each component is on in OLD, the spec the zod schemas mirror; unknown: both, to be safe. */
function sidesIn(oldSpec: LoadedSpec): (name: string) => ReadonlySet<Side> {
  let sides: Map<string, Set<Side>> = new Map();
  try {
    sides = componentSides(locateOld({ spec: oldSpec, shape: 'openapi', original: (pointer) => pointer }));
  } catch {
    // OLD without the operation cannot get this far in a diff; a direct caller gets both sides.
  }
  return (name) => sides.get(name) ?? new Set<Side>(['request', 'response']);
}

export interface ZodCheckOptions {
  /** The spec the zod schemas mirror: a component NEW has exactly as it is there is not drawn again. */
  readonly mirrored?: LoadedSpec;
  /** NEW's validator, when the caller has one already (building one compiles every schema). */
  readonly validator?: SpecValidator | Error;
}

function componentSchema(spec: LoadedSpec, name: string): unknown {
  const schemas = isObject(spec.resolved['components']) ? spec.resolved['components']['schemas'] : undefined;
  return isObject(schemas) ? schemas[name] : undefined;
}

export function checkZodSchemas(
  oldSpec: LoadedSpec,
  newSpec: LoadedSpec,
  seed: number,
  samples: number,
  options: ZodCheckOptions = {},
): SchemaCheck {
  const validator = options.validator ?? validatorFor(newSpec);
  const sideOf = sidesIn(oldSpec);
  const checked: string[] = [];
  const mirrored: string[] = [];
  const skipped: Array<{ component: string; reason: string }> = [];
  const disagreements: SchemaDisagreement[] = [];
  const newSchemas = isObject(newSpec.resolved['components']) ? newSpec.resolved['components']['schemas'] : undefined;
  for (const name of componentNames) {
    if (!isObject(newSchemas) || !isObject(newSchemas[name])) {
      skipped.push({ component: name, reason: 'NEW has no components.schemas entry of this name' });
      continue;
    }
    if (options.mirrored && isDeepStrictEqual(componentSchema(options.mirrored, name), newSchemas[name])) {
      mirrored.push(name);
      continue;
    }
    // Values drawn from OLD find what zod (written for the old spec) accepts and NEW no longer does.
    const { draws: values, problems } = draws(
      name,
      [
        ['NEW', newSpec],
        ['OLD', oldSpec],
      ],
      seed,
      samples,
    );
    if (values.length === 0) {
      skipped.push({ component: name, reason: `no values could be drawn (${problems.join('; ')})` });
      continue;
    }
    checked.push(name);
    const found = values
      .map((draw) => judge(name as ComponentName, draw, validator, sideOf(name)))
      .filter((result): result is SchemaDisagreement => result !== undefined)
      .sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length);
    // One witness per direction: a harmless one must not hide a harmful one.
    for (const zodAccepts of [false, true]) {
      const witness = found.find((disagreement) => disagreement.zodAccepts === zodAccepts);
      if (witness) disagreements.push(simplified(name as ComponentName, witness, validator, sideOf(name)));
    }
  }
  disagreements.sort((a, b) => Number(b.breaksClients) - Number(a.breaksClients));
  return { seed, checked, mirrored, skipped, disagreements };
}

/** The witness made as simple as it goes while zod and NEW still disagree about it the same way; its reasons re-judged. */
function simplified(
  name: ComponentName,
  witness: SchemaDisagreement,
  validator: SpecValidator | Error,
  sides: ReadonlySet<Side>,
): SchemaDisagreement {
  const same = (value: unknown) =>
    judge(name, { value, drawnAs: witness.drawnAs }, validator, sides)?.zodAccepts === witness.zodAccepts;
  const value = simplifyWitness(witness.value, same);
  return value === witness.value
    ? witness
    : judge(name, { value, drawnAs: `${witness.drawnAs}, simplified` }, validator, sides)!;
}

/** What a disagreement means for a client, given which side the component is on. */
function impactOf(zodAccepts: boolean, sides: ReadonlySet<Side>): { breaksClients: boolean; impact: string } {
  if (zodAccepts && sides.has('request')) {
    return { breaksClients: true, impact: 'clients that check their requests with zod may send ones NEW rejects' };
  }
  if (!zodAccepts && sides.has('response')) {
    return { breaksClients: true, impact: 'clients that validate responses with zod reject ones NEW allows' };
  }
  return zodAccepts
    ? {
        breaksClients: false,
        impact: 'zod is only looser than NEW for a response: clients still accept every valid one',
      }
    : {
        breaksClients: false,
        impact: 'zod is only stricter than NEW for a request: clients still send only valid ones',
      };
}

/** `/proxyCost = "4.":`, so a reason shows the part of a large witness it is about. */
function at(value: unknown, pointer: string): string {
  const found = valueAtPointer(value, pointer);
  return `${pointer || '(value)'}${found.found && pointer !== '' ? ` = ${quoteValue(found.value)}:` : ''}`;
}

function judge(
  name: ComponentName,
  draw: Draw,
  validator: SpecValidator | Error,
  sides: ReadonlySet<Side>,
): SchemaDisagreement | undefined {
  const zod = componentSchemas[name].safeParse(draw.value);
  const spec = validator instanceof Error ? undefined : validator.validateComponent(name, draw.value);
  const specAccepts = spec?.valid ?? false;
  if (zod.success === specAccepts) return undefined;
  const reasons = zod.success
    ? (spec?.issues.map((issue) => `NEW: ${at(draw.value, issue.pointer)} ${issue.message}`) ?? [
        `NEW: ${(validator as Error).message}`,
      ])
    : zod.error.issues.map(
        (issue) =>
          `zod: ${at(draw.value, issue.path.length ? `/${issue.path.map(String).join('/')}` : '')} ${issue.message}`,
      );
  return {
    component: name,
    value: draw.value,
    zodAccepts: zod.success,
    specAccepts,
    reasons,
    drawnAs: draw.drawnAs,
    ...impactOf(zod.success, sides),
  };
}
