/**
 * The node:http adapter: body limit (413), client errors, handler failures, concurrency and a clean
 * close. Everything here goes over a real socket on 127.0.0.1, port 0.
 */
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import {
  serveHandler,
  startReferenceProvider,
  type ProviderHandler,
  type StartedReferenceProvider,
} from '../../provider/index.ts';
import { expectConformant, JSON_TYPE, KEY, STOP } from './helpers.ts';
import { closedByServer, exchange, openSocket, readResponse, type RawResponse } from './raw-http.ts';

const LIMIT = 1024;
const NIL = '00000000-0000-0000-0000-000000000000';

let server: StartedReferenceProvider;

beforeAll(async () => {
  server = await startReferenceProvider({ bodyLimitBytes: LIMIT });
});
afterAll(() => server.close());

function activeSession(): string {
  return server.provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
}

function patchText(id: string, headers: Record<string, string>, body = ''): string {
  const lines = Object.entries({ host: 'provider.test', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `PATCH /sessions/${id} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

const KEY_HEADER_LINE = `${API_KEY_HEADER}: ${KEY}\r\n`;

function stopHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { [API_KEY_HEADER]: KEY, 'content-type': JSON_TYPE, ...extra };
}

function expectJsonDetail(response: RawResponse, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe(JSON_TYPE);
  expect(JSON.parse(response.body)).toEqual({ detail: expect.any(String) });
}

describe('serving the reference provider', () => {
  it('listens on 127.0.0.1 with a port of its own and answers a stop', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const id = activeSession();
    const response = await fetch(`${server.url}/sessions/${id}`, {
      method: 'PATCH',
      headers: { 'X-Browser-Use-API-Key': KEY, 'Content-Type': 'application/json; charset=utf-8' },
      body: STOP,
    });
    expect(response.status).toBe(200);
    expectConformant({
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type')! },
      body: await response.text(),
    });
  });

  it('serves the provider-states URL without a key', async () => {
    const response = await fetch(`${server.url}${PROVIDER_STATES_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: PROVIDER_STATES.stoppedSession, params: {}, action: 'setup' }),
    });
    expect(response.status).toBe(200);
    const { sessionId } = (await response.json()) as { sessionId: string };
    expect(server.provider.sessions.get(sessionId)?.status).toBe('stopped');
  });
});

