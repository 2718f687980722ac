/**
 * Issue 2's differential property: for every component, the zod mirror and the spec validator give the
 * same verdict on generated valid values (both accept), on near-misses — every place × way of breaking
 * (both reject) — and on perturbed values nobody makes a claim about (both agree).
 */
import { describe, it } from 'vitest';
import { componentNames, componentSchemas } from '../../contracts/schemas.ts';
import { AGREEMENTS } from './agreement.ts';
import { SEED } from './property-runs.ts';

describe(`zod and the spec validator agree, component by component (seed ${SEED})`, () => {
  for (const name of componentNames) {
    describe(name, () => {
      for (const [agreement, check] of Object.entries(AGREEMENTS)) {
        it(`on ${agreement} values`, () => {
          const failure = check(name, componentSchemas[name]);
          if (failure !== undefined) throw new Error(failure);
        });
      }
    });
  }
});
