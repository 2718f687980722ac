/**
 * The differential checks of issue 2: over values generated from the spec, zod's verdict equals the
 * spec validator's — and both equal what the generator claims, so a generator that drifts is caught too.
 * Parameterised by the zod schema so that tests can hand them a deliberately wrong one and watch them fail.
 * Each check returns undefined when it holds, else a replayable report.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { componentArbitraries, componentNearMissStrata, componentValue } from '../../contracts/arbitraries/index.ts';
import type { ComponentName } from '../../contracts/schemas.ts';
import { isObject } from '../../contracts/spec.ts';
import { specValidator, type SpecIssue } from '../../contracts/validator.ts';
import { checkProperty, STRATUM_RUNS } from './property-runs.ts';

interface Case {
  readonly label: string;
  readonly value: unknown;
  /** What the generator claims; undefined when only agreement is asked. */
  readonly expected?: boolean;
}

const verdictWord = (valid: boolean) => (valid ? 'valid' : 'invalid');
const because = (reasons: readonly string[]) => (reasons.length === 0 ? '' : ` (${reasons.join('; ')})`);
const specReasons = (issues: readonly SpecIssue[]) =>
  issues.map((i) => `${i.pointer || '(root)'} ${i.keyword}: ${i.message}`);

/** Checks one case; throws a message naming who disagrees with whom, and why each thinks so. */
export function judge(name: ComponentName, schema: z.ZodType, { label, value, expected }: Case): void {
  const parsed = schema.safeParse(value);
  const spec = specValidator().validateComponent(name, value);
  const zodSays = `zod says ${verdictWord(parsed.success)}${because(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('/') || '(root)'}: ${i.message}`))}`;
  const specSays = `the spec validator says ${verdictWord(spec.valid)}${because(specReasons(spec.issues))}`;
  if (expected !== undefined && spec.valid !== expected)
    throw new Error(`generator bug (${label}): it claims ${verdictWord(expected)}, ${specSays}`);
  if (parsed.success !== spec.valid) throw new Error(`${name} (${label}): ${zodSays}, ${specSays}`);
}

export type AgreementCheck = (name: ComponentName, schema: z.ZodType) => string | undefined;

/** Generated valid values: both accept. */
const valid: AgreementCheck = (name, schema) =>
  checkProperty(
    fc.property(componentArbitraries[name].value(), (value) =>
      judge(name, schema, { label: 'generated valid', value, expected: true }),
    ),
  );

/** Near-misses, every stratum (place × way of breaking) in turn: both reject. */
const nearMiss: AgreementCheck = (name, schema) => {
  for (const stratum of componentNearMissStrata(name)) {
    const failure = checkProperty(
      fc.property(stratum.arbitrary, (m) =>
        judge(name, schema, {
          label: `${m.kind} at ${m.pointer || '(root)'}: ${m.why}`,
          value: m.value,
          expected: false,
        }),
      ),
      STRATUM_RUNS,
    );
    if (failure !== undefined) return `near-miss stratum ${stratum.site || '(root)'} × ${stratum.label}:\n${failure}`;
  }
  return undefined;
};

/**
 * Values nobody claims anything about — any JSON, and valid values with one property replaced by any
 * JSON or removed — on which zod and the spec validator must still agree.
 */
const perturbed: AgreementCheck = (name, schema) => {
  const changed = fc
    .tuple(
      componentValue(name),
      fc.nat(),
      fc.string({ maxLength: 12 }),
      fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
    )
    .map(([value, pick, key, replacement]) => {
      if (!isObject(value)) return replacement ?? key;
      // Mostly a property the object has (declared ones included); now and then one it has not.
      const names = Object.keys(value);
      const target = names.length > 0 && pick % 5 !== 0 ? names[pick % names.length]! : key;
      const { [target]: _removed, ...rest } = value;
      return replacement === undefined ? rest : { ...rest, [target]: replacement };
    });
  return checkProperty(
    fc.property(fc.oneof(changed, fc.jsonValue({ maxDepth: 3 })), (value) =>
      judge(name, schema, { label: 'perturbed', value }),
    ),
  );
};

export const AGREEMENTS = { valid, 'near-miss': nearMiss, perturbed } as const satisfies Record<string, AgreementCheck>;
export type AgreementName = keyof typeof AGREEMENTS;
