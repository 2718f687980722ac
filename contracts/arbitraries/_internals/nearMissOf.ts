/** Near-misses for a JSON Schema node: the engine behind `schemaNearMiss` and the component near-miss generators. */
import fc from 'fast-check';
import { DECIMAL_PATTERN } from '../../formats.ts';
import type { JsonObject } from '../../spec.ts';
import { dateTimeBreakers } from '../dateTimeNearMiss.ts';
import { decimalBreakers } from '../decimalNearMiss.ts';
import { pointerSegment, type NearMiss, type NearMissStratum } from '../NearMiss.ts';
import { uuidBreakers } from '../uuidNearMiss.ts';
import { enumNearMiss } from './enumNearMiss.ts';
import { anyJson, describeTypes, unknownPropertyName, valuesOfOtherTypes, withArticle } from './jsonValues.ts';
import { breakerFamily, embedded, group, leaf, miss, waysOf, type Option } from './nearMissTree.ts';
import {
  admits,
  admittedTypes,
  asSchema,
  branchesOf,
  checkSupported,
  type JsonType,
  type Schema,
} from './schemaNode.ts';
import { impliedType, namedProperties, valueOf, type ResolvedValueConstraints } from './valueOf.ts';

/** Near-misses of a node: one weighted arbitrary, and the strata it is made of. */
export interface NodeNearMisses {
  readonly arbitrary: fc.Arbitrary<NearMiss>;
  readonly strata: readonly NearMissStratum[];
  /** How many ways the node has of missing (the sum of its options' weights). */
  readonly ways: number;
}

/**
 * How much a nested part weighs among its siblings: more than a leaf when it has more ways to miss, but
 * only by the square root, so that a big part (`tasks`) does not crowd out the fields beside it.
 */
const weightOf = (part: NodeNearMisses) => Math.max(1, Math.round(Math.sqrt(part.ways)));
const asOption = (part: NodeNearMisses): Option => ({
  weight: weightOf(part),
  arbitrary: part.arbitrary,
  strata: part.strata,
});

/** Moves a near-miss found inside a part down to where that part sits in the whole. */
const nested = (segment: string | number, inner: NearMiss, value: unknown): NearMiss => ({
  ...inner,
  pointer: pointerSegment(segment) + inner.pointer,
  value,
});

/**
 * Values that fail `schema` for one reason each: wrong JSON type, null where null is not admitted, the
 * right value in the wrong JSON type, or a value of the right type that breaks one keyword (recursively,
 * down to the leaves). `undefined` when the schema admits every JSON value.
 */
export function nearMissOf(schema: Schema, c: ResolvedValueConstraints, at: string): NodeNearMisses | undefined {
  const options: Option[] = [];
  const admitted = admittedTypes(schema);
  if (admitted !== undefined) {
    const wanted = describeTypes(admitted);
    const wrongTypes = valuesOfOtherTypes(admitted).map(([type, values]) =>
      leaf(
        1,
        'wrong-type',
        withArticle(type),
        values.map((value) => miss('wrong-type', `${withArticle(type)} where ${wanted} is wanted`, value)),
      ),
    );
    const restyled = restyledOptions(schema, admitted, c, at);
    const wrongType = group(1, [...wrongTypes, ...restyled]);
    if (wrongType) options.push(wrongType);
    if (!admitted.has('null'))
      options.push(
        leaf(
          1,
          'null-for-non-null',
          'null',
          fc.constant(miss('null-for-non-null', `null where ${wanted} is wanted`, null)),
        ),
      );
  }
  options.push(...sameTypeOptions(schema, c, at));
  if (options.length === 0) return undefined;
  return {
    arbitrary: fc.oneof(...options.map(({ weight, arbitrary }) => ({ weight, arbitrary }))),
    strata: options.flatMap((option) => option.strata),
    ways: waysOf(options),
  };
}

/**
 * The right value in the wrong JSON type, as careless serialisers send it: a boolean or a number as a
 * string, a decimal string as a JSON number, an object or array JSON-encoded into a string. Only where
 * the new type is one the schema refuses.
 */
function restyledOptions(
  schema: Schema,
  admitted: ReadonlySet<JsonType>,
  c: ResolvedValueConstraints,
  at: string,
): Option[] {
  if (typeof schema === 'boolean') return [];
  const branches = branchesOf(schema);
  if (branches)
    return branches.flatMap((branch, i) =>
      restyledOptions(asSchema(branch, `${at}/anyOf/${i}`), admitted, c, `${at}/anyOf/${i}`),
    );
  const type = typeof schema['type'] === 'string' ? (schema['type'] as JsonType) : undefined;
  const restyle = (label: string, targets: readonly JsonType[], change: (value: unknown) => unknown): Option[] =>
    targets.some((target) => admits(admitted, target))
      ? []
      : [
          leaf(
            1,
            'wrong-type',
            label,
            valueOf(schema, c, at).map((value) => miss('wrong-type', label, change(value))),
          ),
        ];
  switch (type) {
    case 'boolean':
    case 'integer':
    case 'number':
      return restyle(`the right ${type} as a string`, ['string'], String);
    case 'object':
    case 'array':
      return restyle(`the right ${type} JSON-encoded into a string`, ['string'], (value) => JSON.stringify(value));
    case 'string':
      // A decimal string read as a number may be whole, so neither integers nor numbers may be admitted.
      return schema['pattern'] === DECIMAL_PATTERN
        ? restyle('the right decimal as a JSON number', ['number', 'integer'], Number)
        : [];
    default:
      return [];
  }
}

