/**
 * Consumer pacts for Update Session, written by driving the official browser-use-sdk v2 client against
 * Pact's mock server. Only the SDK talks to the mock: what lands in pacts/ is what the real client sends
 * and what it relies on getting back.
 *
 * The pact is written to a scratch folder and then moved into pacts/ in one rename, so readers running in
 * parallel (the pact-vs-spec and verification tests) never see a half-written file.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import type { V4RequestBuilder, V4ResponseBuilder } from '@pact-foundation/pact/src/v4/http/types.js';
import { BrowserUse, BrowserUseError } from 'browser-use-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSUMER_NAME, PACT_API_KEY_PLACEHOLDER, PROVIDER_NAME } from '../../contracts/config.ts';
import {
  STRING_OR_INTEGER,
  dateTime,
  decimal,
  jsonContentType,
  oneOf,
  responseBodyRules,
  uuid,
} from '../../contracts/pacts/matchers.ts';
import { OUTSIDE_SPEC_PACTS_DIR, PACT_FILE_NAME, PACTS_DIR } from '../../contracts/pacts/files.ts';
import { SessionView } from '../../contracts/schemas.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';

const SESSION_ID = '8b0d7e2a-5c1f-4e3b-9a6d-2f4c8e1b7a90';
const STOPPED_SESSION_ID = '0e6f3a9c-7b2d-4c8e-a1f5-9d3b6c2e4f71';
const UNKNOWN_SESSION_ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const TASK_ID = '3c9e1f7a-2b4d-4a6c-8e0f-1a3b5c7d9e2f';

const scratch = mkdtempSync(join(tmpdir(), 'bu-pacts-'));

function pact(dir: string) {
  return new PactV4({
    consumer: CONSUMER_NAME,
    provider: PROVIDER_NAME,
    dir,
    logLevel: 'error',
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  });
}

/** The SDK as an application would build it, pointed at the mock. The key is the pact's placeholder. */
function sdk(baseUrl: string) {
  return new BrowserUse({ apiKey: PACT_API_KEY_PLACEHOLDER, baseUrl, maxRetries: 0 });
}

/** What the SDK sends: its key (any value will do for the contract) and a JSON body. */
const sdkRequest = (body: { action: string }) => (builder: V4RequestBuilder) => {
  builder
    .headers({ 'X-Browser-Use-API-Key': MatchersV3.like(PACT_API_KEY_PLACEHOLDER), 'Content-Type': 'application/json' })
    .jsonBody(body);
};
const stopRequest = sdkRequest({ action: 'stop' });

const sessionPath = (exampleId: string) =>
  MatchersV3.fromProviderState('/sessions/${sessionId}', `/sessions/${exampleId}`);

/**
 * A task as a client reads it after a stop: nothing left running. Only the spec's required fields: the
 * nullable ones (`startedAt`, `finishedAt`, `cost`, …) are optional in the spec and in the SDK's types
 * alike, so the pact leaves them out and a provider that omits them still honours it.
 */
function stoppedTask(sessionId: string) {
  return {
    id: uuid(TASK_ID),
    sessionId: uuid(sessionId),
    llm: MatchersV3.string('gpt-4.1-mini'),
    task: MatchersV3.string('Find the cheapest flight from Zurich to Lisbon next Friday'),
    status: oneOf(['finished', 'stopped'] as const, 'stopped'),
    createdAt: dateTime('2026-11-02T09:14:03.120Z'),
  };
}

/**
 * The session view a client reads after a stop. `finishedAt` is optional and nullable in the schema, but
 * the spec describes it as set once the session is stopped ("None if still active"): what a stop does,
 * listed in contracts/pacts/beyond-spec.ts (the gate's stop_semantics checks the same).
 */
