/**
 * A forwarding proxy on 127.0.0.1 that sends every request it gets to one origin through the run's
 * Sender. Pact verification runs in a child process that would otherwise talk to the provider directly:
 * through this, its requests (and its provider-state calls) share the gate's in-flight and rate caps, and
 * a throttling answer is waited out and resent instead of becoming a failed interaction.
 *
 * Method, request target, headers and body go on as received; only the hop-by-hop headers and Host
 * (the provider's own, set by the sender) are not forwarded, and Accept-Encoding asks for identity. When the sender got no answer (none in
 * time, a broken connection, or it gave up on a throttling provider) the proxy says so in a 504 or 502 at
 * once: pact-js's own proxy in the child leaves a request hanging when its upstream connection breaks, and
 * the Pact core would then wait out its whole (throttle-widened) deadline.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST, GATE_THROTTLE_GIVE_UP_MS } from '../config.ts';
import type { Sender } from '../transport/sender.ts';
import type { WireResponse } from '../transport/types.ts';

/** Headers that describe one connection (RFC 9110 §7.6.1), not the message: each hop sets its own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'host',
]);

export interface ThrottleProxy {
  /** `http://127.0.0.1:port`: give it in place of the origin, keeping the path. */
  readonly url: string;
  /** The first error the sender threw (the provider throttled without end): the run is over, for this reason. */
  error(): unknown;
  close(): Promise<void>;
}

function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // The sender keeps a body as text, which a gzipped one would not survive: ask for it as it is (fetch, in
  // the child's state calls, asks for gzip unless told otherwise).
  headers['accept-encoding'] = 'identity';
  return headers;
}

/** Marks the proxy's own answers, so no one mistakes them for the provider's. */
const PROXY_HEADER = 'x-bu-contract-proxy';

function noAnswer(res: ServerResponse, status: 502 | 504, detail: string): void {
  const body = JSON.stringify({ detail });
  res
    .writeHead(status, {
      'content-type': 'application/json',
      [PROXY_HEADER]: 'no answer from the provider',
      'content-length': String(Buffer.byteLength(body)),
    })
    .end(body);
}

function answer(res: ServerResponse, response: WireResponse): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  }
  const body = Buffer.from(response.text, 'utf8');
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) }).end(body);
}

/** Starts a proxy to `origin` (scheme, host and port; a path in it is ignored). */
export async function startThrottleProxy(origin: URL, sender: Sender): Promise<ThrottleProxy> {
  const target = new URL(origin.origin);
  let failure: unknown;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => req.socket.destroy());
    req.on('end', () => {
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
      sender
        .send(
          { method: req.method ?? 'GET', origin: target, target: req.url ?? '/', headers: forwardedHeaders(req), body },
          { purpose: 'pact' },
        )
        .then(
          (sent) => {
            if (sent.kind === 'response') answer(res, sent.response);
            else if (sent.kind === 'timeout')
              noAnswer(res, 504, `the provider did not answer within ${sent.timeoutMs} ms`);
            else
              noAnswer(
                res,
                502,
                `the connection to the provider ${sent.kind === 'dropped' ? 'broke' : 'could not be made'} (${sent.code})`,
              );
          },
          (error: unknown) => {
            failure ??= error;
            noAnswer(res, 502, 'the gate gave up on the provider (it kept throttling)');
          },
        )
        // The Pact child hung up meanwhile: nothing is waiting for the answer.
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${DEFAULT_HOST}:${port}`,
    error: () => failure,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `url` with its origin swapped for the proxy's: the path and query stay as they were (a bare origin stays bare). */
export function throughProxy(url: string, proxy: ThrottleProxy): string {
  const parsed = new URL(url);
  const path = parsed.pathname === '/' && !/\/(\?.*)?$/.test(url) ? '' : parsed.pathname;
  return proxy.url + path + parsed.search;
}

/**
 * The deadline a client behind the proxy needs for one request: its first attempt, the longest the sender
 * goes on waiting out throttling before it gives up (`giveUpMs`, from the first throttle), and the last
 * attempt (the sender still fails an attempt past `timeoutMs` itself).
 */
export function patientTimeoutMs(timeoutMs: number, giveUpMs: number = GATE_THROTTLE_GIVE_UP_MS): number {
  return 2 * timeoutMs + giveUpMs;
}