describe('a body over the limit is a JSON 413', () => {
  it('when Content-Length says so, before the body is read', async () => {
    const id = activeSession();
    const response = await exchange(
      server.url,
      patchText(id, stopHeaders({ 'content-length': String(LIMIT + 1) }), ' '.repeat(LIMIT + 1)),
    );
    expectJsonDetail(response, 413);
    expect(server.provider.sessions.get(id)?.status).toBe('active');
  });

  it('when a chunked body grows past it', async () => {
    const chunk = ' '.repeat(400);
    const chunks = Array.from({ length: 4 }, () => `${(400).toString(16)}\r\n${chunk}\r\n`).join('');
    const response = await exchange(
      server.url,
      patchText(activeSession(), stopHeaders({ 'transfer-encoding': 'chunked' }), `${chunks}0\r\n\r\n`),
    );
    expectJsonDetail(response, 413);
  });

  it('not at exactly the limit', async () => {
    const body = STOP.padEnd(LIMIT, ' ');
    const response = await exchange(
      server.url,
      patchText(activeSession(), stopHeaders({ 'content-length': String(LIMIT) }), body),
    );
    expect(response.status).toBe(200);
  });

  it('and a fetch client mid-upload reads it', async () => {
    const response = await fetch(`${server.url}/sessions/${activeSession()}`, {
      method: 'PATCH',
      headers: { [API_KEY_HEADER]: KEY, 'content-type': JSON_TYPE },
      body: JSON.stringify({ action: 'stop', padding: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: expect.any(String) });
  });

  it('and a client that writes a body of megabytes in one go before reading gets it, not a reset', async () => {
    const body = JSON.stringify({ action: 'stop', padding: 'x'.repeat(5 * 1024 * 1024) });
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await exchange(
        server.url,
        patchText(
          activeSession(),
          stopHeaders({ 'content-length': String(Buffer.byteLength(body)), connection: 'close' }),
          body,
        ),
      );
      expectJsonDetail(response, 413);
    }
  });

  it('with Expect: 100-continue, without asking for the body', async () => {
    const socket = await openSocket(server.url);
    const answer = readResponse(socket);
    socket.write(
      patchText(activeSession(), stopHeaders({ 'content-length': String(10 * LIMIT), expect: '100-continue' })),
    );
    const response = await answer;
    expect(response.raw).not.toContain('100 Continue');
    expectJsonDetail(response, 413);
    await closedByServer(socket);
  });

  it('without reading forever: a huge declared body or an endless chunked one ends in a closed socket', async () => {
    const declared = await openSocket(server.url);
    const first = readResponse(declared);
    declared.write(patchText(activeSession(), stopHeaders({ 'content-length': String(10 ** 10) }), 'x'.repeat(100)));
    expectJsonDetail(await first, 413);
    await closedByServer(declared);

    const endless = await openSocket(server.url);
    const second = readResponse(endless);
    endless.on('error', () => {});
    endless.write(patchText(activeSession(), stopHeaders({ 'transfer-encoding': 'chunked' })));
    const chunk = `${(64 * 1024).toString(16)}\r\n${'x'.repeat(64 * 1024)}\r\n`;
    const pump = setInterval(() => endless.writable && endless.write(chunk), 1);
    try {
      expectJsonDetail(await second, 413);
      await closedByServer(endless);
    } finally {
      clearInterval(pump);
    }
  });
});

describe('malformed HTTP gets a JSON answer and the server lives on', () => {
  it.each([
    ['a garbage request line', 'GARBAGE\r\n\r\n', 400],
    ['an invalid header line', 'PATCH /sessions/x HTTP/1.1\r\nhost: a\r\nbad header\r\n\r\n', 400],
    [
      'conflicting lengths',
      'PATCH /sessions/x HTTP/1.1\r\nhost: a\r\ncontent-length: 1\r\ntransfer-encoding: chunked\r\n\r\n',
      400,
    ],
    ['oversized headers', `PATCH /sessions/x HTTP/1.1\r\nhost: a\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s', async (_, text, status) => {
    expectJsonDetail(await exchange(server.url, text), status);
    expect(
      (
        await exchange(
          server.url,
          patchText(activeSession(), stopHeaders({ 'content-length': String(STOP.length) }), STOP),
        )
      ).status,
    ).toBe(200);
  });

  it('a request without a Host header is still answered by the provider, in JSON', async () => {
    const text = `PATCH /sessions/${activeSession()} HTTP/1.1\r\n${KEY_HEADER_LINE}content-type: ${JSON_TYPE}\r\ncontent-length: ${STOP.length}\r\n\r\n${STOP}`;
    const response = await exchange(server.url, text);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('a handler that fails', () => {
  it('is a JSON 500, and the next request is served', async () => {
    let fail = true;
    const flaky: ProviderHandler = async () => {
      if (fail) throw new Error('boom');
      return { status: 204, headers: {}, body: '' };
    };
    const running = await serveHandler(flaky);
    try {
      const broken = await fetch(running.url);
      expect(broken.status).toBe(500);
      expect(await broken.json()).toEqual({ detail: 'Internal Server Error' });
      fail = false;
      expect((await fetch(running.url)).status).toBe(204);
    } finally {
      await running.close();
    }
  });

  it('with a response node cannot send costs that connection only', async () => {
    let bogus = true;
    const running = await serveHandler(async () =>
      bogus ? { status: 99, headers: {}, body: '' } : { status: 200, headers: {}, body: 'ok' },
    );
    try {
      await expect(fetch(running.url)).rejects.toThrow();
      bogus = false;
      expect((await fetch(running.url)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('concurrency', () => {
  it('many parallel stops of one session are all 200 with the same finishedAt', async () => {
    const id = activeSession();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        fetch(`${server.url}/sessions/${id}`, {
          method: 'PATCH',
          headers: stopHeaders(),
          body: STOP,
        }),
      ),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    const finishedAts = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { finishedAt: string }).finishedAt),
    );
    expect(new Set(finishedAts).size).toBe(1);
  });
});

describe('close()', () => {
  it('closes idle keep-alive sockets at once and refuses new connections', async () => {
    const running = await startReferenceProvider();
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${running.url}/`, { agent }, (res) => res.resume().on('end', resolve))
        .on('error', reject)
        .end();
    });
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${running.url}/`)).rejects.toThrow();
    await running.close(); // a second close is harmless
    agent.destroy();
  });

  it('lets a request in flight run for the grace period, then cuts it', async () => {
    const running = await serveHandler(() => new Promise(() => {}), { closeGraceMs: 200 });
    const hanging = fetch(running.url).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await hanging).toBeInstanceOf(Error);
  });
});

describe('a provider at a distance (latencyMs, rateLimit)', () => {
  const statesSetup = (url: string) =>
    fetch(`${url}${PROVIDER_STATES_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: PROVIDER_STATES.stoppedSession, params: {}, action: 'setup' }),
    });

  it('holds every answer, the states URL included, for latencyMs', async () => {
    const distant = await startReferenceProvider({ latencyMs: 150 });
    try {
      let started = performance.now();
      expect((await statesSetup(distant.url)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      started = performance.now();
      const stop = await fetch(`${distant.url}/sessions/${NIL}`, {
        method: 'PATCH',
        headers: stopHeaders(),
        body: STOP,
      });
      expect(stop.status).toBe(404);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      await distant.close();
    }
  });

  it('answers at once without it', async () => {
    const started = performance.now();
    expect((await statesSetup(server.url)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(145);
  });

  it('past rateLimit requests in a second answers a JSON 429 with Retry-After: 1, states URL included, and serves again a second later', async () => {
    const limited = await startReferenceProvider({ rateLimit: 3 });
    try {
      const first = await Promise.all(Array.from({ length: 5 }, () => statesSetup(limited.url)));
      expect(first.map((response) => response.status).sort()).toEqual([200, 200, 200, 429, 429]);
      const refused = first.find((response) => response.status === 429)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('content-type')).toBe(JSON_TYPE);
      expect(await refused.json()).toEqual({ detail: 'Too many requests: more than 3 a second' });
      const stop = await fetch(`${limited.url}/sessions/${NIL}`, {
        method: 'PATCH',
        headers: stopHeaders(),
        body: STOP,
      });
      expect(stop.status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      expect((await statesSetup(limited.url)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('without one never answers 429', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => statesSetup(server.url)));
    expect(answers.every((response) => response.status === 200)).toBe(true);
  });
});
