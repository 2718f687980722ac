/**
 * What a request IS, decided from the request actually sent and never from what its generator meant:
 * valid or not by the spec validator, authenticated or not by comparing with the gate's key, and whether
 * its size alone may get it refused. Every check judges by this.
 */
import { GATE_TRANSPORT_LIMIT_BODY_BYTES, GATE_TRANSPORT_LIMIT_HEAD_BYTES } from '../config.ts';
import { specValidator, type SpecIssue, type SpecValidator } from '../validator.ts';
import type { UpdateRequest } from './case.ts';
import { credentialValue, operationTarget, wireHeaders } from './wire.ts';

export interface RequestClass {
  /** The spec's verdict on all but the credential: the path id, the Content-Type, the body. */
  readonly valid: boolean;
  /** Why it is invalid (empty when valid). */
  readonly issues: readonly SpecIssue[];
  /** The credential as sent, judged against the gate's key. */
  readonly credential: 'key' | 'missing' | 'empty' | 'wrong';
  /**
   * Invalid only for its Content-Type, which a lenient server reads as JSON all the same: none or an empty
   * one (FastAPI parses such a body as JSON), `text/json` or `application/*+json` (ASP.NET Core's and
   * FastAPI's JSON readers take them), with a body that would be a valid stop. Arguable, so neither taking
   * it nor refusing it is a verdict; a refusal must still stop nothing.
   */
  readonly lenient: boolean;
  /** So large that a server may refuse it on size alone: 413, 414, 431 or a reset mid-upload. */
  readonly oversized: boolean;
  /**
   * Whether the request surely reaches the operation's route. An empty id asks for `/sessions/`, and an id
   * holding `/` is split into two segments by frameworks that decode before routing; for those a 404 or
   * 405 (no such route) is an acceptable refusal.
   */
  readonly routable: boolean;
}

/** The request line's target and the headers as sent (`name: value` and CRLF each): what a 414 or 431 is about. */
function headBytes(request: UpdateRequest, apiKey: string): number {
  const headers = Object.entries(wireHeaders(request, apiKey)).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${value}\r\n`, 'utf8'),
    0,
  );
  return Buffer.byteLength(operationTarget('', request.sessionId), 'utf8') + headers;
}

/** `text/json` or `application/<anything>+json`, with any parameters. */
const JSON_LIKE_MEDIA_TYPE = /^\s*(text\/json|application\/[^\s;/]+\+json)\s*(;.*)?$/i;

/** Stands in for the key when the validator looks at headers: it only asks whether the header is there. */
const KEY_STAND_IN = 'api-key';

/** A session id in the one spelling every session the gate sets up is addressed by (setUp lower-cases them). */
const PLAIN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Past this, a body is not worth a cache entry: only the small, repeated ones are. */
const CACHED_BODY_CHARS = 256;
const CACHE_ENTRIES = 256;
const classified = new Map<string, Omit<RequestClass, 'credential' | 'oversized'>>();

/**
 * Most requests a run sends are the same few stops (repeats, controls, follow-ups, bystanders: one canonical
 * stop each) of fresh ids, and the spec's verdict on a plain lower-case uuid does not depend on its digits
 * (every such id is a valid uuid): such requests are validated once. Everything else is validated each time.
 */
function cacheKey(request: UpdateRequest): string | undefined {
  if (typeof request.credential !== 'string' || !PLAIN_UUID.test(request.sessionId)) return undefined;
  if ((request.body?.length ?? 0) > CACHED_BODY_CHARS) return undefined;
  return JSON.stringify([request.credential, request.contentType, request.body, request.query]);
}

export function classifyRequest(
  request: UpdateRequest,
  apiKey: string,
  validator: SpecValidator = specValidator(),
): RequestClass {
  const sent = credentialValue(request.credential, apiKey);
  const credential = sent === undefined ? 'missing' : sent === '' ? 'empty' : sent === apiKey ? 'key' : 'wrong';
  const oversized = headBytes(request, apiKey) > GATE_TRANSPORT_LIMIT_HEAD_BYTES;
  const key = validator === specValidator() ? cacheKey(request) : undefined;
  const known = key === undefined ? undefined : classified.get(key);
  if (known) return { ...known, credential, oversized };
  const judged = judgeBySpec(request, validator);
  if (key !== undefined) {
    if (classified.size >= CACHE_ENTRIES) classified.clear();
    classified.set(key, judged);
  }
  const bodyBytes = request.body === undefined ? 0 : Buffer.byteLength(request.body, 'utf8');
  return { ...judged, credential, oversized: oversized || bodyBytes > GATE_TRANSPORT_LIMIT_BODY_BYTES };
}

/** Everything in a RequestClass that the spec validator decides, from the request alone. */
function judgeBySpec(request: UpdateRequest, validator: SpecValidator): Omit<RequestClass, 'credential' | 'oversized'> {
  const headers = wireHeaders(request, KEY_STAND_IN);
  const verdict = validator.validateRequest({ sessionId: request.sessionId, headers, body: request.body });
  const issues = verdict.issues.filter((issue) => issue.in !== 'security');
  const contentType = request.contentType?.trim() ?? '';
  const lenient =
    issues.length > 0 &&
    issues.every((issue) => issue.keyword === 'content-type') &&
    (contentType === '' || JSON_LIKE_MEDIA_TYPE.test(contentType)) &&
    validator
      .validateRequest({
        sessionId: request.sessionId,
        headers: { ...headers, 'content-type': 'application/json' },
        body: request.body,
      })
      .issues.every((issue) => issue.in === 'security');
  return {
    valid: issues.length === 0,
    issues,
    lenient,
    routable: request.sessionId !== '' && !request.sessionId.includes('/'),
  };
}
