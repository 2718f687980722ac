/**
 * Whether a provider that could not be talked to was given with the wrong scheme: an `https://` URL to a
 * server that speaks plain HTTP (the TLS handshake fails on an HTTP answer), or an `http://` URL to one that
 * speaks TLS (it hangs up, or answers nginx's "plain HTTP request was sent to HTTPS port"). Asked only once
 * the first request failed, to turn a connection error into the one-line fix.
 */
import http from 'node:http';
import tls from 'node:tls';
import { hostOf, type Transmission } from './types.ts';

/** Whether a plain HTTP request to `origin`'s host and port gets an HTTP answer. */
function speaksPlainHttp(origin: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(
      { hostname: hostOf(origin), port: origin.port || 443, path: '/', method: 'GET', agent: false },
      (res) => {
        res.resume();
        resolve(true);
        req.destroy();
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(false));
    req.on('close', () => resolve(false));
    req.end();
  });
}

/** Whether a TLS handshake with `origin`'s host and port completes (the certificate is not judged here). */
function speaksTls(origin: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const host = hostOf(origin);
    const socket = tls.connect({
      host,
      port: Number(origin.port || 80),
      // Only whether it speaks TLS at all: a certificate problem is reported by the real request.
      rejectUnauthorized: false,
      ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }),
    });
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.once('secureConnect', () => {
      resolve(true);
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

const NGINX_PLAIN_TO_TLS = /plain HTTP request was sent to HTTPS port/i;

/** The one-line fix when `sent` (the first request to `baseUrl`) failed for the scheme; undefined when it did not. */
export async function schemeMistake(
  baseUrl: string,
  sent: Transmission,
  timeoutMs: number,
): Promise<string | undefined> {
  const url = new URL(baseUrl);
  if (url.protocol === 'https:') {
    const tlsFailed = (sent.kind === 'unreachable' || sent.kind === 'dropped') && sent.code === 'EPROTO';
    if (!tlsFailed || !(await speaksPlainHttp(url, timeoutMs))) return undefined;
    return `the provider at ${baseUrl} speaks plain HTTP, not TLS: use ${baseUrl.replace(/^https:/, 'http:')}`;
  }
  const refusedPlain =
    sent.kind === 'response' && sent.response.status === 400 && NGINX_PLAIN_TO_TLS.test(sent.response.text);
  if (!refusedPlain && sent.kind !== 'dropped') return undefined;
  if (!refusedPlain && !(await speaksTls(url, timeoutMs))) return undefined;
  return `the provider at ${baseUrl} speaks TLS (HTTPS), not plain HTTP: use ${baseUrl.replace(/^http:/, 'https:')}`;
}
