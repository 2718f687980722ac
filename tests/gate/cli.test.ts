/**
 * `bu-contract verify` as CI runs it: a child process, exit codes 0/1/2/3, one line for a usage problem,
 * reports on stdout and in files, replay instructions that work, and never the key in any output.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { serveHandler, startReferenceProvider } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, verifyCli as verify } from './helpers.ts';

function reportFiles(): { dir: string; junit: string; json: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gate-cli-'));
  return { dir, junit: join(dir, 'nested', 'gate.xml'), json: join(dir, 'gate.json') };
}

describe('bu-contract verify: usage problems exit 2 in one line', () => {
  it.each([
    [['--runs', 'many'], {}, /--runs must be a whole number from 20 to 100000, got "many"/],
    [[], { FC_SEED: 'x' }, /FC_SEED must be a whole number/],
    [['--bogus'], {}, /Unknown option '--bogus'/],
    [['--checks', 'not_a_server_error,teapot'], {}, /unknown check "teapot"; checks are: not_a_server_error, /],
    [['--base-url', 'http://127.0.0.1:9'], {}, /an API key is required with --base-url/],
    [
      ['--base-url', 'ftp://example.com'],
      { BROWSER_USE_API_KEY: DISTINCTIVE_KEY },
      /--base-url must be an http or https URL/,
    ],
    [['--timeout-ms', '0'], {}, /--timeout-ms must be a whole number from 1/],
    [['--replay-path', 'abc'], {}, /--replay-path must be a fast-check path/],
    [['--session-id', 'nope'], {}, /--session-id must be a session id \(a uuid\)/],
    [['extra'], {}, /verify takes no arguments/],
  ])('%j %j', async (args, env, message) => {
    const { code, stdout, stderr } = await verify(args, env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('names the URL of an unreachable provider', async () => {
    const server = await startReferenceProvider();
    await server.close();
    const { code, stderr } = await verify(['--base-url', server.url], { BROWSER_USE_API_KEY: DISTINCTIVE_KEY });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`bu-contract verify: cannot reach the provider at ${server.url} (ECONNREFUSED)`);
  });

  it('says when the provider refuses the key', async () => {
    const server = await startReferenceProvider({ apiKey: 'some-other-key' });
    const { code, stderr } = await verify(['--base-url', server.url], { BROWSER_USE_API_KEY: DISTINCTIVE_KEY });
    await server.close();
    expect(code).toBe(2);
    expect(stderr).toMatch(/refused the API key \(401\)/);
    expect(stderr).not.toContain(DISTINCTIVE_KEY);
  });

  it('says when a states URL given with PROVIDER_STATES_URL does not work, naming it and its answer', async () => {
    const server = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const statesUrl = `${server.url}/states-misrouted`;
    const { code, stdout, stderr } = await verify(['--base-url', server.url], {
      BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      PROVIDER_STATES_URL: statesUrl,
    });
    await server.close();
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(
      new RegExp(
        `^bu-contract verify: the states URL ${statesUrl} \\(PROVIDER_STATES_URL\\) does not work: it answered 404`,
      ),
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('prints its flags with --help, exit 0', async () => {
    const { code, stdout } = await verify(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--base-url',
      '--states-url',
      '--api-key',
      '--runs',
      '--seed',
      '--timeout-ms',
      '--junit',
      '--json',
      '--session-id',
      '--checks',
      '--replay-path',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/env FC_SEED/);
  });
});

describe('bu-contract verify against another provider', () => {
  it('redacts a header value given only in a variable, even in an error raised before the config is read', async () => {
    const secret = 'tok-7f3c9a1e5b2d';
    const { code, stdout, stderr } = await verify(['--base-url', secret], {
      PACT_URL_HEADERS: `X-Token: ${secret}`,
      PROVIDER_STATES_HEADERS: `Authorization: Bearer ${secret}`,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base-url must be an http\(s\) URL/);
    expect(stdout + stderr).not.toContain(secret);
  });

  it('prints each line once: the report on stdout, progress and diagnostics on stderr', async () => {
    const { code, stdout, stderr } = await verify(['--runs', '30', '--skip-pact', '--allow-skips']);
    expect(code).toBe(0);
    const provider = /^ {2}provider {2}(\S+)/m.exec(stdout)?.[1];
    expect(provider).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toMatch(/^ {2}seed {6}\d+ /m);
    // Merged CI logs show both streams: what the report says is not said again on stderr.
    // 30 drawn, and the few later ones the stratified draw adds so every check gets a case.
    expect(stderr).toMatch(/^fuzzing: (3\d)\/\1 cases/m);
    expect(stderr).not.toContain(provider!);
    expect(stderr).not.toMatch(/\bseed\b/);
    const reported = new Set(stdout.split('\n').filter((line) => line.trim() !== ''));
    expect(stderr.split('\n').filter((line) => reported.has(line))).toEqual([]);
  });

  it('verifies a provider with a non-default key, Pact included, and writes JUnit and JSON without the key', async () => {
    const server = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const files = reportFiles();
    const { code, stdout, stderr } = await verify(
      ['--base-url', server.url, '--junit', files.junit, '--json', files.json],
      { BROWSER_USE_API_KEY: DISTINCTIVE_KEY },
    );
    await server.close();
    expect(stdout).toMatch(/Pact verification: passed \(\d+ interactions/);
    expect(stdout).toMatch(/Result: every check held/);
    expect(code).toBe(0);
    // Progress goes to stderr (no terminal here: plain lines), never into the report.
    expect(stderr).toMatch(/^fuzzing: (4\d\d)\/\1 cases, \d+ requests\/s, 0 check\(s\) failing, 0 throttled$/m);
    expect(stdout).not.toMatch(/^fuzzing: /m);
    const junit = readFileSync(files.junit, 'utf8');
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as { result: string; checks: Array<{ status: string }> };
    expect(junit).toMatch(/<testsuites name="bu-contract verify" tests="\d+" failures="0"/);
    expect(json.result).toBe('held');
    expect(json.checks.every((check) => check.status === 'passed')).toBe(true);
    for (const output of [stdout, stderr, junit, JSON.stringify(json)]) expect(output).not.toContain(DISTINCTIVE_KEY);
  });

  it('exits 3 when no states URL answers and skips were not accepted, naming what was not judged and the flag', async () => {
    const { handler } = createPlantedBugProvider(plantedBug('id-echoed-upper-case'), { apiKey: DISTINCTIVE_KEY });
    const server = await serveHandler(
      (request) =>
        request.url.startsWith('/_pact/')
          ? Promise.resolve({
              status: 404,
              headers: { 'content-type': 'application/json' },
              body: '{"detail":"Not Found"}',
            })
          : handler(request),
      {},
    );
    const { code, stdout } = await verify(['--base-url', server.url, '--runs', '40'], {
      BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
    });
    const accepted = await verify(['--base-url', server.url, '--runs', '40', '--allow-skips'], {
      BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
    });
    await server.close();
    expect(code).toBe(3);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Result: INCOMPLETE: could not judge Pact verification, stop_semantics, stop_idempotence, concurrent_stop_consistency, stop_isolation; to accept that, run with --allow-skips \(or --skip-pact for Pact alone\) \(.*; exit 3\)$/,
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/Result: every check that ran held; 5 skipped \(accepted\)/);
  });

  it('fails a broken provider with a replayable counterexample, and the replay fails the same way', async () => {
    const bug = plantedBug('finished-at-moves');
    const server = await serveHandler(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {});
    const files = reportFiles();
    const env = { BROWSER_USE_API_KEY: DISTINCTIVE_KEY };
    const first = await verify(
      ['--base-url', server.url, '--junit', files.junit, '--json', files.json, '--skip-pact'],
      env,
    );
    const junit = readFileSync(files.junit, 'utf8');
    const json = readFileSync(files.json, 'utf8');
    // Shrinking says it is under way (against a distant provider it takes a while), on stderr only.
    expect(first.stderr).toMatch(/^shrinking the \w+ failure of case \d+ /m);
    expect(first.stdout).not.toMatch(/shrinking the/);
    const replay = /Replay: npx bu-contract verify (.*)$/m.exec(first.stdout)?.[1]?.split(' ') ?? [];
    const again = await verify(replay, env);
    await server.close();

    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/FAILURE 1 of 1: stop_idempotence: finishedAt moved on a second stop/);
    expect(first.stdout).toMatch(/Received: +finishedAt "/);
    expect(first.stdout).toMatch(/Documented: finishedAt .*, as the first stop set it/);
    expect(first.stdout).toContain('curl -sS -i --max-time 5 -X PATCH');
    expect(first.stdout).toContain('"X-Browser-Use-API-Key: $BROWSER_USE_API_KEY"');
    expect(replay).toEqual(
      expect.arrayContaining([
        '--seed',
        '--replay-path',
        '--checks',
        'stop_idempotence',
        '--base-url',
        server.url,
        '--skip-pact',
      ]),
    );
    expect(junit).toMatch(
      /<failure message="stop_idempotence: finishedAt moved on a second stop" type="stop_idempotence">/,
    );
    expect(JSON.parse(json)).toMatchObject({ result: 'broken', exitCode: 1 });
    for (const output of [first.stdout, first.stderr, junit, json, again.stdout, again.stderr])
      expect(output).not.toContain(DISTINCTIVE_KEY);

    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/FAILURE 1 of 1: stop_idempotence/);
  });
});
