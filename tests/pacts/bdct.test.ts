/**
 * The pact a team publishes passes PactFlow's bi-directional contract testing: its engine,
 * @pactflow/openapi-pact-comparator, finds no error comparing it with the vendored spec. The interaction
 * that sends a non-uuid id cannot pass it (the spec routes only uuids), so it lives in
 * pacts/outside-the-spec/, which publishing `pacts/*.json` leaves out; these tests show the comparator
 * refuses exactly that one, and that it would catch a published pact drifting from the spec.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import { describe, expect, it } from 'vitest';
import {
  OUTSIDE_SPEC_PACT,
  OUTSIDE_SPEC_PACTS_DIR,
  PACTS_DIR,
  PUBLISHED_PACT,
  listPactFiles,
} from '../../contracts/pacts/files.ts';
import { vendoredSpec } from '../../contracts/spec.ts';

type Json = any; // a pact file is free-form JSON; a test reaches into the part it changes

/**
 * The comparator's API, as its README and dist/src/compare/index.d.ts declare it. Its published index.d.ts
 * re-exports `./compare` without an extension, which NodeNext resolution cannot follow, so the type is
 * restated here (the fields these tests read).
 */
interface Result {
  readonly code: string;
  readonly type: 'error' | 'warning';
  readonly message: string;
  readonly mockDetails?: { readonly interactionDescription?: string | null };
}
type ComparatorClass = new (oas: unknown) => { compare(pact: unknown): AsyncGenerator<Result> };
const { Comparator } = comparatorModule as unknown as { Comparator: ComparatorClass };

const readPact = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));

async function compare(pact: Json): Promise<Result[]> {
  // The document as written: the comparator resolves `$ref`s itself, as PactFlow does with an uploaded spec.
  const comparator = new Comparator(structuredClone(vendoredSpec().document));
  const results: Result[] = [];
  for await (const result of comparator.compare(pact)) results.push(result);
  return results;
}

const summary = (results: readonly Result[]) =>
  results.map((r) => `${r.type} ${r.code}: ${r.mockDetails?.interactionDescription ?? ''} ${r.message}`);

describe('the pacts against PactFlow’s comparator', () => {
  it('every pact a team publishes (pacts/*.json) has no error and no warning', async () => {
    const published = listPactFiles(PACTS_DIR).filter((path) => dirname(path) === dirname(PUBLISHED_PACT));
    expect(published).toEqual([PUBLISHED_PACT]);
    for (const path of published) expect(summary(await compare(readPact(path)))).toEqual([]);
  });

  it('the published pact still covers 200, 404 and 422, so splitting lost no status', () => {
    const statuses = readPact(PUBLISHED_PACT).interactions.map((i: Json) => i.response.status);
    expect(new Set(statuses)).toEqual(new Set([200, 404, 422]));
  });

  it('outside-the-spec holds only what the comparator must refuse: a path the spec does not route', async () => {
    expect(listPactFiles(OUTSIDE_SPEC_PACTS_DIR)).toEqual([OUTSIDE_SPEC_PACT]);
    const pact = readPact(OUTSIDE_SPEC_PACT);
    const results = await compare(pact);
    expect(results.map((r) => [r.code, r.mockDetails?.interactionDescription])).toEqual(
      pact.interactions.map((i: Json) => ['request.path-or-method.unknown', i.description]),
    );
  });

  it('catches a published pact that drifts from the spec (a response value the spec refuses)', async () => {
    const pact = readPact(PUBLISHED_PACT);
    const stop = pact.interactions.find((i: Json) => i.response.status === 200);
    stop.response.body.content.proxyCost = '1e5';
    expect((await compare(pact)).filter((r) => r.type === 'error').map((r) => r.code)).toEqual([
      'response.body.incompatible',
    ]);
  });
});
