/**
 * Shared by the provider tests: requests to the pure handler, a clock the test moves, and one assertion
 * every answer must pass (JSON, and valid against the spec for its status when the spec documents it).
 */
import { expect } from 'vitest';
import { DEFAULT_API_KEY } from '../../contracts/config.ts';
import { API_KEY_HEADER, specValidator } from '../../contracts/validator.ts';
import type { ProviderHandler, ProviderRequest, ProviderResponse } from '../../provider/index.ts';

export const KEY = DEFAULT_API_KEY;
export const STOP = '{"action":"stop"}';
export const JSON_TYPE = 'application/json';

export interface PatchOptions {
  /** null: no header. Default: the right key. */
  readonly key?: string | null;
  /** null: no header. Default: application/json. */
  readonly contentType?: string | null;
  /** Default: `{"action":"stop"}`; null: no body. */
  readonly body?: string | Buffer | null;
  readonly method?: string;
  /** Appended to the path as is (`?x=1`, `/`). */
  readonly suffix?: string;
}

export function patch(sessionId: string, options: PatchOptions = {}): ProviderRequest {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? KEY : options.key;
  const contentType = options.contentType === undefined ? JSON_TYPE : options.contentType;
  if (key !== null) headers[API_KEY_HEADER] = key;
  if (contentType !== null) headers['content-type'] = contentType;
  const body = options.body === undefined ? STOP : options.body;
  return {
    method: options.method ?? 'PATCH',
    url: `/sessions/${sessionId}${options.suffix ?? ''}`,
    headers,
    body: body === null ? Buffer.alloc(0) : Buffer.from(body),
  };
}

export function bodyOf(response: ProviderResponse): any {
  return JSON.parse(response.body);
}

/** Every answer is JSON; a documented status also has a body the spec accepts for it. */
export function expectConformant(response: ProviderResponse): void {
  expect(response.headers['content-type']).toBe(JSON_TYPE);
  const body = JSON.parse(response.body) as unknown;
  const validator = specValidator();
  if (validator.documentedStatuses().includes(response.status)) {
    expect(
      validator.validateResponse({ status: response.status, contentType: response.headers['content-type'], body })
        .issues,
    ).toEqual([]);
  } else {
    expect(body).toEqual(expect.objectContaining({ detail: expect.any(String) }));
  }
}

/** Calls the handler and checks the answer conforms before returning it. */
export async function call(handler: ProviderHandler, request: ProviderRequest): Promise<ProviderResponse> {
  const response = await handler(request);
  expectConformant(response);
  return response;
}

/** A clock that stands still until the test moves it. */
export function manualClock(start = '2025-06-01T12:00:00.000Z'): {
  now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
} {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(iso) {
      current = new Date(iso).getTime();
    },
  };
}

/** Deterministic, distinct v4-looking ids: tests can predict them and tell them apart. */
export function counterIds(prefix = 'a'): () => string {
  let n = 0;
  return () => `${prefix.repeat(8)}-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`;
}
