/**
 * `bu-contract diff` as a user runs it: a separate process, its exit codes (0 nothing breaking, 1 a
 * break, 2 bad input), its text and JSON reports, and one-line errors without a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { run as runDiffCommand } from '../../contracts/cli/diff.ts';
import { DECIMAL_PATTERN } from '../../contracts/formats.ts';
import { PACT_FILE_NAME, PACTS_DIR } from '../../contracts/pacts/files.ts';
import { VENDORED_SPEC_PATH, vendoredSpec } from '../../contracts/spec.ts';
import type { Doc } from '../../fixtures/specs/variants.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'contracts/cli/bu-contract.mjs');
const SPECS = join(ROOT, 'fixtures/specs');
const PACTS = join(ROOT, 'pacts');
const BASE = VENDORED_SPEC_PATH;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function diff(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'diff', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'bu-diff-cli-'));
function specFile(name: string, edit: (document: Doc) => void): string {
  const document = structuredClone(vendoredSpec().document);
  edit(document);
  const path = join(scratch, name);
  writeFileSync(path, stringify(document));
  return path;
}

/** A user mistake is reported on one line of stderr, without a stack trace, and nothing on stdout. */
function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes', () => {
  it('0 when nothing changed (YAML against the same spec as JSON)', async () => {
    const run = await diff(BASE, join(SPECS, 'update-session.json'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('No change to the operation or anything it references.');
  });

  it('0 for a documentation-only change, with the notes listed', async () => {
    const run = await diff(BASE, join(SPECS, 'docs-only.yaml'), '--no-pacts');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Notes (documentation only) (8)');
    expect(run.stdout).toContain('Pacts and zod schemas not checked against NEW (--no-pacts)');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 breaking, 0 safe, 8 notes: NEW does not break existing clients (exit 0)',
    );
  });

  it('0 against a file holding just the operation', async () => {
    const run = await diff(BASE, join(SPECS, 'operation-only.yaml'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('operation-only.yaml holds one operation: taken to be PATCH /sessions/{session_id}');
    expect((await diff(join(SPECS, 'path-item-only.yaml'), BASE)).code).toBe(0);
  });

  it('1 for a breaking change', async () => {
    expect((await diff(BASE, join(SPECS, 'session-status-value-added.yaml'))).code).toBe(1);
  });

  it('1 when NEW has lost the operation: a finding, not an error', async () => {
    const run = await diff(
      BASE,
      specFile('no-operation.yaml', (d) => delete d.paths['/sessions/{session_id}'].patch),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('operation-removed');
  });

  it('2 when OLD has no such operation to compare', async () => {
    const run = await diff(
      specFile('old-without.yaml', (d) => delete d.paths['/sessions/{session_id}'].patch),
      BASE,
    );
    expectOneLineError(
      run,
      /^bu-contract diff: .*old-without\.yaml: has no PATCH \/sessions\/\{session_id\} operation/,
    );
  });
});

describe('bad input: one line, exit 2', () => {
  it('a missing file', async () => {
    expectOneLineError(
      await diff(BASE, join(SPECS, 'no-such.yaml')),
      /^bu-contract diff: .*no-such\.yaml: no such file$/m,
    );
  });

  it('a file that is not OpenAPI', async () => {
    expectOneLineError(
      await diff(join(SPECS, 'not-openapi.yaml'), BASE),
      /not-openapi\.yaml: is not an OpenAPI 3 document/,
    );
  });

  it('malformed YAML', async () => {
    expectOneLineError(
      await diff(BASE, join(SPECS, 'malformed.yaml')),
      /malformed\.yaml: is not valid YAML or JSON: \S/,
    );
  });

  it('one file instead of two', async () => {
    expectOneLineError(await diff(BASE), /needs two spec files, OLD and NEW; got 1/);
  });

  it('a pact folder that does not exist', async () => {
    expectOneLineError(
      await diff(BASE, BASE, '--pacts', join(scratch, 'nowhere')),
      /--pacts .*nowhere: no such folder/,
    );
  });

  it('an unknown flag', async () => {
    expectOneLineError(await diff(BASE, BASE, '--jsn'), /--jsn/);
  });
});

describe('a bug in the diff itself', () => {
  it('is one line on stderr and exit 2, never exit 1 (which would read as "NEW breaks clients")', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const output = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const crash = () =>
        Promise.reject(new RangeError('Maximum call stack size exceeded\n    at readOwn (schema-model.ts:1:1)'));
      expect(await runDiffCommand([BASE, BASE], crash)).toBe(2);
      expect(errors.mock.calls).toEqual([
        [
          'bu-contract diff: internal error, no verdict on the specs: RangeError: Maximum call stack size exceeded (a bug in bu-contract: please report it with both files)',
        ],
      ]);
      expect(output).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      output.mockRestore();
    }
  });

  it('a recursive schema is no such bug: exit 0, one safe finding', async () => {
    const recursive = specFile('recursive.yaml', (d) => {
      d.components.schemas.TaskItemView.properties.children = {
        type: 'array',
        items: { $ref: '#/components/schemas/TaskItemView' },
      };
    });
    const run = await diff(BASE, recursive, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout).findings.map((finding: { rule: string }) => finding.rule)).toEqual([
      'response-property-added',
    ]);
  });
});

