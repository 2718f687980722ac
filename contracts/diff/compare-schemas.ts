/**
 * The schema rules: compares what two schemas accept, keyword by keyword, and says which way each change
 * moves the set of allowed values. Whether that breaks a consumer depends only on whose values they are
 * (finding.ts `severityOf`), so every rule here is written once for requests and responses alike.
 */
import type { JsonObject } from '../spec.ts';
import type { Collector, Scope } from './collector.ts';
import { place, type Direction } from './finding.ts';
import { formatWithin, REGULAR_FORMATS } from './format-subsets.ts';
import { pointerTo } from './pointers.ts';
import {
  anySchema,
  canonical,
  isAnnotation,
  isForbidden,
  type JsonType,
  type Keyword,
  type Schema,
} from './schema-model.ts';

/** Size limits: a larger lower bound, or a smaller upper bound, allows fewer values. */
const SIZE_BOUNDS = [
  ['minLength', 'lower'],
  ['maxLength', 'upper'],
  ['minItems', 'lower'],
  ['maxItems', 'upper'],
  ['minProperties', 'lower'],
  ['maxProperties', 'upper'],
] as const;

/** Keywords with a rule of their own below; any other keyword is compared as an opaque value. */
const JUDGED = new Set([
  'enum',
  'format',
  'pattern',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'uniqueItems',
  ...SIZE_BOUNDS.map(([keyword]) => keyword),
]);

/**
 * How often the walk may enter one pair of schema places (OLD, NEW). A pair it is already inside is a
 * recursive schema coming round again; a second lap still sees what differs only there (keywords beside
 * the recursive `$ref`), a third could only repeat findings.
 */
const LAPS = 2;

export function compareSchemas(old: Schema, next: Schema, outer: Scope, out: Collector): void {
  const pair = `${old.pointer} ${next.pointer}`;
  const walk = outer.walk ?? [];
  if (walk.filter((entered) => entered === pair).length >= LAPS) return;
  const scope: Scope = { ...outer, walk: [...walk, pair] };
  compareAnnotations(old, next, scope, out);
  if (compareTypes(old, next, scope, out) === 'disjoint') return; // one finding says it all
  compareEnum(old, next, scope, out);
  if (!formatSwappedForPattern(old, next, scope, out)) {
    compareFormat(old, next, scope, out);
    comparePattern(old, next, scope, out);
  }
  compareSizeBounds(old, next, scope, out);
  compareRange(old, next, scope, out, 'minimum');
  compareRange(old, next, scope, out, 'maximum');
  compareMultipleOf(old, next, scope, out);
  compareUniqueItems(old, next, scope, out);
  compareDefault(old, next, scope, out);
  compareOtherKeywords(old, next, scope, out);
  compareProperties(old, next, scope, out);
  compareAdditionalProperties(old, next, scope, out);
  compareItems(old, next, scope, out);
  compareVariants(old, next, scope, out);
}

const at = (keyword: Keyword | undefined, fallback: string) => place(keyword?.pointer ?? fallback, keyword?.value);
const pointerBelow = (schema: Schema, key: string) => `${schema.pointer}/${key}`;
/** Where a keyword is (or would be) in a schema, with its value. */
const placeOf = (schema: Schema, key: string, keyword: Keyword | undefined) => at(keyword, pointerBelow(schema, key));
const quoteAll = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

function compareAnnotations(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  noteAnnotations(
    out,
    scope.where,
    { pointer: old.pointer, keywords: old.keywords },
    { pointer: next.pointer, keywords: next.keywords },
  );
}

/** The keywords of any OpenAPI object, each with its pointer, for `noteAnnotations`. */
export function keywordsOf(
  node: JsonObject,
  pointer: string,
): { pointer: string; keywords: ReadonlyMap<string, Keyword> } {
  return {
    pointer,
    keywords: new Map(Object.entries(node).map(([key, value]) => [key, { value, pointer: pointerTo(pointer, key) }])),
  };
}

