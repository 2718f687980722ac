/**
 * Reading the JSON Schema (2020-12) subset that OpenAPI 3.1 component schemas use here, for the
 * generators that are derived from the spec rather than written beside it.
 */
import { isObject, type JsonObject } from '../../spec.ts';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
export type Schema = boolean | JsonObject;

/** A schema the generators cannot honour; says where and why, so a new spec version fails clearly. */
export class UnsupportedSchemaError extends Error {
  constructor(
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`cannot generate values for the schema at ${pointer || '(root)'}: ${problem}`);
    this.name = 'UnsupportedSchemaError';
  }
}

/** Keywords the generators understand. Everything else that is not an annotation is refused. */
const GENERATED = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'format',
  'pattern',
]);

/** 2020-12 validation keywords the generators do not honour yet: a schema using one is refused, not half-honoured. */
const NOT_GENERATED = new Set([
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'prefixItems',
  'contains',
  'minContains',
  'maxContains',
  'patternProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  '$ref',
  '$dynamicRef',
]);

export const GENERATED_FORMATS = new Set(['uuid', 'date-time']);

export function checkSupported(schema: JsonObject, pointer: string): void {
  for (const keyword of Object.keys(schema)) {
    if (NOT_GENERATED.has(keyword))
      throw new UnsupportedSchemaError(pointer, `the keyword "${keyword}" is not supported`);
  }
  const format = schema['format'];
  if (typeof format === 'string' && !GENERATED_FORMATS.has(format)) {
    throw new UnsupportedSchemaError(
      pointer,
      `the format "${format}" is not supported (supported: ${[...GENERATED_FORMATS].join(', ')})`,
    );
  }
  const siblings = Object.keys(schema).filter(
    (keyword) => GENERATED.has(keyword) && keyword !== 'anyOf' && keyword !== 'oneOf',
  );
  if (('anyOf' in schema || 'oneOf' in schema) && siblings.length > 0) {
    throw new UnsupportedSchemaError(pointer, `anyOf/oneOf beside ${siblings.join(', ')} is not supported`);
  }
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** Whether a value of JSON type `type` can satisfy `type` keyword values `admitted` (`number` takes integers). */
export function admits(admitted: ReadonlySet<JsonType>, type: JsonType): boolean {
  return admitted.has(type) || (type === 'integer' && admitted.has('number'));
}

export function branchesOf(schema: JsonObject): Schema[] | undefined {
  const branches = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(branches) ? (branches as Schema[]) : undefined;
}

/**
 * The JSON types a schema lets through, or `undefined` when it lets through every type (JSON Schema
 * applies `properties`, `format`, `pattern`… only to instances of their type: without `type`, `enum`
 * or `const`, a value of another type passes).
 */
export function admittedTypes(schema: Schema): ReadonlySet<JsonType> | undefined {
  if (schema === true) return undefined;
  if (schema === false) return new Set();
  const branches = branchesOf(schema);
  if (branches) {
    const union = new Set<JsonType>();
    for (const branch of branches) {
      const types = admittedTypes(branch);
      if (types === undefined) return undefined;
      for (const type of types) union.add(type);
    }
    return union;
  }
  if ('const' in schema) return new Set([jsonTypeOf(schema['const'])]);
  if (Array.isArray(schema['enum'])) return new Set(schema['enum'].map(jsonTypeOf));
  const type = schema['type'];
  if (typeof type === 'string') return new Set([type as JsonType]);
  if (Array.isArray(type)) return new Set(type as JsonType[]);
  return undefined;
}

export function asSchema(value: unknown, pointer: string): Schema {
  if (typeof value === 'boolean' || isObject(value)) return value;
  throw new UnsupportedSchemaError(pointer, 'is neither a schema object nor true/false');
}
