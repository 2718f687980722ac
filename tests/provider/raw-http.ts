/**
 * Talks HTTP/1.1 over a bare socket, for what fetch will not send: malformed requests, lying
 * Content-Length, `Expect: 100-continue`, endless chunked bodies.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The first bytes the server sent, as text (for interim responses such as 100 Continue). */
  readonly raw: string;
}

export function openSocket(serverUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads one final (non-1xx) response from the socket; resolves as soon as its body is complete. */
export function readResponse(socket: Socket, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(new Error(`no complete response within ${timeoutMs} ms; got ${JSON.stringify(buffer.toString())}`)),
      timeoutMs,
    );
    function finish(outcome: RawResponse | Error): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    function parse(): RawResponse | undefined {
      let text = buffer.toString('latin1');
      // Skip interim 1xx responses.
      while (/^HTTP\/1\.1 1\d\d /.test(text) && text.includes('\r\n\r\n'))
        text = text.slice(text.indexOf('\r\n\r\n') + 4);
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      const body = text.slice(end + 4);
      if (Buffer.byteLength(body, 'latin1') < length) return undefined;
      return {
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: body.slice(0, length),
        raw: buffer.toString('latin1'),
      };
    }
    function onData(chunk: Buffer): void {
      buffer = Buffer.concat([buffer, chunk]);
      const response = parse();
      if (response) finish(response);
    }
    function onClose(): void {
      finish(
        parse() ?? new Error(`connection closed before a complete response; got ${JSON.stringify(buffer.toString())}`),
      );
    }
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', () => {});
  });
}

/** Sends `text` and reads the answer. */
export async function exchange(serverUrl: string, text: string | Buffer): Promise<RawResponse> {
  const socket = await openSocket(serverUrl);
  try {
    const response = readResponse(socket);
    socket.write(text);
    return await response;
  } finally {
    socket.destroy();
  }
}

/** Resolves when the server has closed the socket (or rejects after `timeoutMs`). */
export function closedByServer(socket: Socket, timeoutMs = 5_000): Promise<void> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server kept the socket open for ${timeoutMs} ms`)), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.resume();
  });
}