/** Notes every documentation keyword (plus `also`) that differs between two objects. */
export function noteAnnotations(
  out: Collector,
  where: string,
  old: { pointer: string; keywords: ReadonlyMap<string, Keyword> },
  next: { pointer: string; keywords: ReadonlyMap<string, Keyword> },
  also: ReadonlySet<string> = new Set(),
): void {
  const keys = new Set(
    [...old.keywords.keys(), ...next.keywords.keys()].filter((key) => isAnnotation(key) || also.has(key)),
  );
  for (const key of keys) {
    const before = old.keywords.get(key);
    const after = next.keywords.get(key);
    if (canonical(before?.value) === canonical(after?.value)) continue;
    const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    const rule = key.startsWith('x-') ? 'extension-changed' : `${kebab(key.replace(/^\$/, ''))}-changed`;
    const what = key === 'deprecated' && after?.value === true ? 'now marked deprecated' : `${key} ${change}`;
    out.note(where, rule, at(before, pointerTo(old.pointer, key)), at(after, pointerTo(next.pointer, key)), what);
  }
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

// ---- types -------------------------------------------------------------------------------------------

function accepts(types: ReadonlySet<JsonType> | undefined, type: JsonType): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

/** Whether `wide` accepts every type `narrow` does. */
function covers(wide: ReadonlySet<JsonType> | undefined, narrow: ReadonlySet<JsonType> | undefined): boolean {
  if (narrow === undefined) return wide === undefined;
  return [...narrow].every((type) => accepts(wide, type));
}

function withoutNull(types: ReadonlySet<JsonType> | undefined): ReadonlySet<JsonType> | undefined {
  return types && new Set([...types].filter((type) => type !== 'null'));
}

function describeTypes(types: ReadonlySet<JsonType> | undefined): string {
  if (types === undefined) return 'any type';
  return types.size === 0 ? 'nothing' : [...types].join(' | ');
}

function compareTypes(old: Schema, next: Schema, scope: Scope, out: Collector): 'disjoint' | 'overlapping' {
  const before = old.types?.value;
  const after = next.types?.value;
  const oldPlace = at(old.types, pointerBelow(old, 'type'));
  const newPlace = at(next.types, pointerBelow(next, 'type'));
  const oldValues = withoutNull(before);
  const newValues = withoutNull(after);
  const widened = covers(newValues, oldValues);
  const narrowed = covers(oldValues, newValues);
  if (!widened || !narrowed) {
    const direction: Direction = widened ? 'loosened' : narrowed ? 'tightened' : 'changed';
    const rule = { loosened: 'type-widened', tightened: 'type-narrowed', changed: 'type-changed' }[direction];
    out.directional(
      scope,
      rule,
      direction,
      place(oldPlace.pointer, before && [...before]),
      place(newPlace.pointer, after && [...after]),
      `type ${describeTypes(oldValues)} → ${describeTypes(newValues)}`,
    );
  }
  if (before !== undefined && after !== undefined && before.has('null') !== after.has('null')) {
    const added = after.has('null');
    out.directional(
      scope,
      added ? 'nullable-added' : 'nullable-removed',
      added ? 'loosened' : 'tightened',
      place(oldPlace.pointer, [...before]),
      place(newPlace.pointer, [...after]),
      added ? 'may now be null' : 'may no longer be null',
    );
  }
  const disjoint =
    oldValues !== undefined &&
    newValues !== undefined &&
    oldValues.size > 0 &&
    newValues.size > 0 &&
    ![...oldValues].some((type) => accepts(newValues, type)) &&
    ![...newValues].some((type) => accepts(oldValues, type));
  return disjoint ? 'disjoint' : 'overlapping';
}

// ---- enum, format, pattern ---------------------------------------------------------------------------

function compareEnum(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const before = old.keywords.get('enum');
  const after = next.keywords.get('enum');
  if (canonical(before?.value) === canonical(after?.value)) return;
  const oldPlace = placeOf(old, 'enum', before);
  const newPlace = placeOf(next, 'enum', after);
  const oldValues = Array.isArray(before?.value) ? before.value : undefined;
  const newValues = Array.isArray(after?.value) ? after.value : undefined;
  if (oldValues && newValues) {
    const added = newValues.filter((value) => !oldValues.some((o) => canonical(o) === canonical(value)));
    const removed = oldValues.filter((value) => !newValues.some((n) => canonical(n) === canonical(value)));
    const plural = (values: unknown[]) => (values.length === 1 ? 'value' : 'values');
    if (added.length > 0)
      out.directional(
        scope,
        'enum-value-added',
        'loosened',
        oldPlace,
        newPlace,
        `enum ${plural(added)} ${quoteAll(added)} added`,
      );
    if (removed.length > 0)
      out.directional(
        scope,
        'enum-value-removed',
        'tightened',
        oldPlace,
        newPlace,
        `enum ${plural(removed)} ${quoteAll(removed)} removed`,
      );
  } else if (newValues) {
    out.directional(scope, 'enum-added', 'tightened', oldPlace, newPlace, `now limited to ${quoteAll(newValues)}`);
  } else if (oldValues) {
    out.directional(
      scope,
      'enum-removed',
      'loosened',
      oldPlace,
      newPlace,
      `no longer limited to ${quoteAll(oldValues)}`,
    );
  }
}

/**
 * A string constraint (`format`, `pattern`) added allows fewer values, removed allows more. Reports those
 * two cases and hands back both keywords when both sides have a different one.
 */
function stringConstraint(
  old: Schema,
  next: Schema,
  keyword: 'format' | 'pattern',
  scope: Scope,
  out: Collector,
): [Keyword, Keyword] | undefined {
  const before = old.keywords.get(keyword);
  const after = next.keywords.get(keyword);
  if (before?.value === after?.value) return undefined;
  const [oldPlace, newPlace] = [at(before, pointerBelow(old, keyword)), at(after, pointerBelow(next, keyword))];
  if (before === undefined)
    out.directional(
      scope,
      `${keyword}-added`,
      'tightened',
      oldPlace,
      newPlace,
      `${keyword} ${String(after!.value)} added`,
    );
  else if (after === undefined)
    out.directional(
      scope,
      `${keyword}-removed`,
      'loosened',
      oldPlace,
      newPlace,
      `${keyword} ${String(before.value)} removed`,
    );
  else return [before, after];
  return undefined;
}

function compareFormat(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const both = stringConstraint(old, next, 'format', scope, out);
  if (!both) return;
  const [before, after] = both;
  const [from, to] = [String(before.value), String(after.value)];
  const direction: Direction = formatWithin(to, from) ? 'tightened' : formatWithin(from, to) ? 'loosened' : 'changed';
  out.directional(
    scope,
    `format-${direction}`,
    direction,
    place(before.pointer, before.value),
    place(after.pointer, after.value),
    `format ${from} → ${to}`,
  );
}

/**
 * A format whose values a pattern states exactly (REGULAR_FORMATS) swapped for a pattern, or back: judged
 * later as two patterns, since `format: uuid` and a uuid pattern may well accept the same strings. Reports
 * nothing and returns false for any other change of format or pattern.
 */
function formatSwappedForPattern(old: Schema, next: Schema, scope: Scope, out: Collector): boolean {
  const [oldFormat, newFormat] = [old.keywords.get('format'), next.keywords.get('format')];
  const [oldPattern, newPattern] = [old.keywords.get('pattern'), next.keywords.get('pattern')];
  const side = (format: Keyword | undefined, pattern: Keyword | undefined) => {
    if (format !== undefined && pattern === undefined && typeof format.value === 'string') {
      const regular = REGULAR_FORMATS[format.value];
      return regular === undefined
        ? undefined
        : { keyword: format as Keyword<string>, shown: `format ${format.value}`, pattern: regular };
    }
    if (pattern !== undefined && format === undefined && typeof pattern.value === 'string')
      return { keyword: pattern as Keyword<string>, shown: `pattern ${pattern.value}`, pattern: pattern.value };
    return undefined;
  };
  const [before, after] = [side(oldFormat, oldPattern), side(newFormat, newPattern)];
  if (before === undefined || after === undefined || (oldFormat === undefined) === (newFormat === undefined))
    return false;
  out.pattern({
    side: scope.side,
    where: scope.where,
    old: before.keyword,
    new: after.keyword,
    swap: { old: before, new: after },
  });
  return true;
}

/** Two different patterns are judged later, by automata or search (judge-patterns.ts). */
function comparePattern(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const both = stringConstraint(old, next, 'pattern', scope, out);
  if (both)
    out.pattern({
      side: scope.side,
      where: scope.where,
      old: both[0] as Keyword<string>,
      new: both[1] as Keyword<string>,
    });
}

// ---- bounds ------------------------------------------------------------------------------------------

function numberAt(schema: Schema, keyword: string): Keyword<number> | undefined {
  const found = schema.keywords.get(keyword);
  return typeof found?.value === 'number' ? (found as Keyword<number>) : undefined;
}

function compareSizeBounds(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  for (const [keyword, end] of SIZE_BOUNDS) {
    const before = numberAt(old, keyword);
    const after = numberAt(next, keyword);
    if (before?.value === after?.value) continue;
    const tighter =
      before === undefined ||
      (after !== undefined && (end === 'lower' ? after.value > before.value : after.value < before.value));
    const direction: Direction = tighter ? 'tightened' : 'loosened';
    out.directional(
      scope,
      `${kebab(keyword)}-${direction}`,
      direction,
      at(before, pointerBelow(old, keyword)),
      at(after, pointerBelow(next, keyword)),
      `${keyword} ${before?.value ?? 'none'} → ${after?.value ?? 'none'}`,
    );
  }
}

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
  readonly keyword: Keyword;
}

