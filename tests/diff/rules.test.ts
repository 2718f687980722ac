/**
 * Every rule of the diff, both ways round, on one-change variants of the vendored spec
 * (fixtures/specs/variants.ts): each variant must yield exactly the findings it lists, no more.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSpecDocument } from '../../contracts/diff/documents.ts';
import { pointerGet } from '../../contracts/diff/pointers.ts';
import { diffSpecs, type DiffReport } from '../../contracts/diff/spec-diff.ts';
import { vendoredSpec } from '../../contracts/spec.ts';
import { VARIANTS, variantDocuments, type Doc, type Variant } from '../../fixtures/specs/variants.ts';

async function diffOf(old: Doc, next: Doc): Promise<DiffReport> {
  return diffSpecs(parseSpecDocument(JSON.stringify(old), 'OLD'), parseSpecDocument(JSON.stringify(next), 'NEW'));
}

async function diffVariant(variant: Variant) {
  const documents = variantDocuments(variant);
  return { ...documents, report: await diffOf(documents.old, documents.new) };
}

describe('the vendored spec against itself', () => {
  it('has no finding at all', async () => {
    const base = vendoredSpec().document;
    const report = await diffOf(base, base);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ breaking: 0, safe: 0, notes: 0 });
  });
});

describe.each(VARIANTS.map((variant) => [variant.name, variant] as const))('%s', (_name, variant) => {
  it('yields exactly the expected findings', async () => {
    const { report } = await diffVariant(variant);
    expect(report.findings.map((finding) => `${finding.rule} ${finding.severity}`).sort()).toEqual(
      [...variant.expect].sort(),
    );
  });

  it('points into both documents, and gives a reason', async () => {
    const { old, new: next, report } = await diffVariant(variant);
    for (const finding of report.findings) {
      expect(finding.message.length).toBeGreaterThan(10);
      // A side with a value names a place that exists in that document.
      if ('value' in finding.old) expect(pointerGet(old, finding.old.pointer), finding.old.pointer).not.toBeUndefined();
      if ('value' in finding.new)
        expect(pointerGet(next, finding.new.pointer), finding.new.pointer).not.toBeUndefined();
    }
  });
});

describe('the catalog of variants', () => {
  it('covers each schema rule from both sides where both make sense', () => {
    const rules = new Set(VARIANTS.flatMap((variant) => variant.expect.map((expected) => expected.split(' ')[0]!)));
    const bothSides = [
      'enum-value-added',
      'enum-value-removed',
      'format-added',
      'format-removed',
      'pattern-tightened',
      'pattern-loosened',
      'type-widened',
      'type-narrowed',
      'property-added',
      'property-removed',
      'property-became-required',
      'property-became-optional',
      'nullable-added',
      'nullable-removed',
      'additional-properties-tightened',
      'additional-properties-loosened',
      'max-length-tightened',
      'max-length-loosened',
      'media-type-changed',
      'media-type-added',
    ];
    for (const rule of bothSides) {
      expect(rules, `request-${rule}`).toContain(`request-${rule}`);
      expect(rules, `response-${rule}`).toContain(`response-${rule}`);
    }
  });

  it('lists breaking findings first, then safe ones, then notes', async () => {
    const variant: Variant = {
      name: 'three kinds at once',
      change: (document) => {
        document.components.schemas.SessionStatus.enum.push('paused');
        document.components.schemas.TaskStatus.description = 'States';
        document.paths['/sessions/{session_id}'].patch.responses['409'] = { description: 'Conflict' };
      },
      expect: [],
    };
    const { report } = await diffVariant(variant);
    expect(report.findings.map((finding) => finding.severity)).toEqual(['breaking', 'safe', 'note']);
    expect(report.summary).toEqual({ breaking: 1, safe: 1, notes: 1 });
  });
});

describe('a finding as data', () => {
  it('names the rule, both places with their values, and why', async () => {
    const { report } = await diffVariant(VARIANTS.find((variant) => variant.name === 'response enum value added')!);
    expect(report.findings).toEqual([
      {
        rule: 'response-enum-value-added',
        severity: 'breaking',
        where: 'response 200 body › status',
        old: { pointer: '/components/schemas/SessionStatus/enum', value: ['active', 'stopped'] },
        new: { pointer: '/components/schemas/SessionStatus/enum', value: ['active', 'stopped', 'paused'] },
        message: 'enum value "paused" added; the provider may now send what old clients cannot handle',
      },
    ]);
  });

  it("shows on each side what is there: a removed property's schema in OLD, nothing in NEW", async () => {
    const { report } = await diffVariant(VARIANTS.find((variant) => variant.name === 'response property removed')!);
    expect(report.findings).toEqual([
      {
        rule: 'response-property-removed',
        severity: 'breaking',
        where: 'response 200 body › liveUrl',
        old: {
          pointer: '/components/schemas/SessionView/properties/liveUrl',
          value: (vendoredSpec().document as Doc).components.schemas.SessionView.properties.liveUrl,
        },
        new: { pointer: '/components/schemas/SessionView/properties/liveUrl' },
        message:
          'property "liveUrl" removed; clients that read it will no longer find it (or may find it in any shape)',
      },
    ]);
  });

  it('says why a request property removed is safe while other properties are allowed', async () => {
    const { report } = await diffVariant(
      VARIANTS.find((variant) => variant.name.startsWith('request property removed (other properties allowed'))!,
    );
    expect(report.findings[0]).toMatchObject({
      old: { pointer: '/components/schemas/UpdateSessionRequest/properties/reason', value: { type: 'string' } },
      new: { pointer: '/components/schemas/UpdateSessionRequest/properties/reason' },
      message:
        'property "reason" removed; other properties are still allowed, so old requests that send it stay valid, though the provider no longer says what it does with it',
    });
    expect('value' in report.findings[0]!.new).toBe(false);
  });

  it('carries the witness strings of a pattern change', async () => {
    const { report } = await diffVariant(
      VARIANTS.find((variant) => variant.name === 'response pattern changed both ways')!,
    );
    const [finding] = report.findings;
    const [oldPattern, newPattern] = [
      new RegExp(String(finding!.old.value), 'u'),
      new RegExp(String(finding!.new.value), 'u'),
    ];
    expect(oldPattern.test(finding!.witnesses!.oldOnly!) && !newPattern.test(finding!.witnesses!.oldOnly!)).toBe(true);
    expect(newPattern.test(finding!.witnesses!.newOnly!) && !oldPattern.test(finding!.witnesses!.newOnly!)).toBe(true);
    expect(finding!.message).toContain(JSON.stringify(finding!.witnesses!.newOnly));
  });
});

describe('the spec files in fixtures/specs', () => {
  const read = (name: string): unknown =>
    parseYaml(readFileSync(fileURLToPath(new URL(`../../fixtures/specs/${name}`, import.meta.url)), 'utf8'));
  const variant = (name: string) => variantDocuments(VARIANTS.find((candidate) => candidate.name === name)!).new;

  it('are the vendored spec and variants of the catalog, written out: they cannot drift from them', () => {
    const base = vendoredSpec().document as Doc;
    const patch = base.paths['/sessions/{session_id}'].patch;
    expect(read('update-session.json')).toEqual(base);
    expect(read('operation-only.yaml')).toEqual({ ...patch, components: base.components });
    expect(read('path-item-only.yaml')).toEqual({ patch, components: base.components });
    expect(read('session-status-value-added.yaml')).toEqual(variant('response enum value added'));
    expect(read('docs-only.yaml')).toEqual(variant('docs only: descriptions, titles, summaries, examples'));
  });
});
