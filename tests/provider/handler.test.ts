/**
 * The reference provider's behaviour, through its pure handler: auth → validation → 404 → 200, and
 * every answer checked against the spec for its status (see expectConformant).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { createReferenceProvider, type ReferenceProvider } from '../../provider/index.ts';
import { bodyOf, call, counterIds, manualClock, patch } from './helpers.ts';

const NIL = '00000000-0000-0000-0000-000000000000';

let clock: ReturnType<typeof manualClock>;
let provider: ReferenceProvider;
let active: string;

beforeEach(() => {
  clock = manualClock();
  provider = createReferenceProvider({ clock: clock.now, newId: counterIds() });
  active = provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
});

describe('auth comes first', () => {
  it.each([
    ['no key header', null, 'Missing X-Browser-Use-API-Key header'],
    ['an empty key', '', 'Missing X-Browser-Use-API-Key header'],
    ['a wrong key', 'not-the-key', 'Invalid API key'],
    ['the key in the wrong case', 'BU-CONTRACT-LOCAL-KEY', 'Invalid API key'],
    ['the key with a suffix', 'bu-contract-local-key2', 'Invalid API key'],
  ])('%s is a 401 {"detail"} that never echoes the key', async (_, key, detail) => {
    const response = await call(provider.handler, patch(active, { key }));
    expect(response.status).toBe(401);
    expect(bodyOf(response)).toEqual({ detail });
    if (key) expect(response.body).not.toContain(key);
  });

  it('is checked before the id and the body, and before the lookup', async () => {
    expect((await call(provider.handler, patch('not-a-uuid', { key: 'wrong', body: '{' }))).status).toBe(401);
    expect((await call(provider.handler, patch(NIL, { key: null }))).status).toBe(401);
    expect(provider.sessions.get(active)?.status).toBe('active');
  });

  it('holds a key of its own per provider', async () => {
    const other = createReferenceProvider({ apiKey: 's3cret' });
    const id = other.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
    expect((await call(other.handler, patch(id))).status).toBe(401);
    expect((await call(other.handler, patch(id, { key: 's3cret' }))).status).toBe(200);
  });
});

describe('an invalid id or body is a 422 with one ValidationError', () => {
  it.each([
    ['a word', 'not-a-uuid'],
    ['31 hex digits', '00000000-0000-0000-0000-00000000000'],
    ['33 hex digits', '00000000-0000-0000-0000-0000000000000'],
    ['no dashes', '00000000000000000000000000000000'],
    ['dashes in the wrong places', '0000000-00000-0000-0000-000000000000'],
    ['a non-hex digit', '0000000g-0000-0000-0000-000000000000'],
    ['braces', '%7B00000000-0000-0000-0000-000000000000%7D'],
    ['a urn:uuid: prefix', 'urn:uuid:00000000-0000-0000-0000-000000000000'],
    ['a trailing newline', '00000000-0000-0000-0000-000000000000%0A'],
    ['a leading space', '%2000000000-0000-0000-0000-000000000000'],
    ['an encoded slash', 'a%2Fb'],
    ['a malformed escape', '%zz'],
    ['non-ASCII digits', encodeURIComponent('٠٠٠٠٠٠٠٠-0000-0000-0000-000000000000')],
  ])('path: %s', async (_, id) => {
    const response = await call(provider.handler, patch(id));
    expect(response.status).toBe(422);
    expect(bodyOf(response)).toEqual({
      loc: ['path', 'session_id'],
      msg: 'Input should be a valid UUID',
      type: 'uuid_parsing',
    });
  });

  it.each([
    ['no body', null, 'application/json', ['body'], 'missing'],
    ['an empty object', '{}', 'application/json', ['body', 'action'], 'missing'],
    ['another action', '{"action":"start"}', 'application/json', ['body', 'action'], 'enum'],
    ['the action in another case', '{"action":"Stop"}', 'application/json', ['body', 'action'], 'enum'],
    ['a null action', '{"action":null}', 'application/json', ['body', 'action'], 'enum'],
    ['a number action', '{"action":1}', 'application/json', ['body', 'action'], 'enum'],
    ['an array action', '{"action":["stop"]}', 'application/json', ['body', 'action'], 'enum'],
    ['a JSON array', '[{"action":"stop"}]', 'application/json', ['body'], 'model_attributes_type'],
    ['a JSON string', '"stop"', 'application/json', ['body'], 'model_attributes_type'],
    ['JSON null', 'null', 'application/json', ['body'], 'model_attributes_type'],
    ['a JSON number', '42', 'application/json', ['body'], 'model_attributes_type'],
    ['malformed JSON', '{"action":', 'application/json', ['body'], 'json_invalid'],
    ['trailing garbage', '{"action":"stop"}x', 'application/json', ['body'], 'json_invalid'],
    ['whitespace only', '   ', 'application/json', ['body'], 'json_invalid'],
    [
      'bytes that are not UTF-8',
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      'application/json',
      ['body'],
      'json_invalid',
    ],
    ['no content type', '{"action":"stop"}', null, ['body'], 'content_type'],
    ['text/plain', '{"action":"stop"}', 'text/plain', ['body'], 'content_type'],
    ['a form', 'action=stop', 'application/x-www-form-urlencoded', ['body'], 'content_type'],
    ['a look-alike media type', '{"action":"stop"}', 'application/jsonx', ['body'], 'content_type'],
    [
      'a +json suffix the spec does not list',
      '{"action":"stop"}',
      'application/merge-patch+json',
      ['body'],
      'content_type',
    ],
  ] as const)('body: %s', async (_, body, contentType, loc, type) => {
    const response = await call(provider.handler, patch(active, { body, contentType }));
    expect(response.status).toBe(422);
    expect(bodyOf(response)).toMatchObject({ loc, type, msg: expect.any(String) });
    expect(provider.sessions.get(active)?.status).toBe('active');
  });

  it('reports the path before the body, whatever the validator lists first', async () => {
    const response = await call(provider.handler, patch('nope', { body: '{"action":"go"}' }));
    expect(bodyOf(response).loc).toEqual(['path', 'session_id']);
  });

  it('comes before the lookup: an unknown session with a bad body is 422, not 404', async () => {
    expect((await call(provider.handler, patch(NIL, { body: '{}' }))).status).toBe(422);
  });
});

describe('a valid id of an unknown session is a 404', () => {
  const versions = [...'0123456789abcdef'].map((nibble) => `3f2b8c1e-9d4a-${nibble}b7c-a1e2-5c6d7e8f9a0b`);
  it.each<readonly [string, string]>([
    ['the nil uuid', NIL],
    ['the max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['upper case', '3F2B8C1E-9D4A-4B7C-A1E2-5C6D7E8F9A0B'],
    ['mixed case', '3f2B8c1E-9d4A-4b7C-a1E2-5c6D7e8F9a0B'],
    ['a variant outside RFC 4122', '3f2b8c1e-9d4a-4b7c-f1e2-5c6d7e8f9a0b'],
    ['percent-encoded hex', '%33f2b8c1e-9d4a-4b7c-a1e2-5c6d7e8f9a0b'],
    ...versions.map((id, i) => [`version nibble ${i.toString(16)}`, id] as const),
  ])('%s', async (_, id) => {
    const response = await call(provider.handler, patch(id));
    expect(response.status).toBe(404);
    expect(bodyOf(response)).toEqual({ detail: 'Session not found' });
  });
});

describe('a known session is stopped: 200 SessionView', () => {
  it('stops the session and its created and started tasks, leaving finished tasks as they were', async () => {
    const before = provider.sessions.get(active)!;
    clock.advance(1_000);
    const response = await call(provider.handler, patch(active));
    expect(response.status).toBe(200);
    const view = bodyOf(response);
    const stopTime = clock.now().toISOString();
    expect(view).toMatchObject({ id: active, status: 'stopped', finishedAt: stopTime });
    expect(before.tasks.map((task) => task.status)).toEqual(['finished', 'started', 'created']);
    expect(view.tasks[0]).toEqual(before.tasks[0]);
    for (const index of [1, 2]) {
      expect(view.tasks[index]).toEqual({ ...before.tasks[index], status: 'stopped', finishedAt: stopTime });
    }
    const { status: _s, finishedAt: _f, tasks: _t, ...rest } = before;
    expect(view).toMatchObject(rest);
  });

  it('is idempotent: a second stop later returns the same view, finishedAt does not move', async () => {
    const first = await call(provider.handler, patch(active));
    clock.advance(3_600_000);
    const second = await call(provider.handler, patch(active));
    expect(second.status).toBe(200);
    expect(second.body).toBe(first.body);
  });

  it('matches ids in any case and answers in lower case', async () => {
    const response = await call(provider.handler, patch(active.toUpperCase()));
    expect(response.status).toBe(200);
    const view = bodyOf(response);
    expect(view.id).toBe(active);
    for (const task of view.tasks) {
      expect(task.sessionId).toBe(active);
      expect(task.id).toBe(task.id.toLowerCase());
    }
  });

  it('keeps a stopped session as it is', async () => {
    const stopped = provider.setUpState(PROVIDER_STATES.stoppedSession);
    const before = provider.sessions.get(stopped);
    clock.advance(60_000);
    const response = await call(provider.handler, patch(stopped));
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toEqual(before);
  });

  it('never finishes before it started, even when the clock is behind the data', async () => {
    const session = provider.sessions.get(active)!;
    clock.set('2000-01-01T00:00:00Z');
    const view = bodyOf(await call(provider.handler, patch(active)));
    expect(Date.parse(view.finishedAt)).toBe(Date.parse(session.startedAt));
    for (const task of view.tasks) {
      expect(Date.parse(task.finishedAt)).toBeGreaterThanOrEqual(Date.parse(task.startedAt ?? task.createdAt));
    }
  });

  it.each([
    ['extra body properties', { body: '{"action":"stop","reason":"done","force":true,"nested":{"a":[1]}}' }],
    ['a charset parameter', { contentType: 'application/json; charset=utf-8' }],
    ['an upper-case media type', { contentType: 'Application/JSON' }],
    ['whitespace around the JSON', { body: ' \n{"action" : "stop"}\t' }],
    ['a duplicated key whose last value is stop', { body: '{"action":"go","action":"stop"}' }],
    ['a query string', { suffix: '?force=1' }],
  ] as const)('accepts %s', async (_, options) => {
    expect((await call(provider.handler, patch(active, options))).status).toBe(200);
  });

  it('answers many concurrent stops of one session alike', async () => {
    let ticks = 0;
    const moving = createReferenceProvider({ clock: () => new Date(Date.UTC(2025, 0, 1) + ticks++ * 1_000) });
    const id = moving.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
    const responses = await Promise.all(
      Array.from({ length: 64 }, (_, i) => moving.handler(patch(i % 2 ? id.toUpperCase() : id))),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
  });
});

describe('outside the operation', () => {
  it.each([
    ['/', 'GET'],
    ['/sessions', 'PATCH'],
    ['/sessions/', 'PATCH'],
    [`/sessions/${NIL}/`, 'PATCH'],
    [`/sessions/${NIL}/tasks`, 'PATCH'],
    [`/api/v2/sessions/${NIL}`, 'PATCH'],
  ])('%s is a JSON 404 Not Found, not a missing session', async (url, method) => {
    const response = await call(provider.handler, { ...patch(NIL), url, method });
    expect(response.status).toBe(404);
    expect(bodyOf(response)).toEqual({ detail: 'Not Found' });
  });

  it.each(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'])(
    '%s on the session path is a JSON 405 allowing PATCH',
    async (method) => {
      const response = await call(provider.handler, patch(active, { method }));
      expect(response.status).toBe(405);
      expect(response.headers['allow']).toBe('PATCH');
      expect(provider.sessions.get(active)?.status).toBe('active');
    },
  );

  it('routes an absolute-form request target by its path', async () => {
    const response = await call(provider.handler, { ...patch(active), url: `http://example.test/sessions/${active}` });
    expect(response.status).toBe(200);
  });

  it('keeps two providers in one process apart', async () => {
    const other = createReferenceProvider();
    expect((await call(other.handler, patch(active))).status).toBe(404);
    expect((await call(provider.handler, patch(active))).status).toBe(200);
  });
});
