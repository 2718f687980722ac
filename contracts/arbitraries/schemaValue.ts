import type fc from 'fast-check';
import type { DateTimeStringConstraints } from './dateTimeString.ts';
import type { DecimalStringConstraints } from './decimalString.ts';
import type { UuidStringConstraints } from './uuidString.ts';
import { asSchema } from './_internals/schemaNode.ts';
import { valueOf, type ResolvedValueConstraints } from './_internals/valueOf.ts';

export interface SchemaValueConstraints {
  /**
   * Which properties outside `required` appear: `'any'` (each present or absent; nullable ones sometimes
   * null), `'present'` (all of them) or `'absent'` (none of them).
   * @defaultValue 'any'
   */
  readonly optionalProperties?: 'any' | 'present' | 'absent';
  /**
   * Add properties the schema does not name, wherever `additionalProperties` allows them (none of this
   * spec's objects forbids them), `__proto__` and look-alikes such as `ID` weighted in.
   * @defaultValue true
   */
  readonly unknownProperties?: boolean;
  /**
   * Longest array generated (`tasks`, `suggestions`, `loc`, …).
   * @defaultValue 3
   */
  readonly maxItems?: number;
  /** Passed to every `uuidString` used. @defaultValue `{}` */
  readonly uuid?: UuidStringConstraints;
  /** Passed to every `dateTimeString` used. @defaultValue `{}` */
  readonly dateTime?: DateTimeStringConstraints;
  /** Passed to every `decimalString` used. @defaultValue `{}` */
  readonly decimal?: DecimalStringConstraints;
}

export function resolveSchemaValueConstraints(constraints: SchemaValueConstraints = {}): ResolvedValueConstraints {
  return {
    optionalProperties: constraints.optionalProperties ?? 'any',
    unknownProperties: constraints.unknownProperties ?? true,
    maxItems: constraints.maxItems ?? 3,
    uuid: constraints.uuid ?? {},
    dateTime: constraints.dateTime ?? {},
    decimal: constraints.decimal ?? {},
  };
}

/**
 * Values valid against a JSON Schema 2020-12 node (as found in a `$ref`-resolved OpenAPI 3.1 document),
 * derived from the schema itself so they cannot drift from it. Honours `type`, `enum`, `const`, `anyOf`,
 * `oneOf` (type-disjoint branches), `properties`, `required`, `additionalProperties`, `items`, the
 * `uuid` and `date-time` formats and `pattern`; throws `UnsupportedSchemaError`, naming the place and
 * the keyword, for any other validation keyword.
 */
export function schemaValue(schema: unknown, constraints: SchemaValueConstraints = {}): fc.Arbitrary<unknown> {
  return valueOf(asSchema(schema, ''), resolveSchemaValueConstraints(constraints), '');
}
