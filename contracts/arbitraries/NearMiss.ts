import type fc from 'fast-check';

/**
 * A near-miss is a value one step away from valid, together with the step: tests and reports can say
 * what was broken, not only that something was.
 */

/** The ways a near-miss is broken. Each generator says which kinds it yields. */
export type NearMissKind =
  /** A value of a JSON type the schema does not admit (`12.5` for a decimal string, `"true"` for a boolean). */
  | 'wrong-type'
  /** `null` where the schema does not admit null. */
  | 'null-for-non-null'
  /** A required property left out. */
  | 'required-dropped'
  /** An enum member in the wrong letter case (`"STOP"`, `"Active"`). */
  | 'enum-case'
  /** A string that is no enum member in any case (`"paused"`, `" stop"`). */
  | 'enum-other'
  /** A string that breaks `format: uuid`. */
  | 'uuid'
  /** A string that breaks `format: date-time`. */
  | 'date-time'
  /** A string that breaks the spec's decimal-string pattern. */
  | 'decimal'
  /** A string that breaks some other `pattern`. */
  | 'pattern'
  /** A property that `additionalProperties: false` forbids. */
  | 'unknown-property';

export interface NearMiss<T = unknown> {
  /** JSON pointer to the part that was broken; `''` when it is the value itself. */
  readonly pointer: string;
  readonly kind: NearMissKind;
  /** How it was broken, in a few words: `'decimal with an exponent'`. */
  readonly why: string;
  readonly value: T;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * One family of near-misses at one place: every value it yields is broken at `site` in the way `label`
 * says. A schema's strata enumerate all (place × way) pairs, so a test can try each of them instead of
 * hoping a random draw reaches the one that matters.
 */
export interface NearMissStratum {
  /** JSON pointer of the broken part, with `*` for any array position (`/tasks/` `*` `/status`: any task's status). */
  readonly site: string;
  readonly kind: NearMissKind;
  /** The way it is broken: `'a urn:uuid: prefix (…)'`, `'a string'` (for a wrong type), … */
  readonly label: string;
  readonly arbitrary: fc.Arbitrary<NearMiss>;
}
