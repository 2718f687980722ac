/** Test helper: a pattern verdict's witnesses, confirmed by the real regular expressions (u flag, as JSON Schema reads them). */
import { expect } from 'vitest';

export function expectWitnessesHold<V extends { oldOnly?: string; newOnly?: string }>(
  oldPattern: string,
  newPattern: string,
  verdict: V,
): V {
  const [before, after] = [new RegExp(oldPattern, 'u'), new RegExp(newPattern, 'u')];
  if (verdict.oldOnly !== undefined)
    expect([before.test(verdict.oldOnly), after.test(verdict.oldOnly)]).toEqual([true, false]);
  if (verdict.newOnly !== undefined)
    expect([before.test(verdict.newOnly), after.test(verdict.newOnly)]).toEqual([false, true]);
  return verdict;
}
