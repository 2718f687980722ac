import fc from 'fast-check';
import { admits, type JsonType } from './schemaNode.ts';

/** Any JSON value, kept shallow so that a generated payload stays small and quick to validate. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 1 });

const nonIntegerNumber = fc
  .tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 99 }))
  .map(([whole, hundredths]) => whole + hundredths / 100);

/** Strings a careless server sends where a boolean or a number belongs. */
const stringlyTyped = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('true', 'false', '0', '1', '12.50', 'null', '') },
  { weight: 1, arbitrary: fc.string() },
);

/** For each JSON type other than null, values of exactly that type. */
const VALUES_BY_TYPE: ReadonlyArray<readonly [Exclude<JsonType, 'null'>, fc.Arbitrary<unknown>]> = [
  ['boolean', fc.boolean()],
  ['integer', fc.integer({ min: -1000, max: 1000 })],
  ['number', nonIntegerNumber],
  ['string', stringlyTyped],
  ['array', fc.array(anyJson, { maxLength: 3 })],
  ['object', fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3, noNullPrototype: true })],
];

/**
 * For each JSON type other than null that `admitted` does not take (a non-integer `number` counts as its
 * own type), values of that type. Null is left out: it gets its own near-miss kind.
 */
export function valuesOfOtherTypes(
  admitted: ReadonlySet<JsonType>,
): ReadonlyArray<readonly [JsonType, fc.Arbitrary<unknown>]> {
  return VALUES_BY_TYPE.filter(([type]) => (type === 'number' ? !admitted.has('number') : !admits(admitted, type)));
}

/** Names of properties a schema does not declare, `__proto__` and friends weighted in; never one of `known`. */
export function unknownPropertyName(known: ReadonlySet<string>): fc.Arbitrary<string> {
  const lookalikes = [...known].map((name) => name.toUpperCase());
  return fc
    .oneof(
      { weight: 8, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty') },
      ...(lookalikes.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...lookalikes) }] : []),
    )
    .map((name) => {
      let unknown = name;
      while (known.has(unknown)) unknown += '_';
      return unknown;
    });
}

export function describeTypes(types: ReadonlySet<JsonType>): string {
  return [...types].join(' or ');
}

/** `'an integer'`, `'a string'`. */
export function withArticle(type: JsonType): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