describe('the report', () => {
  it('as text: breaking first, each finding with its rule, place, reason, and both pointers', async () => {
    const run = await diff(BASE, join(SPECS, 'session-status-value-added.yaml'), '--no-pacts');
    expect(run.stdout.replaceAll(ROOT, '')).toBe(
      [
        'PATCH /sessions/{session_id}: contracts/spec/browser-use-v2-update-session.yaml → fixtures/specs/session-status-value-added.yaml',
        '',
        'Breaking (1)',
        '  - response-enum-value-added at response 200 body › status',
        '    enum value "paused" added; the provider may now send what old clients cannot handle',
        '    OLD #/components/schemas/SessionStatus/enum  ["active","stopped"]',
        '    NEW #/components/schemas/SessionStatus/enum  ["active","stopped","paused"]',
        '',
        'Pacts and zod schemas not checked against NEW (--no-pacts)',
        '',
        '1 breaking, 0 safe, 0 notes: NEW breaks existing clients (exit 1)',
        '',
      ].join('\n'),
    );
  });

  it('as JSON: the findings as data, with the summary and the exit code', async () => {
    const run = await diff(BASE, join(SPECS, 'session-status-value-added.yaml'), '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report).sort()).toEqual([
      'assumptions',
      'exitCode',
      'findings',
      'new',
      'old',
      'operation',
      'pacts',
      'schemas',
      'summary',
    ]);
    expect(report).toMatchObject({
      operation: 'PATCH /sessions/{session_id}',
      summary: { breaking: 1, safe: 0, notes: 0 },
      exitCode: 1,
    });
    expect(report.findings[0]).toEqual({
      rule: 'response-enum-value-added',
      severity: 'breaking',
      where: 'response 200 body › status',
      old: { pointer: '/components/schemas/SessionStatus/enum', value: ['active', 'stopped'] },
      new: { pointer: '/components/schemas/SessionStatus/enum', value: ['active', 'stopped', 'paused'] },
      message: expect.stringContaining('old clients cannot handle'),
    });
  });

  it('says how to use the command', async () => {
    const run = await diff('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: bu-contract diff OLD NEW/);
    expect(run.stdout).toContain('--pacts DIR');
  });
});

