/**
 * What goes over the wire: ids percent-encoded so the provider sees them whole and decoded, hard
 * deadlines, size refusals mapped to a rejection, and curl lines that replay a request byte for byte.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedForSize } from '../../contracts/checks/policy.ts';
import { GATE_OVERSIZED_BODY_BYTES } from '../../contracts/config.ts';
import type { UpdateRequest } from '../../contracts/model/case.ts';
import { exchange } from '../../contracts/gate/exchange.ts';
import { curlReplay, KEY_PLACEHOLDER } from '../../contracts/report/curl.ts';
import { redactor, REDACTED } from '../../contracts/redact.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { credentialValue, providerAddress, updateWireRequest } from '../../contracts/model/wire.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import {
  createReferenceProvider,
  serveHandler,
  type ProviderRequest,
  type RunningServer,
} from '../../provider/index.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

const run = promisify(execFile);

/** A server that answers 200 and remembers what it was sent. */
let seen: ProviderRequest[] = [];
let capture: RunningServer;
beforeAll(async () => {
  capture = await serveHandler(
    async (request) => {
      seen.push(request);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    },
    { bodyLimitBytes: 4 * GATE_OVERSIZED_BODY_BYTES },
  );
});
afterAll(() => capture.close());

const request = (overrides: Partial<UpdateRequest>): UpdateRequest => ({
  sessionId: '3f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8',
  credential: 'key',
  contentType: 'application/json',
  body: '{"action":"stop"}',
  ...overrides,
});

function decodedId(url: string): string {
  return decodeURIComponent(url.slice('/sessions/'.length));
}

describe('path ids', () => {
  it.each(['a/b', 'x?y=1', '100%', 'a#b', 'é ü', '../..', '%2F', ' '])(
    'reach the provider whole and decoded: %j',
    async (id) => {
      seen = [];
      const sender = new Sender({ timeoutMs: 2_000 });
      await sender.send(updateWireRequest(providerAddress(capture.url), request({ sessionId: id }), DISTINCTIVE_KEY));
      sender.close();
      expect(decodedId(seen[0]!.url)).toBe(id);
    },
  );

  it('with a slash are judged by the operation (422), not lost to routing', async () => {
    const reference = await serveHandler(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, {});
    const sender = new Sender({ timeoutMs: 2_000 });
    const context = { address: providerAddress(reference.url), apiKey: DISTINCTIVE_KEY, sender, states: undefined };
    const sent = await exchange(context, { role: 'request', request: request({ sessionId: 'a/b' }) });
    sender.close();
    await reference.close();
    expect(sent.transmission.kind === 'response' && sent.transmission.response.status).toBe(422);
    expect(sent.class.routable).toBe(false);
  });
});

