/**
 * Either side of a diff may be a whole OpenAPI document or hold just the operation; what is not OpenAPI
 * at all is refused with the loader's own error, and findings point into the file as written.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecDocument, type SpecDocument } from '../../contracts/diff/documents.ts';
import { MissingOperationError } from '../../contracts/diff/locate.ts';
import { diffSpecs } from '../../contracts/diff/spec-diff.ts';
import { SpecError, vendoredSpec } from '../../contracts/spec.ts';
import { operation, type Doc } from '../../fixtures/specs/variants.ts';

const base = (): Doc => structuredClone(vendoredSpec().document);
const json = (value: unknown, source = 'NEW') => parseSpecDocument(JSON.stringify(value), source);

/** The shapes a file holding only the Update Session operation may take, from the same base. */
function shapes(document: Doc): Record<string, Doc> {
  const { components } = document;
  const pathItem = document.paths['/sessions/{session_id}'];
  return {
    'a paths mapping without openapi': { paths: { '/sessions/{session_id}': pathItem }, components },
    'a bare paths object': { '/sessions/{session_id}': pathItem, components },
    'a path item (patch: at the top)': { ...pathItem, components },
    'an operation (parameters, requestBody, responses at the top)': { ...pathItem.patch, components },
    'an operation with its openapi version stated': { openapi: '3.1.0', ...pathItem.patch, components },
  };
}

describe('a file holding just the operation', () => {
  it.each(Object.entries(shapes(base())))(
    'is read as %s, and compares equal to the full spec',
    async (_shape, document) => {
      const report = await diffSpecs(parseSpecDocument(JSON.stringify(base()), 'OLD'), json(document));
      expect(report.findings).toEqual([]);
    },
  );

  it('says what was taken for granted about a path item or a bare operation', async () => {
    const shaped = shapes(base());
    const report = await diffSpecs(
      json(shaped['a path item (patch: at the top)'], 'item.yaml'),
      json(shaped['an operation (parameters, requestBody, responses at the top)'], 'op.yaml'),
    );
    expect(report.assumptions).toEqual([
      'item.yaml holds a path item: taken to be /sessions/{session_id}',
      'op.yaml holds one operation: taken to be PATCH /sessions/{session_id}',
    ]);
  });

  it('gets findings that point into the file as written', async () => {
    const changed = base();
    operation(changed).parameters[0].description = 'The session to stop';
    const findingIn = async (document: SpecDocument) => (await diffSpecs(json(base(), 'OLD'), document)).findings[0]!;
    const shaped = shapes(changed);
    expect(
      (await findingIn(json(shaped['an operation (parameters, requestBody, responses at the top)']))).new.pointer,
    ).toBe('/parameters/0/description');
    expect((await findingIn(json(shaped['a path item (patch: at the top)']))).new.pointer).toBe(
      '/patch/parameters/0/description',
    );
    expect((await findingIn(json(shaped['a bare paths object']))).new.pointer).toBe(
      '/~1sessions~1{session_id}/patch/parameters/0/description',
    );
    expect((await findingIn(json(changed))).new.pointer).toBe(
      '/paths/~1sessions~1{session_id}/patch/parameters/0/description',
    );
  });
});