describe('the bundled pacts and the zod schemas against NEW, by default', () => {
  it('are read from the package itself, wherever the command runs, and named in the report', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(process.execPath, [BIN, 'diff', BASE, BASE, '--json'], { cwd: tmpdir() }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.pacts).toMatchObject({ dir: PACTS_DIR, bundled: true, findings: [] });
    expect(report.pacts.files).toEqual([PACT_FILE_NAME, `outside-the-spec/${PACT_FILE_NAME}`]);
  });

  it('say which pacts they read', async () => {
    const run = await diff(BASE, BASE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Pacts read: the pacts bundled with bu-contract (${PACTS_DIR}): ${PACT_FILE_NAME}, `);
    expect(run.stdout).toContain('every one holds against NEW');
  });

  it('make removing "stopped" from SessionStatus breaking, through the pacts, though the diff calls it safe', async () => {
    const removed = specFile('stopped-removed.yaml', (d) => {
      d.components.schemas.SessionStatus.enum = ['active'];
    });
    const run = await diff(BASE, removed, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.breaking).toBe(0);
    expect(
      report.findings.map((finding: { rule: string; severity: string }) => `${finding.rule} ${finding.severity}`),
    ).toEqual(['response-enum-value-removed safe']);
    expect(report.pacts.bundled).toBe(true);
    expect(report.pacts.findings).toContainEqual(
      expect.objectContaining({ kind: 'response-example', message: expect.stringContaining('/status') }),
    );
    const text = await diff(BASE, removed);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /pact findings?; .*NEW leaves pacts that no longer hold.*\(exit 1\)$/,
    );
    // Turned off, nothing else sees it: the diff alone calls it safe.
    expect((await diff(BASE, removed, '--no-pacts')).code).toBe(0);
  });

  it('refuse --pacts with --no-pacts: exit 2 in one line', async () => {
    expectOneLineError(await diff(BASE, BASE, '--pacts', PACTS, '--no-pacts'), /--pacts and --no-pacts contradict/);
  });
});

describe('--pacts DIR: those pacts instead of the bundled ones', () => {
  it('hold against an unchanged spec: exit 0', async () => {
    const run = await diff(BASE, BASE, '--pacts', PACTS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Pacts read: the pacts in ${PACTS}: ${PACT_FILE_NAME}, `);
    expect(run.stdout).toContain('every one holds against NEW');
    expect(run.stdout).toMatch(/not drawn again, the same in NEW as in the spec zod mirrors \(8\)/);
  });

  it('fail when NEW tightens what the pacts and zod still allow, though the diff itself breaks nothing', async () => {
    const tightened = specFile('decimal-tightened.yaml', (d) => {
      d.components.schemas.SessionView.properties.proxyCost.pattern = '^[0-9]+(\\.[0-9]+)?$';
    });
    const run = await diff(BASE, tightened, '--pacts', PACTS, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.breaking).toBe(0);
    expect(report.findings.map((finding: { rule: string }) => finding.rule)).toEqual(['response-pattern-tightened']);
    expect(report.pacts.findings.length).toBeGreaterThan(0);
    const disagreement = report.schemas.disagreements.find((d: { component: string }) => d.component === 'SessionView');
    // zod is looser than NEW for a response: listed, but it is the pacts that fail here.
    expect(disagreement).toMatchObject({ zodAccepts: true, specAccepts: false, breaksClients: false });
    expect(new RegExp(DECIMAL_PATTERN, 'u').test(disagreement.value.proxyCost)).toBe(true);
    expect(/^[0-9]+(\.[0-9]+)?$/.test(disagreement.value.proxyCost)).toBe(false);
  });

  it('name the zod schema that refuses a value NEW now allows', async () => {
    const run = await diff(BASE, join(SPECS, 'session-status-value-added.yaml'), '--pacts', PACTS);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /- SessionStatus: NEW accepts and zod refuses "paused".*\n {4}clients that validate responses with zod reject ones NEW allows/,
    );
  });

  it('hold when zod is only looser than NEW about a response: exit 0, the disagreement listed as a note', async () => {
    const added = specFile('browser-profile-added.yaml', (d) => {
      d.components.schemas.SessionView.properties.browserProfileId = {
        anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }],
        title: 'Browser Profile ID',
      };
    });
    const run = await diff(BASE, added, '--pacts', PACTS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Notes: disagreements that break no client (1)');
    expect(run.stdout).toContain('zod is only looser than NEW for a response: clients still accept every valid one');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 breaking, 1 safe, 0 notes; 0 pact findings; 0 zod disagreements that break clients: NEW does not break existing clients (exit 0)',
    );
  });

  it('cannot hold when NEW has lost the operation', async () => {
    const run = await diff(
      BASE,
      specFile('gone.yaml', (d) => delete d.paths['/sessions/{session_id}'].patch),
      '--pacts',
      PACTS,
      '--json',
    );
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report.pacts.findings[0].message).toMatch(/cannot be checked: .*has no PATCH \/sessions\/\{session_id\}/);
  });
});
