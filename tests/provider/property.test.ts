/**
 * Property: for any request — right or wrong key, valid or broken id, body and content type — the
 * provider answers with the status an independent oracle predicts, as JSON, and with a body the spec
 * accepts for that status (401 is undocumented: it must still be JSON with a `detail`).
 *
 * The seed is fixed and printed; FC_SEED replays another. A failure prints the seed, the shrunk
 * request and a curl line for it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_API_KEY_ENV, PROVIDER_PROPERTY_SEED } from '../../contracts/config.ts';
import { integerFromEnv } from '../seed.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { API_KEY_HEADER, specValidator } from '../../contracts/validator.ts';
import {
  createReferenceProvider,
  serveHandler,
  type ProviderResponse,
  type RunningServer,
} from '../../provider/index.ts';
import { JSON_TYPE, KEY } from './helpers.ts';

const SEED = integerFromEnv('FC_SEED', PROVIDER_PROPERTY_SEED);

// ---- the generated request ------------------------------------------------------------------------

interface GeneratedRequest {
  readonly key: string | null;
  /** The id as meant; `encodedId` is how it goes in the path. */
  readonly id: string;
  readonly encodedId: string;
  readonly contentType: string | null;
  readonly body: Buffer | null;
}

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const hex = (length: number) => fc.string({ unit: hexDigit, minLength: length, maxLength: length });
/** Any 8-4-4-4-12 hex string: every version and variant nibble, any case, the nil uuid included. */
const uuidText = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
const headerText = fc
  .string({ unit: fc.constantFrom(...'abcdefXYZ0123456789-_;=/+. '), minLength: 1, maxLength: 30 })
  .map((text) => text.trim() || 'x');

function invalidId(): fc.Arbitrary<string> {
  const nearMiss = fc
    .tuple(uuidText, fc.nat(35), fc.constantFrom('g', 'Z', ' ', '_', 'é', '٣', ''))
    .map(([id, at, char]) => id.slice(0, at) + char + id.slice(at + 1));
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    nearMiss,
    uuidText.map((id) => id.replace(/-/g, '')),
    uuidText.map((id) => `{${id}}`),
    uuidText.map((id) => `urn:uuid:${id}`),
    uuidText.map((id) => `${id}0`),
    uuidText.map((id) => `${id}\n`),
  );
}

function knownId(ids: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...ids), fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }))
    .map(([id, upper]) => [...id].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));
}

/** Either encodeURIComponent or every character as %XX: both must mean the same id. */
const encoded = (id: string) =>
  fc
    .boolean()
    .map((all) =>
      all
        ? [...Buffer.from(id)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')
        : encodeURIComponent(id),
    );

const keyArb = fc.oneof(
  { arbitrary: fc.constant(KEY), weight: 6 },
  fc.constantFrom(null, '', KEY.toUpperCase(), `${KEY}x`, KEY.slice(1)),
  headerText,
);

const contentTypeArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      JSON_TYPE,
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=UTF-8',
    ),
    weight: 6,
  },
  fc.constantFrom(
    null,
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'application/jsonx',
    'application/vnd.api+json',
  ),
  headerText,
);

const bodyArb = fc
  .oneof(
    { arbitrary: fc.constant('{"action":"stop"}'), weight: 4 },
    {
      arbitrary: fc
        .dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }))
        .map((extra) => JSON.stringify({ ...extra, action: 'stop' })),
      weight: 2,
    },
    fc.jsonValue({ maxDepth: 2 }).map((action) => JSON.stringify({ action })),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constant(null),
  )
  .map((text) => (text === null ? null : Buffer.from(text)));

const binaryBody = fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => Buffer.from(bytes));

function requestArb(known: readonly string[]): fc.Arbitrary<GeneratedRequest> {
  const id = fc.oneof(
    { arbitrary: knownId(known), weight: 3 },
    { arbitrary: uuidText, weight: 2 },
    { arbitrary: invalidId(), weight: 2 },
  );
  return fc
    .record({
      key: keyArb,
      id,
      contentType: contentTypeArb,
      body: fc.oneof({ arbitrary: bodyArb, weight: 9 }, binaryBody),
    })
    .chain((request) => encoded(request.id).map((encodedId) => ({ ...request, encodedId })));
}

// ---- the oracle: written from the spec and the issue, sharing no code with the provider --------------

function expectedStatus(request: GeneratedRequest, known: ReadonlySet<string>): number {
  if (request.key !== KEY) return 401;
  const idValid = /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(request.id);
  const jsonType = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
  let action: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(request.body ?? new Uint8Array());
    const parsed: unknown = JSON.parse(text);
    action =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)['action']
        : undefined;
  } catch {
    action = undefined;
  }
  if (!idValid || !jsonType || action !== 'stop') return 422;
  return known.has(request.id.toLowerCase()) ? 200 : 404;
}

