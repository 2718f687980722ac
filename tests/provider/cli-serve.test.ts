/**
 * `bu-contract serve` as a user runs it: a child process that prints its URL, serves, never prints a
 * key, stops with exit 0 on SIGINT/SIGTERM, and refuses bad flags or a busy port in one line, exit 2.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, PROVIDER_API_KEY_ENV } from '../../contracts/config.ts';
import { UsageError } from '../../contracts/errors.ts';
import { resolveServeConfig } from '../../contracts/cli/serve.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import { STOP } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../contracts/cli/bu-contract.mjs', import.meta.url));
const NIL = '00000000-0000-0000-0000-000000000000';

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function serve(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string>; finished: Promise<Finished> } {
  const childEnv = { ...process.env, ...env };
  if (!(PROVIDER_API_KEY_ENV in env)) delete childEnv[PROVIDER_API_KEY_ENV];
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: childEnv });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`serve exited before printing; stderr: ${stderr}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const finished = new Promise<Finished>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  firstLine.catch(() => {});
  return { child, firstLine, finished };
}

function urlIn(line: string): string {
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
  expect(url, line).toBeDefined();
  return url!;
}

async function stopStatus(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/sessions/${NIL}`, {
    method: 'PATCH',
    headers: { [API_KEY_HEADER]: key, 'content-type': 'application/json' },
    body: STOP,
  });
  return response.status;
}

describe('bu-contract serve', () => {
  it('prints its URL first, serves with the default key (printed: it is the public placeholder), and stops cleanly on SIGTERM', async () => {
    const run = serve(['--port', '0']);
    const url = urlIn(await run.firstLine);
    expect(await stopStatus(url, DEFAULT_API_KEY)).toBe(404);
    expect(await stopStatus(url, 'wrong')).toBe(401);
    run.child.kill('SIGTERM');
    const { code, stdout, stderr } = await run.finished;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`X-Browser-Use-API-Key: ${DEFAULT_API_KEY}, the public placeholder`);
    await expect(fetch(url)).rejects.toThrow();
  });

  it(`takes the key from ${PROVIDER_API_KEY_ENV}, never prints it, and stops on SIGINT`, async () => {
    const secret = 'sk-test-7f3a9c0d1e2b';
    const run = serve(['--port', '0', '--host', '127.0.0.1'], { [PROVIDER_API_KEY_ENV]: secret });
    const url = urlIn(await run.firstLine);
    expect(await stopStatus(url, secret)).toBe(404);
    expect(await stopStatus(url, DEFAULT_API_KEY)).toBe(401);
    run.child.kill('SIGINT');
    const { code, stdout, stderr } = await run.finished;
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(secret);
    expect(stdout).toContain(`$${PROVIDER_API_KEY_ENV}`);
  });

  it('stands in for a remote provider: --latency-ms holds every answer, --rate-limit answers 429 past N a second', async () => {
    const run = serve(['--port', '0', '--latency-ms', '150', '--rate-limit', '2']);
    const url = urlIn(await run.firstLine);
    const started = performance.now();
    const statuses = await Promise.all([1, 2, 3].map(() => stopStatus(url, DEFAULT_API_KEY)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(statuses.sort()).toEqual([404, 404, 429]);
    run.child.kill('SIGTERM');
    const { code, stdout } = await run.finished;
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Standing in for a remote provider: every answer held 150 ms; 2 requests a second, then 429',
    );
  });

  it.each([
    [['--latency-ms', '-5'], '--latency-ms must be a whole number from 0 to 60000, got "-5"'],
    [['--rate-limit', '0'], '--rate-limit must be a whole number from 1 to 1000000, got "0"'],
  ])('refuses %j in one line, exit 2', async (argv, message) => {
    const { code, stderr, stdout } = await serve(argv).finished;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
  });

  it('refuses a port in use in one line, exit 2', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const { code, stderr } = await serve(['--port', String(port)]).finished;
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
      ]);
    } finally {
      busy.close();
    }
  });

  it('refuses an unknown flag in one line, exit 2', async () => {
    const { code, stderr, stdout } = await serve(['--prot', '8080']).finished;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining("'--prot'")]);
  });
});

describe('resolveServeConfig', () => {
  it('defaults to 127.0.0.1, port 0 and the built-in key', () => {
    expect(resolveServeConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 0,
      apiKey: undefined,
      keySource: `${DEFAULT_API_KEY}, the public placeholder`,
      latencyMs: 0,
      rateLimit: undefined,
    });
  });

  it('names the placeholder when it is given explicitly, and never another key', () => {
    expect(resolveServeConfig(['--api-key', DEFAULT_API_KEY], {})).toMatchObject({
      keySource: `${DEFAULT_API_KEY}, the public placeholder, from --api-key`,
    });
    expect(resolveServeConfig([], { [PROVIDER_API_KEY_ENV]: 'sk-live-secret' })).toMatchObject({
      keySource: `$${PROVIDER_API_KEY_ENV}`,
    });
  });

  it('reads --latency-ms and --rate-limit', () => {
    expect(resolveServeConfig(['--latency-ms', '50', '--rate-limit', '100'], {})).toMatchObject({
      latencyMs: 50,
      rateLimit: 100,
    });
  });

  it('prefers --api-key to the environment and says which it used, not the value', () => {
    const config = resolveServeConfig(['--api-key', 'from-flag'], { [PROVIDER_API_KEY_ENV]: 'from-env' });
    expect(config).toMatchObject({ apiKey: 'from-flag', keySource: '--api-key' });
  });

  it.each([
    [['--port', '65536'], '--port must be a whole number from 0 to 65535'],
    [['--port', 'http'], '--port must be a whole number'],
    [['--api-key', ''], '--api-key must not be empty'],
    [['--host', ''], '--host must not be empty'],
    [['--latency-ms', '60001'], '--latency-ms must be a whole number from 0 to 60000'],
    [['--latency-ms', '1.5'], '--latency-ms must be a whole number'],
    [['--rate-limit', '0'], '--rate-limit must be a whole number from 1 to 1000000'],
    [['--rate-limit', 'fast'], '--rate-limit must be a whole number'],
    [['extra'], 'unexpected argument "extra"'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => resolveServeConfig(argv, {})).toThrow(UsageError);
    expect(() => resolveServeConfig(argv, {})).toThrow(message);
  });

  it('answers help', () => {
    expect(resolveServeConfig(['--help'], {})).toBe('help');
  });
});
