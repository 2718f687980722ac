/**
 * A JSON Schema read for comparison: `$ref`s followed, `allOf` merged, and the many spellings of one
 * meaning brought to one form (`anyOf [X, null]`, `type: [X, 'null']` and 3.0's `nullable: true` are all
 * "X or null"; `anyOf` of bare types is a type list; `const` is a one-value `enum`). Every keyword keeps
 * the JSON pointer where it was written, through the `$ref` target actually used, so a finding can say
 * where it is.
 */
import { isObject, type JsonObject } from '../spec.ts';
import { pointerGet, pointerTo, refPointer } from './pointers.ts';

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export interface Keyword<T = unknown> {
  readonly value: T;
  readonly pointer: string;
}

/** What a schema says about itself, known without reading any subschema. */
interface Shallow {
  /** Where the schema is (for a `$ref`, the target). */
  readonly pointer: string;
  /** The JSON types it accepts, 'null' included; undefined: every type. */
  readonly types: Keyword<ReadonlySet<JsonType>> | undefined;
  /** Every other keyword that is not a subschema, by name (`enum`, `format`, `pattern`, `title`, …). */
  readonly keywords: ReadonlyMap<string, Keyword>;
  /** Names in `required`, each with the pointer of its `required` list. */
  readonly required: ReadonlyMap<string, string>;
  /** Whether any of the subschemas below is there (so `isBareType` need not read them). */
  readonly structured: boolean;
}

/** The subschemas: read on first use. */
interface Parts {
  readonly properties: ReadonlyMap<string, Schema>;
  readonly items: Schema | undefined;
  /** undefined: any additional property; false: none; otherwise their schema. */
  readonly additionalProperties: Schema | Keyword<false> | undefined;
  /** `anyOf` / `oneOf` members that no simpler form could absorb. */
  readonly variants: readonly Schema[];
}

export interface Schema extends Shallow, Parts {}

const NO_PARTS: Parts = { properties: new Map(), items: undefined, additionalProperties: undefined, variants: [] };

/** A schema whose parts are computed once, when first asked for. */
function schemaOf(shallow: Shallow, parts: () => Parts): Schema {
  let read: Parts | undefined;
  const get = () => (read ??= parts());
  return {
    ...shallow,
    get properties() {
      return get().properties;
    },
    get items() {
      return get().items;
    },
    get additionalProperties() {
      return get().additionalProperties;
    },
    get variants() {
      return get().variants;
    },
  };
}

/** The same schema with other types (a spread would read its parts). */
function withTypes(schema: Schema, types: Keyword<ReadonlySet<JsonType>> | undefined): Schema {
  return schemaOf(
    {
      pointer: schema.pointer,
      types,
      keywords: schema.keywords,
      required: schema.required,
      structured: schema.structured,
    },
    () => schema,
  );
}

/** Keywords that only document; a change to them is a note, never a break. */
export const ANNOTATIONS = new Set([
  'title',
  'description',
  'summary',
  'example',
  'examples',
  '$comment',
  'externalDocs',
  'deprecated',
  'xml',
]);

export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith('x-');
}

/** Keywords this module turns into the structure above instead of keeping in `keywords`. */
const STRUCTURAL = new Set([
  '$ref',
  'type',
  'nullable',
  'const',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
]);

export function anySchema(pointer: string, types?: Keyword<ReadonlySet<JsonType>>): Schema {
  return { pointer, types, keywords: new Map(), required: new Map(), structured: false, ...NO_PARTS };
}

/**
 * Reads the schema at `pointer`. A `$ref` is followed to its target, which may be the schema being read
 * (a recursive schema): its parts are only read when asked for, so this ends. Only a schema that is its
 * own `allOf` or `anyOf` member, which says nothing, could loop: it reads as "any value".
 */
