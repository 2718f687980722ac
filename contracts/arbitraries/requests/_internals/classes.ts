/**
 * Draws inputs class first, then the detail: a generator with one class of a hundred values and another of
 * three would otherwise hardly ever send the small class. Every value keeps the name of its class, so a
 * report says what kind of input it was and a test can count how often each class is sent.
 */
import fc from 'fast-check';

export interface Classed<T> {
  /** The class, as reports print it: `body: action in the wrong letter case`. */
  readonly class: string;
  readonly value: T;
}

/** One named class of inputs, and how often it is drawn relative to its siblings (1 unless given). */
export type InputClass<T> = readonly [name: string, arbitrary: fc.Arbitrary<T>, weight?: number];

export function classed<T>(table: readonly InputClass<T>[]): fc.Arbitrary<Classed<T>> {
  return fc.oneof(
    ...table.map(([name, arbitrary, weight = 1]) => ({
      weight,
      arbitrary: arbitrary.map((value): Classed<T> => ({ class: name, value })),
    })),
  );
}

export const classNames = <T>(table: readonly InputClass<T>[]): string[] => table.map(([name]) => name);
