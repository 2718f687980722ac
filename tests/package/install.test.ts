/**
 * The suite as a provider team gets it: `npm pack`, installed from the tarball into an empty project (no
 * source tree beside it), then `npx bu-contract --version` and `npx bu-contract verify --base-url …`
 * against a reference provider this test starts. Proves the `files` list holds everything the gate loads
 * at run time (the spec, the pacts, the lazily imported fixtures) and nothing that is only for us.
 *
 * The install is offline-first: the npm cache already holds every dependency, so no registry is needed.
 * It is `--engine-strict`, as a provider team on Node 20 may run it: openapi-backend asks for
 * @apidevtools/json-schema-ref-parser 16 (Node ≥ 22.19), and the overrides that pin 15.5.2 only work inside
 * this repository, so the package bundles openapi-backend with the 15.5.2 it is tested with.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAME, TOOL_VERSION } from '../../contracts/version.ts';
import { startReferenceProvider } from '../../provider/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY = 'package-test-key-4d81b2c9e7';
/** npm on a loaded machine: packing and installing 160 packages from the cache takes tens of seconds. */
const INSTALL_MS = 240_000;

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without blocking the event loop, so a provider served by this process can answer it. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function gateEnvironmentCleared(): NodeJS.ProcessEnv {
  // The test runner's own settings must not reach the installed gate.
  return { PROVIDER_BASE_URL: '', PROVIDER_STATES_URL: '', FC_NUM_RUNS: '', FC_SEED: '', GITHUB_ACTIONS: '' };
}

describe('the packed suite, installed into an empty project', () => {
  let project: string;
  let installed: string;
  let installOutput: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'bu-contract-package-'));
    const packed = await run('npm', ['pack', '--pack-destination', project, '--json'], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [tarball] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'provider-repo', version: '1.0.0', private: true }),
    );
    const install = await run(
      'npm',
      ['install', '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund', join(project, tarball!.filename)],
      project,
    );
    expect(install.code, install.stderr).toBe(0);
    installOutput = install.stdout + install.stderr;
    installed = join(project, 'node_modules', TOOL_NAME);
  }, INSTALL_MS);

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it(`installs with --engine-strict on this Node (${process.version}), without an engine warning`, () => {
    expect(installOutput).not.toMatch(/EBADENGINE|Unsupported engine|notsup/i);
    // Wherever npm put it, the only ref-parser in the package is the one Node 20 runs.
    const versions = readdirSync(installed, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith(join('@apidevtools', 'json-schema-ref-parser', 'package.json')))
      .map((path) => (JSON.parse(readFileSync(join(installed, path), 'utf8')) as { version: string }).version);
    expect(versions).toEqual(['15.5.2']);
  });

  it('carries its licence: MIT, the LICENSE file beside package.json', () => {
    expect((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { license: string }).license).toBe(
      'MIT',
    );
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} the bu-contract authors\n/,
    );
  });

  it('holds what runs and none of the tests, benchmarks or planted bugs', () => {
    for (const needed of [
      'contracts/cli/bu-contract.mjs',
      'contracts/spec/browser-use-v2-update-session.yaml',
      'provider/index.ts',
      'provider/payloads/index.ts',
      'action.yml',
    ]) {
      expect(existsSync(join(installed, needed)), needed).toBe(true);
    }
    expect(readdirSync(join(installed, 'pacts')).filter((name) => name.endsWith('.json')).length).toBeGreaterThan(0);
    for (const absent of ['tests', 'bench', 'fixtures', 'reports']) {
      expect(existsSync(join(installed, absent)), absent).toBe(false);
    }
    expect(
      (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { private?: boolean }).private,
    ).toBeUndefined();
  });

  it(
    'prints its version with `npx bu-contract --version`',
    async () => {
      const { code, stdout } = await run('npx', ['--no-install', 'bu-contract', '--version'], project);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(`${TOOL_NAME} ${TOOL_VERSION}`);
    },
    INSTALL_MS,
  );

  it(
    'runs `bu-contract diff` from the package alone, its bundled pacts by default (it loads provider/payloads)',
    async () => {
      const spec = join(installed, 'contracts/spec/browser-use-v2-update-session.yaml');
      const { code, stdout, stderr } = await run('npx', ['--no-install', 'bu-contract', 'diff', spec, spec], project);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain(`Pacts read: the pacts bundled with bu-contract (${join(installed, 'pacts')}`);
      expect(stdout).toMatch(/every one holds against NEW/);
    },
    INSTALL_MS,
  );

  it(
    'verifies a provider with `npx bu-contract verify --base-url`, Pact included, the version in its report',
    async () => {
      const server = await startReferenceProvider({ apiKey: KEY });
      try {
        const junit = join(project, 'reports', 'gate.xml');
        const { code, stdout, stderr } = await run(
          'npx',
          ['--no-install', 'bu-contract', 'verify', '--base-url', server.url, '--runs', '100', '--junit', junit],
          project,
          { ...gateEnvironmentCleared(), BROWSER_USE_API_KEY: KEY },
        );
        expect(stdout).toMatch(/Pact verification: passed \(\d+ interactions/);
        expect(stdout).toMatch(/Result: every check held/);
        expect(stdout).toContain(`${TOOL_NAME} ${TOOL_VERSION}`);
        expect(code, stderr).toBe(0);
        expect(readFileSync(junit, 'utf8')).toContain(`<property name="toolVersion" value="${TOOL_VERSION}"/>`);
        for (const output of [stdout, stderr]) expect(output).not.toContain(KEY);
      } finally {
        await server.close();
      }
    },
    INSTALL_MS,
  );
});
