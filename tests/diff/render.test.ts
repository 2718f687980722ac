/**
 * The diff's text report shows what changed: OLD and NEW of a long value cut around their first
 * difference, a last line that counts everything that can decide the exit code (zod disagreements
 * included), and zod witnesses simplified to something a person can read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkZodSchemas } from '../../contracts/diff/holds-against-new.ts';
import { renderText } from '../../contracts/diff/render.ts';
import { DIFF_RUN_DEFAULTS, runSpecDiff } from '../../contracts/diff/run.ts';
import { simplifyWitness } from '../../contracts/diff/simplify-witness.ts';
import { isObject, parseSpecText, VENDORED_SPEC_PATH, vendoredSpec } from '../../contracts/spec.ts';
import { schemas, type Doc } from '../../fixtures/specs/variants.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bu-diff-render-'));
function specFile(name: string, edit: (document: Doc) => void): string {
  const document = structuredClone(vendoredSpec().document);
  edit(document);
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
}

const LONG =
  'View model for representing a session with its associated tasks, described at a length that no report line can hold whole.';

describe('the diff text report', () => {
  it('shows OLD and NEW of a long note around their first difference, so the change is visible', async () => {
    const oldPath = specFile('long-description-old.json', (d) => {
      schemas(d).SessionView.description = LONG;
    });
    const newPath = specFile('long-description-new.json', (d) => {
      schemas(d).SessionView.description = `${LONG} Stopped sessions keep their tasks.`;
    });
    const text = renderText(await runSpecDiff({ ...DIFF_RUN_DEFAULTS, oldPath, newPath }));
    const oldLine = text
      .split('\n')
      .find((line) => line.startsWith('    OLD #/components/schemas/SessionView/description'))!;
    const newLine = text
      .split('\n')
      .find((line) => line.startsWith('    NEW #/components/schemas/SessionView/description'))!;
    expect(newLine).toContain('Stopped sessions keep their tasks.');
    expect(oldLine).toMatch(/  …[^"]*hold whole\."$/);
    expect(oldLine.slice(oldLine.indexOf('  ') + 2)).not.toBe(newLine.slice(newLine.indexOf('  ') + 2));
  });

  it('counts pact findings and zod disagreements that break clients on its last line', async () => {
    const report = await runSpecDiff({
      ...DIFF_RUN_DEFAULTS,
      oldPath: VENDORED_SPEC_PATH,
      newPath: VENDORED_SPEC_PATH,
    });
    expect(renderText(report).split('\n').at(-1)).toBe(
      '0 breaking, 0 safe, 0 notes; 0 pact findings; 0 zod disagreements that break clients: NEW does not break existing clients (exit 0)',
    );
    const addedStatus = specFile('status-added.json', (d) => {
      schemas(d).TaskStatus.enum.push('paused');
    });
    const broken = await runSpecDiff({
      ...DIFF_RUN_DEFAULTS,
      oldPath: VENDORED_SPEC_PATH,
      newPath: addedStatus,
    });
    const harmful = broken.schemas!.disagreements.filter((disagreement) => disagreement.breaksClients).length;
    expect(harmful).toBeGreaterThan(0);
    expect(renderText(broken).split('\n').at(-1)).toMatch(
      new RegExp(`; ${harmful} zod disagreements? that breaks? clients: .*\\(exit 1\\)$`),
    );
  });
});

describe('zod witnesses', () => {
  it('are simplified while they still disagree: ASCII, few fields, the offending value quoted in the reason', () => {
    const document = structuredClone(vendoredSpec().document);
    schemas(document).SessionView.properties.proxyCost.pattern = '^[0-9]+(\\.[0-9]+)?$';
    const check = checkZodSchemas(vendoredSpec(), parseSpecText(JSON.stringify(document), 'NEW'), 11, 60);
    const witness = check.disagreements.find((disagreement) => disagreement.component === 'SessionView')!;
    expect(witness.zodAccepts).toBe(true);
    expect(JSON.stringify(witness.value)).toMatch(/^[\x20-\x7e]*$/);
    expect(isObject(witness.value) && Object.keys(witness.value).length).toBeLessThanOrEqual(5);
    expect(witness.reasons.join('\n')).toMatch(/^NEW: \/proxyCost = "[^"]*": must match pattern/m);
  });

  it('keep what makes them a witness, and go no further', () => {
    const hasDigit = (value: unknown) =>
      isObject(value) && typeof value['a'] === 'string' && /\p{Nd}/u.test(value['a']);
    expect(simplifyWitness({ a: 'ẞ١٢xyz', b: [1, 2, 3], c: 'noise' }, hasDigit)).toEqual({ a: '0' });
    expect(simplifyWitness('paused', (value) => value === 'paused')).toBe('paused');
  });
});
