/**
 * How a zod schema can drift from its component in the spec, checked on the schema's shape rather than
 * on sampled values: other properties, another required set, null admitted elsewhere, other enum
 * members, unknown properties allowed or refused against the spec. Deterministic, and it names the field.
 */
import type { z } from 'zod';
import { componentSchema, componentValue } from '../../contracts/arbitraries/index.ts';
import type { ComponentName } from '../../contracts/schemas.ts';
import { isObject, type JsonObject } from '../../contracts/spec.ts';
import { sampleOf } from './property-runs.ts';

const admitsNull = (schema: JsonObject): boolean =>
  schema['type'] === 'null' ||
  (Array.isArray(schema['type']) && schema['type'].includes('null')) ||
  (Array.isArray(schema['anyOf']) && schema['anyOf'].some((branch) => isObject(branch) && admitsNull(branch)));

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** Every way `mirror` differs from `components.schemas.<name>` in shape; empty when it does not. */
export function mirrorDrifts(name: ComponentName, mirror: z.ZodType): string[] {
  const spec = componentSchema(name);
  if (Array.isArray(spec['enum'])) {
    const options = (mirror as unknown as { options?: unknown[] }).options;
    return options !== undefined && sameList(options, spec['enum'])
      ? []
      : [`${name}: enum members ${JSON.stringify(options)}, the spec has ${JSON.stringify(spec['enum'])}`];
  }
  const shape = (mirror as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (shape === undefined) return [`${name}: not a zod object`];
  const properties = spec['properties'] as Record<string, JsonObject>;
  const required = new Set(spec['required'] as string[] | undefined);
  const drifts: string[] = [];
  if (!sameList(Object.keys(shape), Object.keys(properties))) {
    drifts.push(
      `${name}: properties ${Object.keys(shape).sort().join(', ')}; the spec has ${Object.keys(properties).sort().join(', ')}`,
    );
  }
  for (const [property, field] of Object.entries(shape)) {
    const schema = properties[property];
    if (!schema) continue;
    const zodRequired = !field.safeParse(undefined).success;
    if (zodRequired !== required.has(property))
      drifts.push(`${name}.${property}: ${zodRequired ? 'required' : 'optional'} in zod, not in the spec`);
    const zodNullable = field.safeParse(null).success;
    if (zodNullable !== admitsNull(schema))
      drifts.push(`${name}.${property}: ${zodNullable ? 'nullable' : 'not nullable'} in zod, not in the spec`);
  }
  const [value] = sampleOf(componentValue(name, { unknownProperties: false }), 1) as [JsonObject];
  const extraAllowed = mirror.safeParse({ ...value, 'x-not-in-the-spec': 1 }).success;
  if (extraAllowed !== (spec['additionalProperties'] !== false)) {
    drifts.push(`${name}: unknown properties ${extraAllowed ? 'allowed' : 'refused'} in zod, not in the spec`);
  }
  return drifts;
}
