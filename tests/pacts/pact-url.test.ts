/**
 * `verify --pact-url`: a pact served over HTTP by a server on 127.0.0.1 (port 0), as a broker's
 * latest-pact link serves one, is verified alone (`--no-bundled-pacts`) or beside the bundled pacts, and
 * every report names it by its URL; its `--pact-header` credentials are sent and never shown; a fetch that
 * fails, or a body that is not a pact, is exit 2 in one line.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_PACT } from '../../contracts/pacts/files.ts';
import { notAPact } from '../../contracts/pacts/fetch-pacts.ts';
import { verifyCli } from '../gate/helpers.ts';

const TOKEN = 'pact-broker-token-5d2e8b1c9a';
const PACT = readFileSync(PUBLISHED_PACT, 'utf8');
const INTERACTIONS = (JSON.parse(PACT) as { interactions: unknown[] }).interactions.length;

/** The same pact with its first interaction expecting a status the reference provider never answers. */
function brokenPact(): string {
  const pact = JSON.parse(PACT) as { interactions: Array<{ response: { status: number } }> };
  pact.interactions[0]!.response.status = 418;
  return JSON.stringify(pact);
}

const seen: IncomingHttpHeaders[] = [];
let base = '';
const server = createServer((request, response) => {
  seen.push(request.headers);
  const routes: Record<string, string> = {
    '/pacts/provider/browser-use-api-v2/consumer/browser-use-sdk/latest': PACT,
    '/broken/latest': brokenPact(),
    '/not-a-pact': JSON.stringify({ _links: {} }),
  };
  const body = routes[request.url ?? ''];
  if (request.headers.authorization !== `Bearer ${TOKEN}`) response.writeHead(401).end('{"error":"unauthorised"}');
  else if (body === undefined) response.writeHead(404).end();
  else response.writeHead(200, { 'content-type': 'application/hal+json' }).end(body);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const LATEST = () => `${base}/pacts/provider/browser-use-api-v2/consumer/browser-use-sdk/latest`;
const HEADER = ['--pact-header', `Authorization: Bearer ${TOKEN}`];
/** The fuzzing kept small: these tests are about Pact verification. */
const SMALL = ['--runs', '20', '--checks', 'not_a_server_error'];

function expectNoToken(...texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(TOKEN);
}

describe('verify --pact-url', () => {
  it('verifies a pact served over HTTP alone, each interaction reported with its URL in text, JSON and JUnit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-url-'));
    const [json, junit] = [join(dir, 'gate.json'), join(dir, 'gate.xml')];
    const run = await verifyCli(
      ['--pact-url', LATEST(), ...HEADER, '--no-bundled-pacts', ...SMALL, '--json', json, '--junit', junit],
      {},
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Pact verification: passed (${INTERACTIONS} interactions`);
    expect(run.stdout.split(`from ${LATEST()}`)).toHaveLength(INTERACTIONS + 1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { pact: { interactions: Array<{ pact: string }> } };
    expect(report.pact.interactions.map((interaction) => interaction.pact)).toEqual(Array(INTERACTIONS).fill(LATEST()));
    const xml = readFileSync(junit, 'utf8');
    expect(xml.split(`classname="pact"`)).toHaveLength(INTERACTIONS + 1);
    expect(xml).toContain(`file="${LATEST()}"`);
    // The header went to the pact server, and nowhere into what the gate wrote.
    expect(seen.some((headers) => headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expectNoToken(run.stdout, run.stderr, readFileSync(json, 'utf8'), xml);
  });

  it('verifies it beside the bundled pacts, each interaction named by its file or its URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-url-'));
    const json = join(dir, 'gate.json');
    const run = await verifyCli(['--pact-url', LATEST(), ...SMALL, '--json', json], {
      PACT_URL_HEADERS: `Authorization: Bearer ${TOKEN}`,
    });
    expect(run.code, run.stderr).toBe(0);
    const names = (
      JSON.parse(readFileSync(json, 'utf8')) as { pact: { interactions: Array<{ pact: string }> } }
    ).pact.interactions.map((interaction) => interaction.pact);
    expect(names.filter((name) => name === LATEST())).toHaveLength(INTERACTIONS);
    expect(names).toContain(PUBLISHED_PACT);
    expectNoToken(run.stdout, run.stderr);
  });

  it('names the URL of a failed interaction in the GitHub annotations and summary too', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'pact-url-')), 'summary.md');
    const url = `${base}/broken/latest`;
    const run = await verifyCli(['--pact-url', url, ...HEADER, '--no-bundled-pacts', ...SMALL], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^::error title=Pact[^\\n]*\\(pact: ${url.replace(/[.:/]/g, '\\$&')}\\)$`, 'm'),
    );
    expect(readFileSync(summary, 'utf8')).toContain(`| ${url} |`);
    expectNoToken(run.stdout, run.stderr, readFileSync(summary, 'utf8'));
  });
});

describe('verify --pact-url: what cannot be verified is exit 2 in one line', () => {
  async function expectOneLine(args: string[], env: Record<string, string>, message: RegExp) {
    const run = await verifyCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
    expectNoToken(run.stderr);
  }

  it('a server that is not there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/latest`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectOneLine(
      ['--pact-url', url, ...HEADER],
      {},
      /--pact-url http:\/\/127\.0\.0\.1:\d+\/latest: could not fetch it \(ECONNREFUSED\)$/,
    );
  });

  it('a refusal, with the hint to send credentials', async () => {
    await expectOneLine(
      ['--pact-url', LATEST()],
      {},
      /: answered 401 Unauthorized; give its credentials with --pact-header$/,
    );
  });

  it('a body that is not a pact', async () => {
    await expectOneLine(
      ['--pact-url', `${base}/not-a-pact`, ...HEADER],
      {},
      /not-a-pact: what it serves is not a pact \(has no "interactions" list\)$/,
    );
  });

  it('flags that contradict or need each other', async () => {
    await expectOneLine(['--no-bundled-pacts'], {}, /--no-bundled-pacts needs --pact-url/);
    await expectOneLine([...HEADER], {}, /--pact-header needs --pact-url/);
    await expectOneLine(['--pact-url', LATEST(), '--skip-pact'], {}, /--skip-pact and --pact-url contradict/);
    await expectOneLine(['--pact-url', 'ftp://example.com/pact'], {}, /--pact-url must be an http or https URL/);
    await expectOneLine(
      ['--pact-url', `http://user:${TOKEN}@127.0.0.1/p`],
      {},
      /--pact-url must not carry credentials/,
    );
  });
});

describe('what counts as a pact', () => {
  it('is a JSON object with a list of described interactions', () => {
    expect(notAPact(PACT)).toBeUndefined();
    expect(notAPact('<html>')).toBe('is not JSON');
    expect(notAPact('[]')).toBe('is not a JSON object');
    expect(notAPact('{"interactions":[{}]}')).toBe('its interaction 0 has no description');
  });
});