export function readSchema(
  document: JsonObject,
  node: unknown,
  pointer: string,
  reading: ReadonlySet<object> = new Set(),
): Schema {
  if (node === false) return anySchema(pointer, { value: new Set(), pointer });
  if (!isObject(node) || reading.has(node)) return anySchema(pointer);
  const inside = new Set([...reading, node]);
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const targetPointer = refPointer(ref);
    const target = readSchema(document, pointerGet(document, targetPointer), targetPointer, inside);
    const siblings = Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref'));
    if (Object.keys(siblings).length === 0) return target;
    // Keywords beside a `$ref` apply together with the target (JSON Schema 2020-12); their annotations win.
    return merge(readSchema(document, siblings, pointer, inside), target, target.pointer);
  }
  const { allOf, ...rest } = node;
  let schema = readOwn(document, rest, pointer, inside);
  if (Array.isArray(allOf)) {
    allOf.forEach((member, index) => {
      schema = merge(schema, readSchema(document, member, pointerTo(pointer, 'allOf', index), inside), schema.pointer);
    });
  }
  // OpenAPI 3.0 writes "this, or null" as `nullable: true`, often beside an `allOf` that holds the type.
  if (rest['nullable'] === true && schema.types !== undefined && !schema.types.value.has('null')) {
    schema = withTypes(schema, {
      value: new Set([...schema.types.value, 'null' as const]),
      pointer: pointerTo(pointer, 'nullable'),
    });
  }
  return schema;
}

function readOwn(document: JsonObject, node: JsonObject, pointer: string, reading: ReadonlySet<object>): Schema {
  const keywords = new Map<string, Keyword>();
  for (const [key, value] of Object.entries(node)) {
    if (!STRUCTURAL.has(key)) keywords.set(key, { value, pointer: pointerTo(pointer, key) });
  }
  if ('const' in node) keywords.set('enum', { value: [node['const']], pointer: pointerTo(pointer, 'const') });
  if (Array.isArray(node['items']))
    keywords.set('items', { value: node['items'], pointer: pointerTo(pointer, 'items') });
  const required = new Map<string, string>();
  if (Array.isArray(node['required'])) {
    for (const name of node['required'])
      if (typeof name === 'string') required.set(name, pointerTo(pointer, 'required'));
  }
  const { properties, items, additionalProperties: additional } = node;
  const hasItems = isObject(items) || typeof items === 'boolean';
  const structured =
    (isObject(properties) && Object.keys(properties).length > 0) ||
    required.size > 0 ||
    hasItems ||
    additional === false ||
    isObject(additional);

  // Parts start a new read: a `$ref` back to a schema above is recursion, and read again when asked for.
  const read = (child: unknown, at: string) => readSchema(document, child, at);
  let schema = schemaOf({ pointer, types: readTypes(node, pointer), keywords, required, structured }, () => ({
    properties: new Map(
      isObject(properties)
        ? Object.entries(properties).map(
            ([name, child]) => [name, read(child, pointerTo(pointer, 'properties', name))] as const,
          )
        : [],
    ),
    items: hasItems ? read(items, pointerTo(pointer, 'items')) : undefined,
    additionalProperties:
      additional === false
        ? { value: false as const, pointer: pointerTo(pointer, 'additionalProperties') }
        : isObject(additional)
          ? read(additional, pointerTo(pointer, 'additionalProperties'))
          : undefined,
    variants: [],
  }));
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const members = node[combinator];
    if (Array.isArray(members)) {
      schema = absorbAlternatives(
        schema,
        members.map((member, index) => readSchema(document, member, pointerTo(pointer, combinator, index), reading)),
        pointerTo(pointer, combinator),
      );
    }
  }
  return schema;
}

function readTypes(node: JsonObject, pointer: string): Keyword<ReadonlySet<JsonType>> | undefined {
  const type = node['type'];
  const listed =
    typeof type === 'string'
      ? [type]
      : Array.isArray(type)
        ? type.filter((t): t is string => typeof t === 'string')
        : undefined;
  if (listed === undefined) return undefined;
  return { value: new Set(listed as JsonType[]), pointer: pointerTo(pointer, 'type') };
}

/** A schema that says only "null" (plus documentation). */
function isNullOnly(schema: Schema): boolean {
  return (
    isBareType(schema) && schema.types !== undefined && schema.types.value.size === 1 && schema.types.value.has('null')
  );
}

/** A schema that says only which types it accepts (plus documentation). */
function isBareType(schema: Schema): boolean {
  return schema.types !== undefined && !schema.structured && [...schema.keywords.keys()].every(isAnnotation);
}

