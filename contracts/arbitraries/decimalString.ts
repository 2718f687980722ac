import fc from 'fast-check';

export interface DecimalStringConstraints {
  /**
   * Put a `+` or `-` in front of some values.
   * @defaultValue true
   */
  readonly signed?: boolean;
  /**
   * Also yield the forms the pattern admits but a formatter would not write: leading zeros (`'007'`,
   * `'00.50'`), a bare leading dot (`'.5'`) and a bare trailing dot (`'5.'`).
   * @defaultValue true
   */
  readonly nonCanonical?: boolean;
  /**
   * Most digits before the dot (leading zeros not counted).
   * @defaultValue 12
   */
  readonly maxIntegerDigits?: number;
  /**
   * Most digits after the dot.
   * @defaultValue 12
   */
  readonly maxFractionDigits?: number;
}

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/**
 * Strings the spec's decimal pattern `^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$` accepts, built without its lookahead.
 *
 * The lookahead only forbids strings made of signs and dots alone, so the language is: an optional
 * sign, then digits and at most one dot with at least one digit somewhere. Every such string has one of
 * three shapes, and each is generated directly: `I` (integer), `I.F` with `F` possibly empty (`'5.'`),
 * and `.F` with `F` not empty (`'.5'`). tests/contracts/format-generators.test.ts proves this grammar
 * equal to the spec's regex.
 */
export function decimalString(constraints: DecimalStringConstraints = {}): fc.Arbitrary<string> {
  const { signed = true, nonCanonical = true, maxIntegerDigits = 12, maxFractionDigits = 12 } = constraints;
  const sign = signed ? fc.constantFrom('', '-', '+') : fc.constant('');
  // Canonical integer part: '0' or a digit string without a leading zero.
  const canonicalInteger = fc.oneof(
    fc.constant('0'),
    fc
      .tuple(fc.constantFrom(...'123456789'), digits(0, Math.max(0, maxIntegerDigits - 1)))
      .map(([head, tail]) => head + tail),
  );
  const integer = nonCanonical
    ? fc
        .tuple(
          fc.integer({ min: 0, max: 3 }).map((n) => '0'.repeat(n)),
          digits(1, Math.max(1, maxIntegerDigits)),
        )
        .map(([zeros, rest]) => zeros + rest)
    : canonicalInteger;
  const fraction = (minLength: number) => digits(minLength, Math.max(minLength, maxFractionDigits));
  const shapes: fc.Arbitrary<string>[] = [
    integer,
    fc.tuple(integer, fraction(nonCanonical ? 0 : 1)).map(([i, f]) => `${i}.${f}`),
  ];
  if (nonCanonical) shapes.push(fraction(1).map((f) => `.${f}`));
  return fc.tuple(sign, fc.oneof(...shapes)).map(([s, body]) => s + body);
}