function checkResponse(request: GeneratedRequest, response: ProviderResponse, known: ReadonlySet<string>): void {
  const expected = expectedStatus(request, known);
  expect(response.status, 'status').toBe(expected);
  expect(response.headers['content-type'], 'content-type').toBe(JSON_TYPE);
  const body = JSON.parse(response.body) as any;
  if (response.status === 401) {
    expect(body).toEqual({ detail: expect.any(String) });
    return;
  }
  const verdict = specValidator().validateResponse({
    status: response.status,
    contentType: response.headers['content-type'],
    body,
  });
  expect(verdict.issues, `${response.status} body against the spec`).toEqual([]);
  if (response.status === 422)
    expect(body.loc[0]).toBe(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(request.id) ? 'body' : 'path');
  if (response.status === 200) expect(body).toMatchObject({ id: request.id.toLowerCase(), status: 'stopped' });
}

// ---- replaying a failure ---------------------------------------------------------------------------

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The key is never written out: the right one is referenced through the environment. */
function curlLine(request: GeneratedRequest): string {
  const parts = ['curl -i -X PATCH', shellQuote(`http://127.0.0.1:PORT/sessions/${request.encodedId}`)];
  if (request.key === KEY) parts.push(`-H "X-Browser-Use-API-Key: $${PROVIDER_API_KEY_ENV}"`);
  else if (request.key !== null) parts.push('-H', shellQuote(`X-Browser-Use-API-Key: ${request.key}`));
  if (request.contentType !== null) parts.push('-H', shellQuote(`Content-Type: ${request.contentType}`));
  if (request.body !== null)
    parts.push(
      '--data-binary',
      `"$(printf '${[...request.body].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('')}')"`,
    );
  return parts.join(' ');
}

async function holds(
  run: (request: GeneratedRequest) => Promise<void>,
  known: readonly string[],
  numRuns: number,
): Promise<void> {
  console.info(`provider property: seed ${SEED}, ${numRuns} runs (FC_SEED=<n> replays another seed)`);
  const details = await fc.check(fc.asyncProperty(requestArb(known), run), { seed: SEED, numRuns });
  if (!details.failed) return;
  const request = details.counterexample?.[0];
  throw new Error(
    [
      `property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})`,
      `shrunk request: ${JSON.stringify({ ...request, body: request?.body?.toString('utf8') ?? null })}`,
      String(details.errorInstance),
      `Reproduce with (${PROVIDER_API_KEY_ENV} exported for both; \`npx bu-contract serve --port PORT\`; the session's state set up first):`,
      request ? curlLine(request) : '(no counterexample)',
    ].join('\n'),
  );
}

// ---- the runs --------------------------------------------------------------------------------------

describe('every answer matches the oracle and the spec', () => {
  it('through the handler', async () => {
    const provider = createReferenceProvider();
    const known = [
      PROVIDER_STATES.activeSessionWithRunningTasks,
      PROVIDER_STATES.stoppedSession,
      PROVIDER_STATES.activeSessionWithRunningTasks,
    ].map((state) => provider.setUpState(state));
    await holds(
      async (request) => {
        const headers: Record<string, string> = {};
        if (request.key !== null) headers[API_KEY_HEADER] = request.key;
        if (request.contentType !== null) headers['content-type'] = request.contentType;
        const response = await provider.handler({
          method: 'PATCH',
          url: `/sessions/${request.encodedId}`,
          headers,
          body: request.body ?? Buffer.alloc(0),
        });
        checkResponse(request, response, new Set(known));
      },
      known,
      400,
    );
  });

  describe('over HTTP', () => {
    const provider = createReferenceProvider();
    const known = [
      provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks),
      provider.setUpState(PROVIDER_STATES.stoppedSession),
    ];
    let server: RunningServer;
    beforeAll(async () => {
      server = await serveHandler(provider.handler);
    });
    afterAll(() => server.close());

    it('through node:http and fetch', async () => {
      await holds(
        async (request) => {
          const headers: Record<string, string> = {};
          if (request.key !== null) headers[API_KEY_HEADER] = request.key;
          if (request.contentType !== null) headers['content-type'] = request.contentType;
          const response = await fetch(`${server.url}/sessions/${request.encodedId}`, {
            method: 'PATCH',
            headers,
            ...(request.body ? { body: request.body } : {}),
          });
          const wire: ProviderResponse = {
            status: response.status,
            headers: { 'content-type': response.headers.get('content-type') ?? '' },
            body: await response.text(),
          };
          checkResponse(request, wire, new Set(known));
        },
        known,
        120,
      );
    });
  });
});
