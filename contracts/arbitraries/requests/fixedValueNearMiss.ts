/**
 * Near misses of every value the spec fixes in the request (an enum or a const: today `action`'s `stop`),
 * as a careful attacker tries them on a lenient server: Unicode compatibility forms that NFKC-normalise to
 * the value (full-width, mathematical, circled, modifier letters, ligatures), look-alikes from other scripts,
 * the value with an invisible (zero-width, bidi), combining or NUL character inserted, the value wrapped in
 * another JSON type, and the value swapped for a number, a boolean or null. Each is a named class, drawn
 * class first (see _internals/classes.ts); every one is invalid, and the spec validator still judges it.
 */
import fc from 'fast-check';
import { UpdateSessionRequest } from '../../schemas.ts';
import { classNames, type InputClass } from './_internals/classes.ts';

/** A fixed value's near miss: the field it goes in, and the value as JSON text. */
export interface FixedValueNearMiss {
  readonly field: string;
  readonly text: string;
}

/** The request's fields whose value the spec fixes, and the values it allows (from the zod mirror of the spec). */
export const FIXED_VALUES: readonly (readonly [field: string, values: readonly string[]])[] = Object.entries(
  UpdateSessionRequest.shape,
).flatMap(([field, schema]) => ('options' in schema ? [[field, schema.options as readonly string[]] as const] : []));

/** Per letter, a compatibility form of it (NFKC gives the letter back), one style at a time. */
const COMPATIBILITY_STYLES: Readonly<Record<string, (letter: string) => string>> = {
  'full-width': (letter) => String.fromCodePoint(0xff41 + letter.charCodeAt(0) - 0x61),
  'mathematical bold': (letter) => String.fromCodePoint(0x1d41a + letter.charCodeAt(0) - 0x61),
  'mathematical monospace': (letter) => String.fromCodePoint(0x1d68a + letter.charCodeAt(0) - 0x61),
  circled: (letter) => String.fromCodePoint(0x24d0 + letter.charCodeAt(0) - 0x61),
  'modifier letter': (letter) =>
    ({ a: 'ᵃ', b: 'ᵇ', d: 'ᵈ', e: 'ᵉ', g: 'ᵍ', h: 'ʰ', k: 'ᵏ', o: 'ᵒ', p: 'ᵖ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ' })[letter] ??
    letter,
  'long s': (letter) => (letter === 's' ? 'ſ' : letter),
};

/** Two-letter runs a single ligature stands for under NFKC. */
const LIGATURES: readonly (readonly [string, string])[] = [
  ['st', 'ﬆ'],
  ['st', 'ﬅ'],
  ['ff', 'ﬀ'],
  ['fi', 'ﬁ'],
  ['fl', 'ﬂ'],
];

/** Letters from other scripts that look like Latin ones (Cyrillic, Greek, Armenian): NFKC keeps them apart. */
const CONFUSABLES: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'α'],
  c: ['с', 'ϲ'],
  e: ['е'],
  i: ['і'],
  j: ['ј'],
  o: ['о', 'ο', 'օ'],
  p: ['р', 'ρ'],
  s: ['ѕ'],
  t: ['т', 'τ'],
  x: ['х'],
  y: ['у'],
};

/** Invisible characters by kind, and combining marks: each inserted alone, anywhere in the value. */
export const INSERTED = {
  'zero-width': ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'],
  bidi: [
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u061c',
  ],
  combining: ['\u0301', '\u0300', '\u0308', '\u0327', '\u0338', '\u034f'],
  /** What ends the value for a server that reads it as a C string. */
  nul: ['\u0000'],
} as const;

/** Picks a non-empty set of positions out of `length` by a mask (any integer works). */
const positions = (length: number) => fc.integer({ min: 1, max: 2 ** length - 1 });

function compatibilityForms(value: string): fc.Arbitrary<string> {
  const styled = fc
    .tuple(fc.constantFrom(...Object.values(COMPATIBILITY_STYLES)), positions(value.length))
    .map(([style, mask]) =>
      [...value]
        .map((letter, index) => ((mask >> index) & 1 && /[a-z]/.test(letter) ? style(letter) : letter))
        .join(''),
    );
  const ligatures = LIGATURES.filter(([run]) => value.includes(run)).map(([run, ligature]) =>
    value.replace(run, ligature),
  );
  const forms = ligatures.length === 0 ? styled : fc.oneof(styled, fc.constantFrom(...ligatures));
  // A style with no form of some letter leaves it as it is: that draw is the value itself, and is dropped.
  return forms.filter((form) => form !== value && form.normalize('NFKC') === value);
}

function confusables(value: string): fc.Arbitrary<string> {
  const replaceable = [...value].flatMap((letter, index) => (CONFUSABLES[letter] ? [index] : []));
  if (replaceable.length === 0) return fc.constant(`${value}\u0430`);
  return fc.tuple(positions(replaceable.length), fc.nat()).map(([mask, pick]) => {
    const letters = [...value];
    replaceable.forEach((index, bit) => {
      if ((mask >> bit) & 1) {
        const options = CONFUSABLES[letters[index]!]!;
        letters[index] = options[pick % options.length]!;
      }
    });
    return letters.join('');
  });
}

function inserted(value: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...Object.values(INSERTED).flat()), fc.integer({ min: 0, max: value.length }))
    .map(([char, at]) => value.slice(0, at) + char + value.slice(at));
}

/** The valid value inside an array, an object (under its own field name or another), or JSON-encoded as a string. */
function wrapped(field: string, value: string): fc.Arbitrary<string> {
  const text = JSON.stringify(value);
  return fc.constantFrom(
    `[${text}]`,
    `[[${text}]]`,
    `{${JSON.stringify(field)}:${text}}`,
    `{"value":${text}}`,
    JSON.stringify(text),
  );
}

/** The value swapped for a number, a boolean or null. */
const swapped: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '1', '-1', '1.5', '1e3'),
  fc.integer().map(String),
);

function forField(field: string, values: readonly string[], build: (value: string) => fc.Arbitrary<string>) {
  return fc
    .constantFrom(...values)
    .chain(build)
    .map((text): FixedValueNearMiss => ({ field, text }));
}

/** A string as its JSON text. */
const quoted = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((text) => JSON.stringify(text));

/** The classes, each over every fixed field, each drawn with `weight` (see invalidUpdateBody). */
export function fixedValueNearMissClasses(weight: number): InputClass<FixedValueNearMiss>[] {
  const over = (build: (field: string, value: string) => fc.Arbitrary<string>) =>
    fc.oneof(...FIXED_VALUES.map(([field, values]) => forField(field, values, (value) => build(field, value))));
  return [
    [
      'body: action a compatibility form (NFKC gives "stop")',
      over((_, value) => quoted(compatibilityForms(value))),
      weight,
    ],
    ['body: action spelt with look-alikes from another script', over((_, value) => quoted(confusables(value))), weight],
    [
      'body: action with a zero-width, bidi, combining or NUL character inserted',
      over((_, value) => quoted(inserted(value))),
      weight,
    ],
    ['body: action wrapped in another JSON type', over((field, value) => wrapped(field, value)), weight],
    ['body: action swapped for a number, boolean or null', over(() => swapped), weight],
  ];
}

/** The class names, for tests that count them. */
export const FIXED_VALUE_NEAR_MISS_CLASSES: readonly string[] = classNames(fixedValueNearMissClasses(1));