describe('a file holding the operation dereferenced, without components', () => {
  // What a tool that inlines every $ref writes: the operation's security still names APIKeyHeader.
  const resolved = (): Doc => structuredClone((vendoredSpec().resolved as Doc).paths['/sessions/{session_id}']);
  const forms: Record<string, () => Doc> = {
    'an operation': () => resolved().patch,
    'a path item': () => resolved(),
    'a paths mapping': () => ({ paths: { '/sessions/{session_id}': resolved() } }),
  };

  it.each(Object.keys(forms))(
    'as %s: takes a scheme it names but cannot define to be the other side’s, and says so',
    async (form) => {
      const report = await diffSpecs(json(base(), 'OLD'), json(forms[form]!(), 'op.yaml'));
      expect(report.findings).toEqual([]);
      expect(report.assumptions).toContain(
        'op.yaml names security scheme "APIKeyHeader" without defining it: taken to be the one OLD defines',
      );
    },
  );

  it('still sees a scheme that changed name and meaning', async () => {
    const bearer = forms['an operation']!();
    bearer.security = [{ Bearer: [] }];
    const report = await diffSpecs(json(base(), 'OLD'), json(bearer, 'op.yaml'));
    expect(report.findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual([
      'security-requirement-removed breaking',
      'security-alternative-added safe',
    ]);
    expect(report.assumptions.filter((text) => text.includes('security scheme'))).toEqual([]);
  });
});

describe('a file that is not OpenAPI', () => {
  const refusal = (value: unknown): SpecError => {
    try {
      json(value);
    } catch (error) {
      if (error instanceof SpecError) return error;
      throw error;
    }
    throw new Error('expected a SpecError');
  };

  it('is refused with the loader’s own error', () => {
    expect(refusal({ swagger: '2.0', paths: {} }).code).toBe('not-openapi');
    expect(refusal({ name: 'a config file', version: 3 }).message).toBe(
      'NEW: is not an OpenAPI 3 document (no "openapi: 3.x.y" field)',
    );
    expect(refusal(['a', 'list']).code).toBe('not-openapi');
    expect(refusal({ openapi: '2.0', patch: { responses: {} } }).code).toBe('not-openapi');
  });

  it('is refused when malformed', () => {
    expect(() => parseSpecDocument('openapi: 3.1.0\npaths: [', 'NEW')).toThrow(SpecError);
  });
});

describe('finding the operation', () => {
  it('in OLD: refuses a document without it, since there is nothing to compare', async () => {
    const other = base();
    delete other.paths['/sessions/{session_id}'];
    await expect(diffSpecs(json(other, 'old.yaml'), json(base()))).rejects.toThrow(MissingOperationError);
    await expect(diffSpecs(json(other, 'old.yaml'), json(base()))).rejects.toThrow(
      'old.yaml: has no PATCH /sessions/{session_id} operation',
    );
  });

  it('in OLD: takes it at a path that differs only in the parameter name, and reports the rename back', async () => {
    const renamed = base();
    renamed.paths['/sessions/{id}'] = renamed.paths['/sessions/{session_id}'];
    delete renamed.paths['/sessions/{session_id}'];
    renamed.paths['/sessions/{id}'].patch.parameters[0].name = 'id';
    const report = await diffSpecs(json(renamed, 'OLD'), json(base()));
    expect(report.operation).toBe('PATCH /sessions/{id}');
    expect(report.findings.map((finding) => finding.rule)).toEqual(['path-parameter-renamed']);
  });

  it('in NEW: a method already on the path in OLD is not taken for the moved operation', async () => {
    const withGet = base();
    withGet.paths['/sessions/{session_id}'].get = {
      operationId: 'get_session',
      responses: { 200: { description: 'ok' } },
    };
    const removed = structuredClone(withGet);
    delete removed.paths['/sessions/{session_id}'].patch;
    const report = await diffSpecs(json(withGet, 'OLD'), json(removed));
    expect(report.findings.map((finding) => finding.rule)).toEqual(['operation-removed']);
  });

  it('in NEW: a moved operation is still compared, so other changes are reported too', async () => {
    const moved = base();
    moved.paths['/sessions/{session_id}'].post = moved.paths['/sessions/{session_id}'].patch;
    delete moved.paths['/sessions/{session_id}'].patch;
    moved.components.schemas.SessionStatus.enum.push('paused');
    const report = await diffSpecs(json(base(), 'OLD'), json(moved));
    expect(report.findings.map((finding) => finding.rule)).toEqual([
      'operation-method-changed',
      'response-enum-value-added',
    ]);
  });
});
