/**
 * Turns a case's data into bytes on the wire: the request target with the session id percent-encoded
 * (an id holding `/`, `?` or `%` must reach the provider whole, and the provider sees it decoded), and the
 * headers with the credential made real. The only place the API key is put into a request.
 */
import { OPERATION } from '../spec.ts';
import { API_KEY_HEADER } from '../validator.ts';
import { NEAR_KEY } from '../near-keys.ts';
import type { Credential, UpdateRequest } from './case.ts';
import type { WireRequest } from '../transport/types.ts';

/** The provider's base URL split into what the sender needs: its origin, and a path prefix without a trailing slash. */
export interface ProviderAddress {
  readonly origin: URL;
  readonly basePath: string;
}

export function providerAddress(baseUrl: string): ProviderAddress {
  const url = new URL(baseUrl);
  return { origin: new URL(url.origin), basePath: url.pathname.replace(/\/+$/, '') };
}

/** The request target of Update Session for a (decoded) session id. */
export function operationTarget(basePath: string, sessionId: string): string {
  return basePath + OPERATION.path.replace('{session_id}', encodeURIComponent(sessionId));
}

/** The request target of one request: the operation's path, and its query if it has one. */
export function requestTarget(basePath: string, request: UpdateRequest): string {
  return operationTarget(basePath, request.sessionId) + (request.query === undefined ? '' : `?${request.query}`);
}

/** The value of the API key header a credential puts on the wire, or undefined for none. */
export function credentialValue(credential: Credential, apiKey: string): string | undefined {
  if (credential === 'key') return apiKey;
  if (credential === 'missing') return undefined;
  if (credential === 'empty') return '';
  return 'wrong' in credential ? credential.wrong : NEAR_KEY[credential.nearKey](apiKey);
}

/**
 * Asked of every answer: without Accept-Encoding any content coding is acceptable (RFC 9110 §12.5.3), and
 * the sender keeps the bytes as received, so a provider free to gzip must be told not to.
 */
const UNCODED = { 'accept-encoding': 'identity' } as const;

/** The request's headers as sent (names in lower case), the key included: never print this. */
export function wireHeaders(request: UpdateRequest, apiKey: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...UNCODED };
  const key = credentialValue(request.credential, apiKey);
  if (key !== undefined) headers[API_KEY_HEADER] = key;
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  return headers;
}

export function updateWireRequest(address: ProviderAddress, request: UpdateRequest, apiKey: string): WireRequest {
  return {
    method: OPERATION.method.toUpperCase(),
    origin: address.origin,
    target: requestTarget(address.basePath, request),
    headers: wireHeaders(request, apiKey),
    body: request.body,
  };
}

/** A POST of JSON to a full URL (the states URL). */
export function jsonPost(url: string, body: unknown): WireRequest {
  const parsed = new URL(url);
  return {
    method: 'POST',
    origin: new URL(parsed.origin),
    target: parsed.pathname + parsed.search,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...UNCODED },
    body: JSON.stringify(body),
  };
}