function stoppedSessionView(sessionId: string, tasksAtLeast: number) {
  return {
    id: uuid(sessionId),
    status: MatchersV3.equal('stopped'),
    startedAt: dateTime('2026-11-02T09:13:58Z'),
    finishedAt: dateTime('2026-11-02T09:20:41.5Z'),
    tasks: MatchersV3.atLeastLike(stoppedTask(sessionId), tasksAtLeast, 1),
    // Beyond the spec (contracts/pacts/beyond-spec.ts): optional there, with defaults ('0'), but the
    // SDK types them as always present (`proxyCost: string`): a client reconciling what a stopped session
    // cost reads both, as decimal strings, never floats.
    proxyUsedMb: decimal('12.50'),
    proxyCost: decimal('0.05'),
  };
}

function stoppedSessionResponse(sessionId: string, tasksAtLeast: number) {
  return (builder: V4ResponseBuilder) => {
    builder.headers({ 'Content-Type': jsonContentType() }).jsonBody(stoppedSessionView(sessionId, tasksAtLeast));
  };
}

/** Where a validation error is: any list of names and indexes (`anyOf [string, integer]` items, as the spec says). */
const VALIDATION_ERROR_LOC = {
  '$.loc': { matchers: [{ match: 'type', min: 0 }] },
  '$.loc[*]': STRING_OR_INTEGER,
} as const;

/** A 422 as the client reads it: where (any names and indexes), and a message and type it only shows. */
function validationErrorResponse(loc: readonly string[], msg: string, type: string) {
  return (builder: V4ResponseBuilder) => {
    builder
      .headers({ 'Content-Type': jsonContentType() })
      .jsonBody({ loc, msg: MatchersV3.string(msg), type: MatchersV3.string(type) });
    responseBodyRules(builder, VALIDATION_ERROR_LOC);
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<BrowserUseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrowserUseError);
  return error as BrowserUseError;
}

/** The subfolder of a recording's folder that holds the interactions the spec does not route. */
const OUTSIDE_SPEC_SUBDIR = relative(PACTS_DIR, OUTSIDE_SPEC_PACTS_DIR);

/**
 * Records every interaction into `dir`, and those whose request the spec does not route into its
 * outside-the-spec subfolder. Exported for the reproducibility test, which records twice.
 */
