/**
 * Misconfiguration is exit 2 with one line naming the fix, never a broken contract nor a false green: the
 * wrong scheme (https:// to a plain-HTTP server and the reverse), a base URL with a path prefix the provider
 * is not mounted under, PROVIDER_BASE_URL set but empty, the action's empty base-url or api-key inputs. And a run against the built-in provider says so first, in every
 * report. (fixtures/tls/ holds a self-signed certificate for 127.0.0.1 tests only.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../contracts/errors.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import { renderJson } from '../../contracts/report/json.ts';
import { renderJunit } from '../../contracts/report/junit.ts';
import { summaryMarkdown } from '../../contracts/report/github.ts';
import { renderText } from '../../contracts/report/text.ts';
import { startReferenceProvider } from '../../provider/index.ts';
import { config, DISTINCTIVE_KEY, verifyCli } from './helpers.ts';

const TLS = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/tls/${name}`, import.meta.url)));

describe('the wrong scheme', () => {
  it('https:// to a plain-HTTP server: exit 2, "speaks plain HTTP, not TLS: use http://…"', async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    try {
      const url = provider.url.replace(/^http:/, 'https:');
      const error = await runGate(config({ 'base-url': url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true })).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(
        `the provider at ${url} speaks plain HTTP, not TLS: use ${provider.url}`,
      );
    } finally {
      await provider.close();
    }
  });

  it('http:// to a TLS server: exit 2, "speaks TLS (HTTPS), not plain HTTP: use https://…"', async () => {
    const server = createTlsServer({ key: TLS('localhost.key.pem'), cert: TLS('localhost.cert.pem') }, (_req, res) =>
      res.end('{}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const error = await runGate(config({ 'base-url': url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true })).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(
        `the provider at ${url} speaks TLS (HTTPS), not plain HTTP: use ${url.replace(/^http:/, 'https:')}`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a base URL with a path prefix the provider is not mounted under', () => {
  it('is exit 2 with one line naming where the provider seems mounted, without --states-url too', async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    try {
      const { code, stdout, stderr } = await verifyCli(['--base-url', `${provider.url}/api/v2`, '--skip-pact'], {
        BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `bu-contract verify: the states URL answers at ${provider.url}/_pact/provider-states, not under --base-url ${provider.url}/api/v2: the provider seems mounted at ${provider.url} (check the path prefix of --base-url)\n`,
      );
    } finally {
      await provider.close();
    }
  });
});

describe('an empty PROVIDER_BASE_URL', () => {
  it('is exit 2 with the fix, never a run against the built-in provider', async () => {
    const { code, stdout, stderr } = await verifyCli(['--skip-pact'], { PROVIDER_BASE_URL: '' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      "bu-contract verify: PROVIDER_BASE_URL is set but empty: set it to your provider's URL (or unset it to test the built-in reference provider)",
    );
  });
});

describe('the action with an empty base-url or api-key input', () => {
  const action = parse(readFileSync(fileURLToPath(new URL('../../action.yml', import.meta.url)), 'utf8')) as {
    runs: { steps: Array<{ id?: string; run?: string }> };
  };
  const script = action.runs.steps.find((step) => step.id === 'verify')!.run!;

  it.each([
    ['base-url', { PROVIDER_BASE_URL: '', BROWSER_USE_API_KEY: 'k' }],
    ['api-key', { PROVIDER_BASE_URL: 'https://staging.example', BROWSER_USE_API_KEY: ' ' }],
  ])('fails the step on an empty %s: result=error, exit 2, an ::error naming the input', (input, env) => {
    const dir = mkdtempSync(join(tmpdir(), 'bu-contract-action-'));
    const output = join(dir, 'output');
    writeFileSync(output, '');
    let code = 0;
    let stdout = '';
    try {
      // As GitHub runs a `shell: bash` step; the check comes before anything is installed or run.
      stdout = execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        env: { PATH: process.env['PATH'], GITHUB_OUTPUT: output, GITHUB_ACTION_PATH: dir, ...env },
        encoding: 'utf8',
        cwd: dir,
      });
    } catch (error) {
      code = (error as { status: number }).status;
      stdout = (error as { stdout: string }).stdout;
    }
    expect(code).toBe(2);
    expect(readFileSync(output, 'utf8')).toMatch(/^result=error$/m);
    expect(stdout).toMatch(new RegExp(`^::error title=bu-contract::the ${input} input is empty`, 'm'));
  });
});

describe('a run against the built-in reference provider', () => {
  it('says so in the first line of every report, and in the step summary', async () => {
    const result = await runGate(config({ 'skip-pact': true, runs: '20' }));
    expect(result.provider.builtIn).toBe(true);
    const first = (text: string) => text.split('\n')[0];
    expect(first(renderText(result))).toMatch(/^BUILT-IN REFERENCE PROVIDER: .* not yours/);
    expect(renderJson(result).split('\n')[1]).toMatch(/^ {2}"notice": "BUILT-IN REFERENCE PROVIDER: /);
    // The XML declaration comes first; the root element names it.
    expect(renderJunit(result).split('\n')[1]).toMatch(
      /^<testsuites name="bu-contract verify \(BUILT-IN REFERENCE PROVIDER/,
    );
    expect(first(summaryMarkdown(result))).toMatch(/^## bu-contract verify \(BUILT-IN REFERENCE PROVIDER: /);
  });
});