/** A numeric bound as written in OpenAPI 3.1 (`exclusiveMinimum: 5`) or 3.0 (`minimum: 5, exclusiveMinimum: true`). */
function boundOf(schema: Schema, end: 'minimum' | 'maximum'): Bound | undefined {
  const exclusiveName = end === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const inclusive = numberAt(schema, end);
  const exclusive = schema.keywords.get(exclusiveName);
  if (typeof exclusive?.value === 'number') {
    const stricter =
      inclusive === undefined ||
      (end === 'minimum' ? exclusive.value >= inclusive.value : exclusive.value <= inclusive.value);
    if (stricter) return { value: exclusive.value, exclusive: true, keyword: exclusive };
  }
  if (inclusive === undefined) return undefined;
  return { value: inclusive.value, exclusive: exclusive?.value === true, keyword: inclusive };
}

function compareRange(old: Schema, next: Schema, scope: Scope, out: Collector, end: 'minimum' | 'maximum'): void {
  const before = boundOf(old, end);
  const after = boundOf(next, end);
  if (before?.value === after?.value && before?.exclusive === after?.exclusive) return;
  const sign = end === 'minimum' ? 1 : -1; // raising a minimum or lowering a maximum allows fewer numbers
  const tighter =
    before === undefined ||
    (after !== undefined &&
      (sign * (after.value - before.value) > 0 || (after.value === before.value && after.exclusive)));
  const direction: Direction = tighter ? 'tightened' : 'loosened';
  const describe = (bound: Bound | undefined) =>
    bound === undefined
      ? 'none'
      : `${bound.exclusive ? (end === 'minimum' ? '>' : '<') : end === 'minimum' ? '≥' : '≤'} ${bound.value}`;
  out.directional(
    scope,
    `${end}-${direction}`,
    direction,
    at(before?.keyword, pointerBelow(old, end)),
    at(after?.keyword, pointerBelow(next, end)),
    `${end} ${describe(before)} → ${describe(after)}`,
  );
}

