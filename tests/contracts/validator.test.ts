/**
 * The spec validator closes openapi-backend's traps: it reads OpenAPI 3.1, asserts formats, reports every
 * error, checks the content type and undocumented statuses, and takes security from the spec itself.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecText, vendoredSpec } from '../../contracts/spec.ts';
import { SpecValidator, specValidator } from '../../contracts/validator.ts';

const ID = '123e4567-e89b-12d3-a456-426614174000';
const HEADERS = { 'X-Browser-Use-API-Key': 'k', 'Content-Type': 'application/json' };
const STOP = '{"action":"stop"}';

function variant(edit: (document: any) => void): SpecValidator {
  const document = structuredClone(vendoredSpec().document);
  edit(document);
  return new SpecValidator(parseSpecText(JSON.stringify(document), 'variant.json'));
}

describe('requests', () => {
  it('a valid one has no issue; charset parameters and any header case are fine', () => {
    expect(specValidator().validateRequest({ sessionId: ID, headers: HEADERS, body: STOP })).toEqual({
      valid: true,
      issues: [],
    });
    expect(
      specValidator().validateRequest({
        sessionId: ID.toUpperCase(),
        headers: { 'content-type': 'Application/JSON; charset=utf-8', 'x-browser-use-api-key': '' },
        body: STOP,
      }).valid,
    ).toBe(true);
  });

  it('every issue is reported, each where it is', () => {
    const { issues } = specValidator().validateRequest({
      sessionId: 'urn:uuid:' + ID,
      headers: { 'content-type': 'text/plain' },
      body: '{"action":"Stop"}',
    });
    expect(issues.map((issue) => `${issue.in}${issue.pointer} ${issue.keyword}`).sort()).toEqual([
      'body/action enum',
      'header/content-type content-type',
      'path/session_id format',
      'security/x-browser-use-api-key security',
    ]);
  });

  it('malformed, missing and non-object bodies', () => {
    const keywords = (body: string | undefined) =>
      specValidator()
        .validateRequest({ sessionId: ID, headers: HEADERS, body })
        .issues.map((i) => i.keyword);
    expect(keywords('{"action"')).toContain('parse');
    expect(keywords(undefined)).toEqual(['required']);
    expect(keywords('[]')).toEqual(['type']);
    expect(keywords('null')).toEqual(['type']);
  });
});

describe('responses', () => {
  it('an undocumented status is an issue, not a pass', () => {
    expect(specValidator().validateResponse({ status: 500, contentType: 'application/json', body: {} }).issues).toEqual(
      [expect.objectContaining({ in: 'status', keyword: 'status' })],
    );
  });

  it('formats and patterns are asserted, and every error is listed', () => {
    const { issues } = specValidator().validateResponse({
      status: 200,
      contentType: 'text/html',
      body: { id: 'x', status: 'stopped', startedAt: '2026-02-30T00:00:00Z', tasks: [], proxyCost: '1e5' },
    });
    expect(issues.map((issue) => `${issue.in}${issue.pointer} ${issue.keyword}`).sort()).toEqual([
      'body/id format',
      'body/proxyCost pattern',
      'body/startedAt format',
      'header/content-type content-type',
    ]);
  });
});

describe('a spec other than the vendored one', () => {
  it('takes the security header from the spec’s scheme', () => {
    const renamed = variant((d) => {
      d.components.securitySchemes.APIKeyHeader.name = 'X-Api-Key';
    });
    expect(renamed.validateRequest({ sessionId: ID, headers: HEADERS, body: STOP }).issues).toEqual([
      expect.objectContaining({ in: 'security', message: 'the X-Api-Key header is required' }),
    ]);
    expect(
      renamed.validateRequest({
        sessionId: ID,
        headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
        body: STOP,
      }).valid,
    ).toBe(true);
  });

  it('an operation without security needs no key', () => {
    const open = variant((d) => {
      delete d.paths['/sessions/{session_id}'].patch.security;
    });
    expect(
      open.validateRequest({ sessionId: ID, headers: { 'content-type': 'application/json' }, body: STOP }).valid,
    ).toBe(true);
  });

  it('an operation without an operationId is still validated', () => {
    const anonymous = variant((d) => {
      delete d.paths['/sessions/{session_id}'].patch.operationId;
    });
    expect(anonymous.validateRequest({ sessionId: 'nope', headers: HEADERS, body: STOP }).issues).toEqual([
      expect.objectContaining({ in: 'path' }),
    ]);
  });
});

describe('a spec with a recursive schema', () => {
  const recursive = variant((d) => {
    d.components.schemas.TaskItemView.properties.children = {
      type: 'array',
      items: { $ref: '#/components/schemas/TaskItemView' },
    };
  });
  const task = { id: ID, sessionId: ID, llm: 'm', task: 't', status: 'finished', createdAt: '2026-01-01T00:00:00Z' };

  it('validates components and responses through the recursion', () => {
    expect(recursive.validateComponent('TaskItemView', { ...task, children: [{ ...task, children: [] }] }).valid).toBe(
      true,
    );
    expect(
      recursive.validateComponent('TaskItemView', { ...task, children: [{ ...task, status: 'nope' }] }).issues,
    ).toEqual([expect.objectContaining({ pointer: '/children/0/status', keyword: 'enum' })]);
    const view = {
      id: ID,
      status: 'stopped',
      startedAt: '2026-01-01T00:00:00Z',
      tasks: [{ ...task, children: [{ ...task, id: 'x' }] }],
    };
    expect(recursive.validateResponse({ status: 200, contentType: 'application/json', body: view }).issues).toEqual([
      expect.objectContaining({ pointer: '/tasks/0/children/0/id', keyword: 'format' }),
    ]);
  });
});
