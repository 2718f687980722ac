/** Valid values for a JSON Schema node: the engine behind `schemaValue` and the component generators. */
import fc from 'fast-check';
import { DECIMAL_PATTERN } from '../../formats.ts';
import { isObject, type JsonObject } from '../../spec.ts';
import { dateTimeString, type DateTimeStringConstraints } from '../dateTimeString.ts';
import { decimalString, type DecimalStringConstraints } from '../decimalString.ts';
import { uuidString, type UuidStringConstraints } from '../uuidString.ts';
import { anyJson, unknownPropertyName } from './jsonValues.ts';
import {
  admittedTypes,
  asSchema,
  branchesOf,
  checkSupported,
  UnsupportedSchemaError,
  type JsonType,
  type Schema,
} from './schemaNode.ts';

/** Every option of the schema-driven generators, defaults applied. */
export interface ResolvedValueConstraints {
  readonly optionalProperties: 'any' | 'present' | 'absent';
  readonly unknownProperties: boolean;
  readonly maxItems: number;
  readonly uuid: UuidStringConstraints;
  readonly dateTime: DateTimeStringConstraints;
  readonly decimal: DecimalStringConstraints;
}

export function valueOf(schema: Schema, c: ResolvedValueConstraints, at: string): fc.Arbitrary<unknown> {
  if (schema === true) return anyJson;
  if (schema === false) throw new UnsupportedSchemaError(at, 'the schema false admits no value');
  checkSupported(schema, at);
  const branches = branchesOf(schema);
  if (branches) {
    const keyword = 'anyOf' in schema ? 'anyOf' : 'oneOf';
    if (keyword === 'oneOf') requireDisjointTypes(branches, at);
    if (branches.length === 0) throw new UnsupportedSchemaError(at, `an empty ${keyword} admits no value`);
    return fc.oneof(
      ...branches.map((branch, i) => valueOf(asSchema(branch, `${at}/${keyword}/${i}`), c, `${at}/${keyword}/${i}`)),
    );
  }
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) {
    if (schema['enum'].length === 0) throw new UnsupportedSchemaError(at, 'an empty enum admits no value');
    return fc.constantFrom(...(schema['enum'] as unknown[]));
  }
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...(type as JsonType[]).map((one) => valueOfType(one, schema, c, at)));
  const single = typeof type === 'string' ? (type as JsonType) : impliedType(schema);
  return single === undefined ? anyJson : valueOfType(single, schema, c, at);
}

/** Without `type`, the keywords present say which type the author had in mind. */
export function impliedType(schema: JsonObject): JsonType | undefined {
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return 'object';
  if ('items' in schema) return 'array';
  if ('format' in schema || 'pattern' in schema) return 'string';
  return undefined;
}

function requireDisjointTypes(branches: readonly Schema[], at: string): void {
  const seen = new Set<JsonType>();
  for (const branch of branches) {
    const types = admittedTypes(branch);
    if (types === undefined || [...types].some((type) => seen.has(type))) {
      throw new UnsupportedSchemaError(at, 'oneOf whose branches can admit the same type is not supported');
    }
    for (const type of types) seen.add(type);
  }
}

function valueOfType(
  type: JsonType,
  schema: JsonObject,
  c: ResolvedValueConstraints,
  at: string,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.maxSafeInteger();
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringValue(schema, c, at);
    case 'array':
      return fc.array(valueOf(asSchema(schema['items'] ?? true, `${at}/items`), c, `${at}/items`), {
        maxLength: c.maxItems,
      });
    case 'object':
      return objectValue(schema, c, at);
    default:
      throw new UnsupportedSchemaError(at, `unknown type "${String(type)}"`);
  }
}

function stringValue(schema: JsonObject, c: ResolvedValueConstraints, at: string): fc.Arbitrary<string> {
  const { format, pattern } = schema;
  if (format !== undefined && pattern !== undefined)
    throw new UnsupportedSchemaError(at, 'format and pattern together are not supported');
  if (format === 'uuid') return uuidString(c.uuid);
  if (format === 'date-time') return dateTimeString(c.dateTime);
  if (pattern === DECIMAL_PATTERN) return decimalString(c.decimal);
  if (typeof pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(pattern, 'u'));
    } catch (error) {
      throw new UnsupportedSchemaError(
        at,
        `cannot generate strings for the pattern ${pattern} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }));
}

/** The properties an object schema names (declared or required), with their schemas. */
export function namedProperties(
  schema: JsonObject,
  at: string,
): { names: string[]; required: string[]; schemaOf: (name: string) => Schema } {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required'])
    ? schema['required'].filter((name): name is string => typeof name === 'string')
    : [];
  const names = [...new Set([...Object.keys(properties), ...required])];
  return { names, required, schemaOf: (name) => asSchema(properties[name] ?? true, `${at}/properties/${name}`) };
}

function objectValue(
  schema: JsonObject,
  c: ResolvedValueConstraints,
  at: string,
): fc.Arbitrary<Record<string, unknown>> {
  const { names, required, schemaOf } = namedProperties(schema, at);
  const included = c.optionalProperties === 'absent' ? required : names;
  const model = Object.fromEntries(
    included.map((name) => [name, valueOf(schemaOf(name), c, `${at}/properties/${name}`)]),
  );
  const known = fc.record(model, {
    requiredKeys: c.optionalProperties === 'present' ? included : required,
    noNullPrototype: true,
  });
  const additional = schema['additionalProperties'] ?? true;
  // A schema that names no property is a map, and its entries are its content, not "unknown properties".
  const isMap = names.length === 0;
  if (additional === false || (!isMap && !c.unknownProperties)) return known;
  const extraValues =
    additional === true
      ? anyJson
      : valueOf(asSchema(additional, `${at}/additionalProperties`), c, `${at}/additionalProperties`);
  const extras = fc.dictionary(unknownPropertyName(new Set(names)), extraValues, {
    maxKeys: isMap ? 4 : 2,
    noNullPrototype: true,
  });
  // Spread, never Object.assign: an own "__proto__" key must stay a property, not become a prototype.
  return fc.tuple(known, extras).map(([declared, extra]) => ({ ...declared, ...extra }));
}