function compareMultipleOf(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const before = numberAt(old, 'multipleOf');
  const after = numberAt(next, 'multipleOf');
  if (before?.value === after?.value) return;
  const divides = (small: number, large: number) => Number.isInteger(large / small);
  const direction: Direction =
    before === undefined
      ? 'tightened'
      : after === undefined
        ? 'loosened'
        : divides(before.value, after.value)
          ? 'tightened'
          : divides(after.value, before.value)
            ? 'loosened'
            : 'changed';
  out.directional(
    scope,
    `multiple-of-${direction}`,
    direction,
    placeOf(old, 'multipleOf', before),
    placeOf(next, 'multipleOf', after),
    `multipleOf ${before?.value ?? 'none'} → ${after?.value ?? 'none'}`,
  );
}

function compareUniqueItems(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const before = old.keywords.get('uniqueItems');
  const after = next.keywords.get('uniqueItems');
  if ((before?.value === true) === (after?.value === true)) return;
  const direction: Direction = after?.value === true ? 'tightened' : 'loosened';
  out.directional(
    scope,
    `unique-items-${direction}`,
    direction,
    placeOf(old, 'uniqueItems', before),
    placeOf(next, 'uniqueItems', after),
    after?.value === true ? 'items must now be unique' : 'items need no longer be unique',
  );
}

// ---- default and the rest ----------------------------------------------------------------------------

/**
 * A request default is what the provider assumes when a client leaves the field out: changing or
 * dropping it changes what old requests mean. A response default only tells clients what to assume.
 */