/** Near-misses that keep the JSON type the schema wants and break something else. */
function sameTypeOptions(schema: Schema, c: ResolvedValueConstraints, at: string): Option[] {
  if (typeof schema === 'boolean') return [];
  checkSupported(schema, at);
  const branches = branchesOf(schema);
  if (branches) return branchOptions(branches, c, at, 'anyOf' in schema ? 'anyOf' : 'oneOf');
  const members = 'const' in schema ? [schema['const']] : Array.isArray(schema['enum']) ? schema['enum'] : undefined;
  if (members) {
    const strings = members.filter((member): member is string => typeof member === 'string');
    const option = strings.length === 0 ? undefined : enumNearMiss(strings);
    return option ? [option] : [];
  }
  const type = typeof schema['type'] === 'string' ? (schema['type'] as JsonType) : impliedType(schema);
  switch (type) {
    case 'string':
      return stringOptions(schema);
    case 'array':
      return arrayOptions(schema, c, at);
    case 'object':
      return objectOptions(schema, c, at);
    default:
      return [];
  }
}

/**
 * A same-type near-miss of one branch fails the whole anyOf only if no other branch admits its type; so
 * only branches with a type of their own contribute (`anyOf [date-time string, null]` does; two string
 * branches would not).
 */
function branchOptions(
  branches: readonly Schema[],
  c: ResolvedValueConstraints,
  at: string,
  keyword: string,
): Option[] {
  const types = branches.map(admittedTypes);
  if (types.some((t) => t === undefined)) return [];
  return branches.flatMap((branch, i) => {
    const own = types[i]!;
    const others = types.filter((_, j) => j !== i);
    if (own.size !== 1 || [...own].some((type) => others.some((other) => admits(other!, type)))) return [];
    return sameTypeOptions(asSchema(branch, `${at}/${keyword}/${i}`), c, `${at}/${keyword}/${i}`);
  });
}

function stringOptions(schema: JsonObject): Option[] {
  const { format, pattern } = schema;
  if (format === 'uuid') return [breakerFamily(3, 'uuid', uuidBreakers)];
  if (format === 'date-time') return [breakerFamily(3, 'date-time', dateTimeBreakers)];
  if (pattern === DECIMAL_PATTERN) return [breakerFamily(3, 'decimal', decimalBreakers)];
  if (typeof pattern === 'string') {
    const regex = new RegExp(pattern, 'u');
    // An arbitrary pattern has no known complement to build from: filtering is the only general way.
    const breaking = fc.string().filter((value) => !regex.test(value));
    return [
      leaf(
        3,
        'pattern',
        `a string that does not match ${pattern}`,
        breaking.map((value) => miss('pattern', `a string that does not match ${pattern}`, value)),
      ),
    ];
  }
  return [];
}

function arrayOptions(schema: JsonObject, c: ResolvedValueConstraints, at: string): Option[] {
  const part = nearMissOf(asSchema(schema['items'] ?? true, `${at}/items`), c, `${at}/items`);
  if (!part) return [];
  const valid = valueOf(schema, c, at) as fc.Arbitrary<unknown[]>;
  return [
    embedded(weightOf(part), '/*', asOption(part), (inner) =>
      fc.tuple(valid, inner, fc.nat()).map(([array, item, position]) => {
        const index = position % (array.length + 1);
        return nested(index, item, [...array.slice(0, index), item.value, ...array.slice(index)]);
      }),
    ),
  ];
}

function objectOptions(schema: JsonObject, c: ResolvedValueConstraints, at: string): Option[] {
  const { names, required, schemaOf } = namedProperties(schema, at);
  const valid = valueOf(schema, c, at) as fc.Arbitrary<Record<string, unknown>>;
  const options: Option[] = [];
  const dropped = required.map((name) =>
    leaf(
      1,
      'required-dropped',
      'a required property left out',
      valid.map((object) => {
        const { [name]: _dropped, ...rest } = object;
        return miss('required-dropped', `the required property "${name}" left out`, rest, pointerSegment(name));
      }),
      pointerSegment(name),
    ),
  );
  const droppedGroup = group(required.length, dropped);
  if (droppedGroup) options.push(droppedGroup);
  for (const name of names) {
    const part = nearMissOf(schemaOf(name), c, `${at}/properties/${name}`);
    if (!part) continue;
    options.push(
      embedded(weightOf(part), pointerSegment(name), asOption(part), (inner) =>
        fc.tuple(valid, inner).map(([object, m]) => nested(name, m, { ...object, [name]: m.value })),
      ),
    );
  }
  const additional = schema['additionalProperties'];
  const unknownName = unknownPropertyName(new Set(names));
  if (additional === false) {
    options.push(
      leaf(
        2,
        'unknown-property',
        'a property additionalProperties: false forbids',
        fc
          .tuple(valid, unknownName, anyJson)
          .map(([object, name, value]) =>
            miss(
              'unknown-property',
              `the property "${name}", which additionalProperties: false forbids`,
              { ...object, [name]: value },
              pointerSegment(name),
            ),
          ),
        '/*',
      ),
    );
  } else if (additional !== undefined && additional !== true) {
    const part = nearMissOf(asSchema(additional, `${at}/additionalProperties`), c, `${at}/additionalProperties`);
    if (part) {
      options.push(
        embedded(weightOf(part), '/*', asOption(part), (inner) =>
          fc
            .tuple(valid, unknownName, inner)
            .map(([object, name, m]) => nested(name, m, { ...object, [name]: m.value })),
        ),
      );
    }
  }
  return options;
}
