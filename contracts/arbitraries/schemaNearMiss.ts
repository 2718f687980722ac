import type fc from 'fast-check';
import type { NearMiss, NearMissStratum } from './NearMiss.ts';
import { resolveSchemaValueConstraints, type SchemaValueConstraints } from './schemaValue.ts';
import { asSchema, UnsupportedSchemaError } from './_internals/schemaNode.ts';
import { nearMissOf } from './_internals/nearMissOf.ts';

/**
 * Values invalid against a JSON Schema node for exactly one reason, each with a pointer to the broken
 * part and the reason: a required property dropped, a value of the wrong JSON type, `null` where null is
 * not admitted, an enum member in the wrong case or another word, a broken uuid or date-time, a string
 * off the decimal pattern (or another pattern), a forbidden extra property — found anywhere in the value,
 * around an otherwise valid value built with `constraints`.
 */
export function schemaNearMiss(schema: unknown, constraints: SchemaValueConstraints = {}): fc.Arbitrary<NearMiss> {
  return nearMissesOf(schema, constraints).arbitrary;
}

/**
 * The same near-misses split into strata, one per (place × way of breaking): `/id` × "a urn:uuid:
 * prefix", `/tasks/<i>/cost` × "an exponent", … For tests that must try every combination, which a
 * random draw over a big schema reaches only by luck.
 */
export function schemaNearMissStrata(
  schema: unknown,
  constraints: SchemaValueConstraints = {},
): readonly NearMissStratum[] {
  // Shallow places first: a check that stops at the first failing stratum then fails fast on a top-level drift.
  const depth = (site: string) => site.split('/').length;
  return [...nearMissesOf(schema, constraints).strata].sort((a, b) => depth(a.site) - depth(b.site));
}

function nearMissesOf(schema: unknown, constraints: SchemaValueConstraints) {
  const nearMisses = nearMissOf(asSchema(schema, ''), resolveSchemaValueConstraints(constraints), '');
  if (!nearMisses) throw new UnsupportedSchemaError('', 'every JSON value is valid against it, so it has no near-miss');
  return nearMisses;
}