export async function recordPacts(dir: string): Promise<void> {
  await pact(dir)
    .addInteraction()
    .given(PROVIDER_STATES.activeSessionWithRunningTasks, { sessionId: SESSION_ID })
    .uponReceiving('a request to stop an active session with running tasks')
    .withRequest('PATCH', sessionPath(SESSION_ID), stopRequest)
    .willRespondWith(200, stoppedSessionResponse(SESSION_ID, 1))
    .executeTest(async (mock) => {
      const session = await sdk(mock.url).sessions.stop(SESSION_ID);
      expect(SessionView.parse(session)).toBeTruthy();
      expect(session.id).toBe(SESSION_ID);
      expect(session.status).toBe('stopped');
      expect(session.finishedAt).toEqual(expect.any(String));
      expect(session.tasks.length).toBeGreaterThanOrEqual(1);
      for (const task of session.tasks) {
        expect(['finished', 'stopped']).toContain(task.status);
        expect(task.sessionId).toBe(SESSION_ID);
      }
    });

  await pact(dir)
    .addInteraction()
    .given(PROVIDER_STATES.stoppedSession, { sessionId: STOPPED_SESSION_ID })
    .uponReceiving('a request to stop a session that is already stopped')
    .withRequest('PATCH', sessionPath(STOPPED_SESSION_ID), stopRequest)
    .willRespondWith(200, stoppedSessionResponse(STOPPED_SESSION_ID, 0))
    .executeTest(async (mock) => {
      const session = await sdk(mock.url).sessions.update(STOPPED_SESSION_ID, { action: 'stop' });
      expect(session.status).toBe('stopped');
      expect(session.id).toBe(STOPPED_SESSION_ID);
      expect(session.finishedAt).toEqual(expect.any(String));
    });

  await pact(dir)
    .addInteraction()
    .given(PROVIDER_STATES.noSession, { sessionId: UNKNOWN_SESSION_ID })
    .uponReceiving('a request to stop a session that does not exist')
    .withRequest('PATCH', sessionPath(UNKNOWN_SESSION_ID), stopRequest)
    // The status and a JSON object, nothing in it: the spec's SessionNotFoundError requires no property,
    // and the SDK reads `detail` only when present (otherwise its message is `HTTP 404`).
    .willRespondWith(404, (builder) => {
      builder.headers({ 'Content-Type': jsonContentType() }).jsonBody({});
    })
    .executeTest(async (mock) => {
      const error = await rejectionOf(sdk(mock.url).sessions.stop(UNKNOWN_SESSION_ID));
      expect(error.statusCode).toBe(404);
      expect(error.message).toBe('HTTP 404');
    });

  await pact(join(dir, OUTSIDE_SPEC_SUBDIR))
    .addInteraction()
    .uponReceiving('a request to stop a session with an id that is not a uuid')
    .withRequest('PATCH', '/sessions/not-a-session-id', stopRequest)
    .willRespondWith(
      422,
      validationErrorResponse(['path', 'session_id'], 'Input should be a valid UUID', 'uuid_parsing'),
    )
    .executeTest(async (mock) => {
      const error = await rejectionOf(sdk(mock.url).sessions.stop('not-a-session-id'));
      expect(error.statusCode).toBe(422);
      expect(error.detail).toMatchObject({
        loc: expect.arrayContaining(['path']),
        msg: expect.any(String),
        type: expect.any(String),
      });
    });

  await pact(dir)
    .addInteraction()
    .given(PROVIDER_STATES.activeSessionWithRunningTasks, { sessionId: SESSION_ID })
    .uponReceiving('a request to update a session with an action that does not exist')
    .withRequest('PATCH', sessionPath(SESSION_ID), sdkRequest({ action: 'pause' }))
    .willRespondWith(422, validationErrorResponse(['body', 'action'], "Input should be 'stop'", 'enum'))
    .executeTest(async (mock) => {
      // The SDK's types only allow 'stop'; a client built against another version could send anything.
      const error = await rejectionOf(sdk(mock.url).sessions.update(SESSION_ID, { action: 'pause' as 'stop' }));
      expect(error.statusCode).toBe(422);
      expect(error.detail).toMatchObject({ loc: expect.arrayContaining(['body']) });
    });
}

describe('consumer pacts of browser-use-sdk for Update Session', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const pactFiles = (dir: string) => [join(dir, PACT_FILE_NAME), join(dir, OUTSIDE_SPEC_SUBDIR, PACT_FILE_NAME)];
  const statuses = (text: string) =>
    (JSON.parse(text) as { interactions: Array<{ response: { status: number } }> }).interactions
      .map((i) => i.response.status)
      .sort();

  it('records every interaction by driving the SDK, and publishes them to pacts/ one file at a time, each in one step', async () => {
    const dir = join(scratch, 'run');
    await recordPacts(dir);
    const [published, outside] = pactFiles(dir).map((path) => readFileSync(path, 'utf8'));
    for (const [target, written] of [
      [join(PACTS_DIR, PACT_FILE_NAME), published!],
      [join(OUTSIDE_SPEC_PACTS_DIR, PACT_FILE_NAME), outside!],
    ] as const) {
      mkdirSync(join(target, '..'), { recursive: true });
      const staged = join(target, '..', `.${PACT_FILE_NAME}.tmp-${process.pid}`);
      writeFileSync(staged, written);
      renameSync(staged, target);
    }
    expect(statuses(published!)).toEqual([200, 200, 404, 422]);
    expect(statuses(outside!)).toEqual([422]);
  });

  it('records byte for byte the same pacts every time', async () => {
    const again = join(scratch, 'again');
    await recordPacts(again);
    const once = join(scratch, 'once');
    await recordPacts(once);
    const [first, second] = [pactFiles(again), pactFiles(once)];
    for (const [index, path] of first.entries())
      expect(readFileSync(path, 'utf8')).toBe(readFileSync(second[index]!, 'utf8'));
  });
});
