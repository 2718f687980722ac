import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECIMAL_PATTERN } from '../../contracts/formats.ts';
import { SpecError, VENDORED_SPEC_PATH, loadSpecFile, parseSpecText, vendoredSpec } from '../../contracts/spec.ts';

const SHARED_SPEC = fileURLToPath(new URL('../../../shared/spec/browser-use-v2-update-session.yaml', import.meta.url));
/** The vendored spec's SHA-256, pinned in the repo in `sha256sum` format, so any clone can prove its copy. */
const PINNED_SHA256 = readFileSync(`${VENDORED_SPEC_PATH}.sha256`, 'utf8');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function specErrorOf(action: () => unknown): SpecError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('the vendored spec', () => {
  it('is the text pinned by its SHA-256, and byte for byte the shared spec wherever a clone sits beside one', () => {
    const [pinned, name] = PINNED_SHA256.trim().split(/\s+\*?/);
    expect(name).toBe('browser-use-v2-update-session.yaml');
    expect(sha256(VENDORED_SPEC_PATH)).toBe(pinned);
    // ../shared exists only in the workspace the suite was built in; a clone elsewhere has the pin alone.
    if (existsSync(SHARED_SPEC)) expect(readFileSync(VENDORED_SPEC_PATH).equals(readFileSync(SHARED_SPEC))).toBe(true);
  });

  it('resolves every $ref, keeping the annotations written beside one', () => {
    const { resolved } = vendoredSpec();
    expect(JSON.stringify(resolved)).not.toContain('$ref');
    const action = (resolved as any).components.schemas.UpdateSessionRequest.properties.action;
    expect(action).toMatchObject({ type: 'string', enum: ['stop'], title: 'Action' });
  });

  it('carries the decimal pattern the formats module is written for', () => {
    const text = readFileSync(VENDORED_SPEC_PATH, 'utf8');
    const patterns = [...text.matchAll(/pattern: (.*)$/gm)].map((m) => m[1]);
    expect(patterns.length).toBeGreaterThan(0);
    expect(new Set(patterns)).toEqual(new Set([DECIMAL_PATTERN]));
  });
});

describe('loading a spec file that is not right', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bu-spec-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('names a missing file', () => {
    const error = specErrorOf(() => loadSpecFile(join(dir, 'nope.yaml')));
    expect(error.code).toBe('missing');
    expect(error.message).toBe(`${join(dir, 'nope.yaml')}: no such file`);
  });

  it('names a file that is not YAML or JSON, with the parser’s reason', () => {
    const path = write('broken.yaml', 'openapi: 3.1.0\npaths: {\n  a: [\n');
    const error = specErrorOf(() => loadSpecFile(path));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid YAML or JSON: \\S`),
    );
  });

  it('names a document that is not OpenAPI 3', () => {
    expect(specErrorOf(() => parseSpecText('swagger: "2.0"\npaths: {}\n', 'old.yaml')).code).toBe('not-openapi');
    expect(specErrorOf(() => parseSpecText('- 1\n- 2\n', 'list.yaml')).code).toBe('not-openapi');
    expect(specErrorOf(() => parseSpecText('openapi: 3.1.0\n', 'nopaths.yaml')).code).toBe('not-openapi');
  });

  it('names a $ref to nothing', () => {
    const dangling = specErrorOf(() =>
      parseSpecText(JSON.stringify({ openapi: '3.1.0', paths: { '/a': { $ref: '#/x/y' } } }), 'd.json'),
    );
    expect(dangling.code).toBe('bad-ref');
    expect(dangling.message).toContain('#/x/y');
  });

  it('leaves a recursive $ref in place instead of failing the whole document', () => {
    const { resolved } = parseSpecText(
      JSON.stringify({
        openapi: '3.1.0',
        paths: {},
        components: {
          schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
        },
      }),
      'recursive.json',
    );
    const node = (resolved as any).components.schemas.Node;
    expect(node.properties.next.properties.next).toEqual({ $ref: '#/components/schemas/Node' });
  });

  it('refuses duplicate keys rather than silently keeping the last', () => {
    expect(specErrorOf(() => parseSpecText('openapi: 3.1.0\npaths: {}\npaths: {}\n', 'dup.yaml')).code).toBe(
      'malformed',
    );
  });

  it('reads JSON as well as YAML', () => {
    const json = JSON.stringify(vendoredSpec().document);
    expect(parseSpecText(json, 'spec.json').resolved).toEqual(vendoredSpec().resolved);
  });
});
