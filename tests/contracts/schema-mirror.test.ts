/** Each zod schema has the shape of its component in the spec (see mirror.ts for what is compared). */
import { describe, expect, it } from 'vitest';
import { componentNames, componentSchemas } from '../../contracts/schemas.ts';
import { mirrorDrifts } from './mirror.ts';

describe('each zod schema mirrors its component in the spec', () => {
  it.each(componentNames)('%s', (name) => expect(mirrorDrifts(name, componentSchemas[name])).toEqual([]));
});