function compareDefault(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const before = old.keywords.get('default');
  const after = next.keywords.get('default');
  if (canonical(before?.value) === canonical(after?.value)) return;
  const oldPlace = placeOf(old, 'default', before);
  const newPlace = placeOf(next, 'default', after);
  const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const what = `default ${before === undefined ? '' : `${JSON.stringify(before.value)} `}→ ${after === undefined ? 'none' : JSON.stringify(after.value)}`;
  const breaking = scope.side === 'request' && change !== 'added';
  out.add({
    rule: `${scope.side}-default-${change}`,
    severity: breaking ? 'breaking' : 'safe',
    where: scope.where,
    old: oldPlace,
    new: newPlace,
    message: breaking
      ? `${what}; old clients that leave it out no longer get what they relied on`
      : scope.side === 'request'
        ? `${what}; old requests that leave it out had no documented meaning before`
        : `${what}; the provider sends the same values, clients that fill in a missing field assume a different one`,
  });
}

function compareOtherKeywords(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const keys = new Set([...old.keywords.keys(), ...next.keywords.keys()]);
  for (const key of keys) {
    if (isAnnotation(key) || JUDGED.has(key)) continue;
    const before = old.keywords.get(key);
    const after = next.keywords.get(key);
    if (canonical(before?.value) === canonical(after?.value)) continue;
    out.add({
      rule: `${scope.side}-keyword-changed`,
      severity: 'breaking',
      where: scope.where,
      old: at(before, pointerBelow(old, key)),
      new: at(after, pointerBelow(next, key)),
      message: `${key.replace(/@allOf$/, ' (in allOf)')} changed; bu-contract has no rule for this keyword, so it counts as breaking until someone reviews it`,
    });
  }
}

// ---- objects -----------------------------------------------------------------------------------------

function compareProperties(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const names = new Set([
    ...old.properties.keys(),
    ...next.properties.keys(),
    ...old.required.keys(),
    ...next.required.keys(),
  ]);
  for (const name of names) {
    const before = old.properties.get(name);
    const after = next.properties.get(name);
    const inner: Scope = { ...scope, where: `${scope.where} › ${name}` };
    if (before === undefined && after !== undefined) propertyAdded(old, next, name, after, inner, out);
    else if (before !== undefined && after === undefined) propertyRemoved(next, name, before, inner, out);
    else {
      compareRequired(old, next, name, inner, out);
      if (before && after) compareSchemas(before, after, inner, out);
    }
  }
}

function requiredPlace(schema: Schema): ReturnType<typeof place> {
  const pointer = schema.required.values().next().value ?? pointerBelow(schema, 'required');
  return place(pointer, schema.required.size > 0 ? [...schema.required.keys()] : undefined);
}

function compareRequired(old: Schema, next: Schema, name: string, scope: Scope, out: Collector): void {
  const before = old.required.has(name);
  const after = next.required.has(name);
  if (before === after) return;
  out.directional(
    scope,
    after ? 'property-became-required' : 'property-became-optional',
    after ? 'tightened' : 'loosened',
    requiredPlace(old),
    requiredPlace(next),
    after ? `"${name}" is now required` : `"${name}" is no longer required`,
  );
}

function propertyAdded(old: Schema, next: Schema, name: string, added: Schema, scope: Scope, out: Collector): void {
  const required = next.required.has(name);
  const closed = isForbidden(old.additionalProperties);
  const breaking = scope.side === 'request' ? required : closed;
  const why =
    scope.side === 'request'
      ? required
        ? 'requests from old clients lack it and may now be rejected'
        : 'old clients may leave it out'
      : closed
        ? 'the old schema allowed no other properties, so clients that validate strictly reject responses that carry it'
        : 'old clients ignore properties they do not know';
  out.add({
    rule: `${scope.side}-property-added`,
    severity: breaking ? 'breaking' : 'safe',
    where: scope.where,
    old: place(pointerTo(old.pointer, 'properties', name)),
    new: place(added.pointer),
    message: `new ${required ? 'required' : 'optional'} property "${name}"; ${why}`,
  });
}

/**
 * A response property removed breaks clients that read it. A request property removed breaks only if
 * old requests that send it are now invalid: when no other properties are allowed, or when the schema
 * other properties must match (compared here) accepts less than the property's did.
 */
