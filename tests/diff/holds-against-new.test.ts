/**
 * `--pacts`: the committed pacts and the zod mirrors checked against NEW. Each check passes against the
 * vendored spec and fails, with a witness, against a NEW that moved away from what they encode.
 */
import { describe, expect, it } from 'vitest';
import { checkPacts, checkZodSchemas } from '../../contracts/diff/holds-against-new.ts';
import { PACTS_DIR } from '../../contracts/pacts/files.ts';
import { componentNames } from '../../contracts/schemas.ts';
import { parseSpecText, vendoredSpec, type LoadedSpec } from '../../contracts/spec.ts';
import { operation, schemas, type Doc } from '../../fixtures/specs/variants.ts';

const SEED = 11;
const SAMPLES = 60;

function newSpec(edit: (document: Doc) => void): LoadedSpec {
  const document = structuredClone(vendoredSpec().document);
  edit(document);
  return parseSpecText(JSON.stringify(document), 'NEW');
}

describe('the zod schemas against NEW', () => {
  it('agree with the vendored spec on every component', () => {
    const check = checkZodSchemas(vendoredSpec(), vendoredSpec(), SEED, SAMPLES);
    expect(check.disagreements).toEqual([]);
    expect(check.checked).toEqual(componentNames);
    expect(check.skipped).toEqual([]);
  });

  it('disagree when NEW allows a response value zod refuses (an enum value added): that breaks clients', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => schemas(d).TaskStatus.enum.push('paused')),
      SEED,
      SAMPLES,
    );
    expect(check.disagreements.find((d) => d.component === 'TaskStatus')).toMatchObject({
      value: 'paused',
      zodAccepts: false,
      specAccepts: true,
      breaksClients: true,
      impact: 'clients that validate responses with zod reject ones NEW allows',
    });
  });

  it('disagree when NEW refuses a response value zod allows (found by drawing from OLD): a note, no client breaks', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => {
        schemas(d).SessionNotFoundError.properties.detail.enum = ['Session not found'];
      }),
      SEED,
      SAMPLES,
    );
    const disagreement = check.disagreements.find((d) => d.component === 'SessionNotFoundError');
    expect(disagreement).toMatchObject({ zodAccepts: true, specAccepts: false, breaksClients: false });
    expect(disagreement!.drawnAs).toMatch(/^OLD /);
    expect(disagreement!.reasons.join()).toMatch(
      /^NEW: \/detail = "[^"]*": must be equal to one of the allowed values/,
    );
  });

  it('see a new optional response property that zod (loose objects) knows nothing of as no break', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => {
        schemas(d).SessionView.properties.browserProfileId = {
          anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }],
          title: 'Browser Profile ID',
        };
      }),
      SEED,
      SAMPLES,
    );
    expect(check.disagreements.length).toBeGreaterThan(0);
    expect(check.disagreements.every((d) => d.component === 'SessionView' && d.zodAccepts && !d.breaksClients)).toBe(
      true,
    );
  });

  it('report each direction, the harmful one first, so a harmless witness never hides a harmful one', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => {
        schemas(d).SessionNotFoundError.properties.detail = { type: ['string', 'integer'], maxLength: 3 };
      }),
      SEED,
      SAMPLES,
    );
    const found = check.disagreements.filter((d) => d.component === 'SessionNotFoundError');
    expect(found.map((d) => [d.zodAccepts, d.breaksClients])).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(check.disagreements[0]!.breaksClients).toBe(true);
  });

  it('try the example payloads first: the realistic request body is the witness when NEW requires more', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => {
        schemas(d).UpdateSessionRequest.properties.reason = { type: 'string' };
        schemas(d).UpdateSessionRequest.required.push('reason');
      }),
      SEED,
      SAMPLES,
    );
    expect(check.disagreements.find((d) => d.component === 'UpdateSessionRequest')).toMatchObject({
      value: { action: 'stop' },
      zodAccepts: true,
      specAccepts: false,
      drawnAs: 'example payload update-session-request',
      breaksClients: true,
      impact: 'clients that check their requests with zod may send ones NEW rejects',
    });
  });

  it('skip, and say so, a component NEW no longer has under that name', () => {
    const check = checkZodSchemas(
      vendoredSpec(),
      newSpec((d) => {
        schemas(d).SessionState = schemas(d).SessionStatus;
        delete schemas(d).SessionStatus;
        schemas(d).SessionView.properties.status.$ref = '#/components/schemas/SessionState';
      }),
      SEED,
      SAMPLES,
    );
    expect(check.skipped).toEqual([
      { component: 'SessionStatus', reason: 'NEW has no components.schemas entry of this name' },
    ]);
    expect(check.disagreements).toEqual([]);
  });

  it('draw the same values for the same seed', () => {
    const spec = newSpec((d) => schemas(d).TaskStatus.enum.push('paused'));
    expect(checkZodSchemas(vendoredSpec(), spec, SEED, SAMPLES)).toEqual(
      checkZodSchemas(vendoredSpec(), spec, SEED, SAMPLES),
    );
  });
});

const BUNDLED = { dir: PACTS_DIR, bundled: true };

describe('the pacts against NEW', () => {
  it('hold against the vendored spec', () => {
    expect(checkPacts(BUNDLED, vendoredSpec()).findings).toEqual([]);
  });

  it('no longer hold when NEW drops a status they expect', () => {
    const check = checkPacts(
      BUNDLED,
      newSpec((d) => delete operation(d).responses['404']),
    );
    expect(check.findings.map((finding) => finding.kind)).toContain('response-status');
  });

  it('cannot hold when NEW has no Update Session operation to check them against', () => {
    const check = checkPacts(
      BUNDLED,
      newSpec((d) => delete d.paths['/sessions/{session_id}']),
    );
    expect(check.findings).toHaveLength(1);
    expect(check.findings[0]!.message).toMatch(/^cannot be checked: NEW: has no PATCH/);
  });
});

describe('the zod schemas against NEW, next to the spec they mirror', () => {
  it('draw again only the components NEW changed from the spec zod mirrors', () => {
    const next = newSpec((d) => schemas(d).TaskStatus.enum.push('paused'));
    const check = checkZodSchemas(vendoredSpec(), next, 3, 20, { mirrored: vendoredSpec() });
    // TaskStatus and everything that holds it (resolved) changed; the rest is as the drift tests know it.
    expect(check.checked).toEqual(expect.arrayContaining(['TaskStatus', 'TaskItemView', 'SessionView']));
    expect(check.mirrored).toEqual(expect.arrayContaining(['SessionStatus', 'UpdateSessionRequest']));
    expect([...check.checked, ...check.mirrored].sort()).toEqual([...componentNames].sort());
    expect(check.disagreements.some((d) => d.component === 'TaskStatus' && d.breaksClients)).toBe(true);
  });
});