/**
 * Folds `anyOf` / `oneOf` members into the simplest equal form: null members become 'null' in the type
 * list, one remaining member merges into the parent, bare types become a type list; what is left stays
 * a list of variants, compared member by member.
 */
function absorbAlternatives(parent: Schema, members: Schema[], pointer: string): Schema {
  if (members.length === 0) return parent;
  const nullable = members.some(isNullOnly);
  const rest = members.filter((member) => !isNullOnly(member));
  const withNull = (schema: Schema): Schema => {
    if (!nullable || schema.types === undefined) return schema;
    return withTypes(schema, {
      value: new Set([...schema.types.value, 'null' as const]),
      pointer: schema.types.pointer,
    });
  };
  if (rest.length === 0) return withTypes(parent, intersectTypes(parent.types, { value: new Set(['null']), pointer }));
  if (rest.length === 1) return merge(parent, withNull(rest[0]!), parent.pointer);
  const union = rest.every((member) => member.types !== undefined)
    ? { value: new Set(rest.flatMap((member) => [...member.types!.value])), pointer }
    : undefined;
  const alternatives: Schema = rest.every(isBareType)
    ? anySchema(pointer, union)
    : { ...anySchema(pointer, union), structured: true, variants: rest };
  return merge(parent, withNull(alternatives), parent.pointer);
}

/** Types both schemas accept; an integer is a number. */
function intersectTypes(
  a: Keyword<ReadonlySet<JsonType>> | undefined,
  b: Keyword<ReadonlySet<JsonType>> | undefined,
): Keyword<ReadonlySet<JsonType>> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const both = new Set<JsonType>();
  for (const type of a.value) {
    if (b.value.has(type)) both.add(type);
    else if (type === 'integer' && b.value.has('number')) both.add('integer');
    else if (type === 'number' && b.value.has('integer')) both.add('integer');
  }
  return { value: both, pointer: a.pointer };
}

/**
 * Both schemas at once (`allOf`). Annotations of `outer` win; constraints that cannot be combined into
 * one are kept under `<keyword>@allOf`, so a change to them is still seen.
 */
function merge(outer: Schema, inner: Schema, pointer: string): Schema {
  const keywords = new Map(outer.keywords);
  for (const [key, keyword] of inner.keywords) {
    const mine = keywords.get(key);
    if (mine === undefined) keywords.set(key, keyword);
    else if (isAnnotation(key) || key === 'default' || canonical(mine.value) === canonical(keyword.value)) continue;
    else if (key === 'enum' && Array.isArray(mine.value) && Array.isArray(keyword.value)) {
      const inner = new Set(keyword.value.map(canonical));
      keywords.set(key, { value: mine.value.filter((value) => inner.has(canonical(value))), pointer: mine.pointer });
    } else keywords.set(`${key}@allOf`, keyword);
  }
  const shallow: Shallow = {
    pointer,
    types: intersectTypes(outer.types, inner.types),
    keywords,
    required: new Map([...inner.required, ...outer.required]),
    structured: outer.structured || inner.structured,
  };
  return schemaOf(shallow, () => {
    const properties = new Map(outer.properties);
    for (const [name, schema] of inner.properties) {
      const mine = properties.get(name);
      properties.set(name, mine === undefined ? schema : merge(mine, schema, mine.pointer));
    }
    return {
      properties,
      items:
        outer.items && inner.items
          ? merge(outer.items, inner.items, outer.items.pointer)
          : (outer.items ?? inner.items),
      additionalProperties: mergeAdditional(outer.additionalProperties, inner.additionalProperties),
      variants: outer.variants.length > 0 ? outer.variants : inner.variants,
    };
  });
}

function mergeAdditional(
  a: Schema | Keyword<false> | undefined,
  b: Schema | Keyword<false> | undefined,
): Schema | Keyword<false> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isForbidden(a)) return a;
  if (isForbidden(b)) return b;
  return merge(a, b, a.pointer);
}

export function isForbidden(additional: Schema | Keyword<false> | undefined): additional is Keyword<false> {
  return additional !== undefined && 'value' in additional && additional.value === false;
}

/** JSON with sorted keys: equal values, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