function propertyRemoved(next: Schema, name: string, removed: Schema, scope: Scope, out: Collector): void {
  const additional = next.additionalProperties;
  const breaking = scope.side === 'response' || isForbidden(additional);
  const why =
    scope.side === 'response'
      ? 'clients that read it will no longer find it (or may find it in any shape)'
      : isForbidden(additional)
        ? 'no other properties are allowed, so requests that send it are now rejected'
        : additional === undefined
          ? 'other properties are still allowed, so old requests that send it stay valid, though the provider no longer says what it does with it'
          : 'it now falls under additionalProperties, so old requests that send it stay valid where that schema accepts its values (compared alongside)';
  out.add({
    rule: `${scope.side}-property-removed`,
    severity: breaking ? 'breaking' : 'safe',
    where: scope.where,
    old: place(removed.pointer),
    new: place(pointerTo(next.pointer, 'properties', name)),
    message: `property "${name}" removed; ${why}`,
  });
  if (scope.side === 'request' && additional !== undefined && !isForbidden(additional))
    compareSchemas(removed, additional, scope, out);
}

function compareAdditionalProperties(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  const before = old.additionalProperties;
  const after = next.additionalProperties;
  if (before === undefined && after === undefined) return;
  const closedBefore = isForbidden(before);
  const closedAfter = isForbidden(after);
  if (closedBefore && closedAfter) return;
  const oldPlace = place(
    before?.pointer ?? pointerBelow(old, 'additionalProperties'),
    closedBefore ? false : undefined,
  );
  const newPlace = place(after?.pointer ?? pointerBelow(next, 'additionalProperties'), closedAfter ? false : undefined);
  if (closedBefore || closedAfter) {
    out.directional(
      scope,
      closedAfter ? 'additional-properties-tightened' : 'additional-properties-loosened',
      closedAfter ? 'tightened' : 'loosened',
      oldPlace,
      newPlace,
      closedAfter ? 'additional properties are no longer allowed' : 'additional properties are now allowed',
    );
    return;
  }
  compareSchemas(
    (before as Schema | undefined) ?? anySchema(oldPlace.pointer),
    (after as Schema | undefined) ?? anySchema(newPlace.pointer),
    { ...scope, where: `${scope.where} › {additional properties}` },
    out,
  );
}

// ---- arrays and alternatives -------------------------------------------------------------------------

function compareItems(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  if (old.items === undefined && next.items === undefined) return;
  compareSchemas(
    old.items ?? anySchema(pointerBelow(old, 'items')),
    next.items ?? anySchema(pointerBelow(next, 'items')),
    { ...scope, where: `${scope.where}[]` },
    out,
  );
}

/** Where an alternative would be in `schema`, which lacks it: past the end of its anyOf (or oneOf). */
function variantSlot(schema: Schema, variant: Schema): string {
  return pointerTo(schema.pointer, /\/(anyOf|oneOf)\/\d+$/.exec(variant.pointer)?.[1] ?? 'anyOf', '-');
}

function signature(schema: Schema): string {
  return schema.types === undefined ? '*' : [...schema.types.value].sort().join('|');
}

/**
 * `anyOf` members are paired by the types they accept, in order; a member without a partner was added or
 * removed. When the types themselves changed, the type finding above already says so.
 */
function compareVariants(old: Schema, next: Schema, scope: Scope, out: Collector): void {
  if (old.variants.length === 0 && next.variants.length === 0) return;
  const unmatched = [...next.variants];
  const typesChanged = signature(old) !== signature(next);
  old.variants.forEach((variant, index) => {
    const partner = unmatched.findIndex((candidate) => signature(candidate) === signature(variant));
    const inner: Scope = { ...scope, where: `${scope.where} › anyOf[${index}]` };
    if (partner >= 0) {
      compareSchemas(variant, unmatched.splice(partner, 1)[0]!, inner, out);
    } else if (!typesChanged) {
      out.directional(
        inner,
        'variant-removed',
        'tightened',
        place(variant.pointer),
        place(variantSlot(next, variant)),
        `alternative (${signature(variant)}) removed`,
      );
    }
  });
  if (typesChanged) return;
  for (const variant of unmatched) {
    out.directional(
      scope,
      'variant-added',
      'loosened',
      place(variantSlot(old, variant)),
      place(variant.pointer),
      `alternative (${signature(variant)}) added`,
    );
  }
}
