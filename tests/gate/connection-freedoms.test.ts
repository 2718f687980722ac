/**
 * Freedoms of the connection, which a handler wrap cannot take (the serving adapter writes every answer
 * with a Content-Length on a kept-alive connection): a provider that streams its answers chunked, in
 * pieces, drops idle connections almost at once, and gzips every answer a request leaves it free to
 * (RFC 9110 §12.5.3: no Accept-Encoding, or one naming gzip) must pass the gate, Pact verification included.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { runGate } from '../../contracts/gate/runner.ts';
import { createReferenceProvider } from '../../provider/reference-provider.ts';
import { DISTINCTIVE_KEY, config, failedChecks } from './helpers.ts';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether a request leaves the server free to gzip: no Accept-Encoding at all, or gzip (or *) among its codings. */
function gzipAcceptable(req: IncomingMessage): boolean {
  const accepted = req.headers['accept-encoding'];
  if (accepted === undefined) return true;
  return accepted.split(',').some((coding) => /^\s*(gzip|\*)\s*(;\s*q=(0?\.0*[1-9]|1)[0-9.]*)?\s*$/i.test(coding));
}

it('a provider answering chunked, in pieces, gzipped where allowed, with a 1 ms keep-alive, passes', async () => {
  const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
  const answered = { gzip: 0, plain: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const answer = await reference.handler({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers,
        body: await readBody(req),
      });
      const gzip = gzipAcceptable(req);
      answered[gzip ? 'gzip' : 'plain'] += 1;
      const bytes = gzip ? gzipSync(answer.body) : Buffer.from(answer.body);
      // No Content-Length: node sends `Transfer-Encoding: chunked`, one chunk per write.
      res.writeHead(
        answer.status,
        gzip ? { ...answer.headers, 'content-encoding': 'gzip', vary: 'accept-encoding' } : answer.headers,
      );
      const third = Math.ceil(bytes.length / 3);
      for (let start = 0; start < bytes.length; start += third) {
        res.write(bytes.subarray(start, start + third));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const result = await runGate(config({ 'base-url': url, 'api-key': DISTINCTIVE_KEY, runs: '150' }));
    expect(!('interactions' in result.pact) ? [] : result.pact.interactions.filter((i) => !i.passed)).toEqual([]);
    expect(result.pact.status).toBe('passed');
    expect(failedChecks(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    // Every request asks for identity, Pact verification's too (through the gate's proxy), so a provider
    // that gzips whenever it may never gets to; the gzipping itself is shown below.
    expect(answered.plain).toBeGreaterThan(100);
    expect(answered.gzip).toBe(0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}, 120_000);

it('the same provider gzips a request that leaves it free to (so the test above would see a gzip it was sent)', async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, gzipAcceptable(req) ? { 'content-encoding': 'gzip' } : {}).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    expect((await fetch(url)).headers.get('content-encoding')).toBe('gzip');
    expect(
      (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).headers.get('content-encoding'),
    ).toBeNull();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