describe('the sender', () => {
  it('gives up on a request past the deadline without stalling', async () => {
    const hanging = await serveHandler(() => new Promise(() => {}), {});
    const sender = new Sender({ timeoutMs: 100 });
    const started = performance.now();
    const sent = await sender.send(updateWireRequest(providerAddress(hanging.url), request({}), DISTINCTIVE_KEY));
    sender.close();
    await hanging.close();
    expect(sent.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('sees a size refusal (413 or a reset) of an oversized body as a rejection, not a failure', async () => {
    const reference = await serveHandler(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, {});
    const sender = new Sender({ timeoutMs: 5_000 });
    const context = { address: providerAddress(reference.url), apiKey: DISTINCTIVE_KEY, sender, states: undefined };
    const body = `{"action":"stop","padding":"${'x'.repeat(GATE_OVERSIZED_BODY_BYTES)}"}`;
    const sent = await exchange(context, { role: 'request', request: request({ body }) });
    sender.close();
    await reference.close();
    expect(sent.class.oversized).toBe(true);
    expect(refusedForSize(sent)).toBe(true);
  });

  it('says a closed port is unreachable', async () => {
    const server = await serveHandler(createReferenceProvider().handler, {});
    await server.close();
    const sender = new Sender({ timeoutMs: 1_000 });
    const sent = await sender.send(updateWireRequest(providerAddress(server.url), request({}), DISTINCTIVE_KEY));
    sender.close();
    expect(sent).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
  });
});

describe('curl replay lines', () => {
  const cases: Record<string, Partial<UpdateRequest>> = {
    'quotes, newlines and non-ASCII': { body: `{"action":"stop","note":"it's \\"quoted\\"\n\tü 😀 ѕtop"}` },
    'a raw NUL and control bytes': { body: '{"action":"stop"\u0000}\u0007' },
    'a body that starts with a dash': { body: '-n\u0001 %s \\' },
    'a megabyte body': { body: `{"action":"stop","padding":"${'x'.repeat(GATE_OVERSIZED_BODY_BYTES)}"}` },
    'a very long id': { sessionId: 'a'.repeat(5_000) },
    'an id with / ? % and spaces': { sessionId: "a/b?c%d e'f" },
    'an empty body and no Content-Type': { body: '', contentType: undefined },
    'no body at all': { body: undefined },
    'an odd Content-Type': { contentType: 'text/plain; charset="utf-8"' },
    'no key': { credential: 'missing' },
    'an empty key': { credential: 'empty' },
    'a wrong key': { credential: { wrong: "not-the-key'$(x)" } },
    'the key upper-cased': { credential: { nearKey: 'upper-cased' } },
    'the key extended': { credential: { nearKey: 'extended' } },
    'the key truncated': { credential: { nearKey: 'truncated' } },
    'the key with its first character changed': { credential: { nearKey: 'first-changed' } },
    'the key with its middle character changed': { credential: { nearKey: 'middle-changed' } },
    'the key with its last character changed': { credential: { nearKey: 'last-changed' } },
    "the key with one letter's case flipped": { credential: { nearKey: 'case-flipped' } },
  };

  for (const [name, overrides] of Object.entries(cases)) {
    it(`replay exactly: ${name}`, async () => {
      const sent = request(overrides);
      const record = {
        case: { intent: 'valid' as const, setup: undefined, request: sent },
        session: { kind: 'none' as const },
        exchanges: [
          {
            role: 'request' as const,
            setup: undefined,
            pausedMs: 0,
            request: sent,
            class: undefined as never,
            transmission: undefined as never,
            body: undefined,
            verdict: undefined,
          },
        ],
      };
      const lines = curlReplay(record, capture.url, `${capture.url}/_pact/provider-states`, 5000);
      expect(lines.join('\n')).not.toContain(DISTINCTIVE_KEY);
      seen = [];
      await run('bash', ['-c', lines.join('\n')], {
        env: { ...process.env, [KEY_PLACEHOLDER.slice(1)]: DISTINCTIVE_KEY },
        maxBuffer: 16 * 1024 * 1024,
      });
      const got = seen[0]!;
      expect(got.method).toBe('PATCH');
      expect(decodedId(got.url)).toBe(sent.sessionId);
      expect(got.body.toString('utf8')).toBe(sent.body ?? '');
      expect(got.headers['content-type']).toBe(sent.contentType);
      expect(got.headers[API_KEY_HEADER]).toBe(credentialValue(sent.credential, DISTINCTIVE_KEY));
    });
  }
});

describe('the redaction pass', () => {
  it('replaces the key in every form it could take', () => {
    const key = 'k"e/y+1';
    const redact = redactor(key);
    const text = `${key} ${JSON.stringify(key)} ${encodeURIComponent(key)}`;
    expect(redact(text)).not.toMatch(/k"e\/y\+1|k\\"e|k%22e/);
    expect(redact(text)).toContain(REDACTED);
  });
});

describe('a body cut short', () => {
  it('is a dropped connection, not an answer to judge; a whole answer before a reset still counts', async () => {
    const server = createServer((req, res) => {
      const body = '{"detail":"' + 'x'.repeat(200) + '"}';
      res.writeHead(req.url === '/whole' ? 413 : 200, {
        'content-type': 'application/json',
        'content-length': String(body.length),
      });
      if (req.url === '/whole') res.write(body);
      else res.write(body.slice(0, 50));
      // Give the bytes a moment to leave, then cut the connection.
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const sender = new Sender({ timeoutMs: 2_000 });
    try {
      const cut = await sender.send({ method: 'PATCH', origin, target: '/cut', headers: {}, body: undefined });
      expect(cut).toMatchObject({
        kind: 'dropped',
        code: expect.stringMatching(/^closed mid-body after 50 of 213 bytes$/) as unknown,
      });
      const whole = await sender.send({ method: 'PATCH', origin, target: '/whole', headers: {}, body: undefined });
      expect(whole).toMatchObject({ kind: 'response', response: { status: 413 } });
    } finally {
      sender.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
