/**
 * Freedoms of the connection, which a handler wrap cannot take (the serving adapter writes every answer
 * with a Content-Length on a kept-alive connection): a provider that streams its answers chunked, in
 * pieces, and drops idle connections almost at once must pass the gate, Pact verification included.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { runGate } from '../../contracts/gate/runner.ts';
import { createReferenceProvider } from '../../fixtures/provider/reference-provider.ts';
import { DISTINCTIVE_KEY, config, failedChecks } from './helpers.ts';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

it('a provider answering with chunked transfer coding, in pieces, with a 1 ms keep-alive, passes', async () => {
  const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const answer = await reference.handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: await readBody(req) });
      // No Content-Length: node sends `Transfer-Encoding: chunked`, one chunk per write.
      res.writeHead(answer.status, answer.headers);
      const third = Math.ceil(answer.body.length / 3);
      for (let start = 0; start < answer.body.length; start += third) {
        res.write(answer.body.slice(start, start + third));
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
    expect(result.pact.status === 'skipped' ? [] : result.pact.interactions.filter((i) => !i.passed)).toEqual([]);
    expect(result.pact.status).toBe('passed');
    expect(failedChecks(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}, 120_000);
