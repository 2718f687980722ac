/**
 * An independent conformance probe: everything it knows comes from the spec file itself (read with
 * `yaml`, judged with a plain Ajv 2020 + ajv-formats), not from the suite's validator, schemas or test
 * helpers (only the provider-states protocol, which the spec cannot say, is imported). It derives its requests from the operation — the path template, the parameter's format, the
 * security scheme, the body's required property and enum — and checks, Schemathesis-style, that
 * the provider never errors, only answers documented statuses (plus 401 for a failed security
 * requirement), with the documented media type and a body valid against the documented schema.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { startReferenceProvider, type StartedReferenceProvider } from '../../provider/index.ts';

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// ---- what the spec says --------------------------------------------------------------------------

const spec = parse(
  readFileSync(
    fileURLToPath(new URL('../../contracts/spec/browser-use-v2-update-session.yaml', import.meta.url)),
    'utf8',
  ),
);
const [pathTemplate, pathItem] = Object.entries<any>(spec.paths).find(
  ([, item]) => item.patch?.summary === 'Update Session',
)!;
const operation = pathItem.patch;
const pathParameter = operation.parameters.find((parameter: any) => parameter.in === 'path');
const [requestMediaType, requestMedia] = Object.entries<any>(operation.requestBody.content)[0]!;
const scheme = spec.components.securitySchemes[Object.keys(operation.security[0])[0]!];

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');
const schemaRef = (schema: any) => ({ $ref: `spec#${schema.$ref.slice(1)}` });
const requestBodySchema = spec.components.schemas[requestMedia.schema.$ref.split('/').pop()];
const actionProperty = requestBodySchema.required[0];
const actionSchema = spec.components.schemas[requestBodySchema.properties[actionProperty].$ref.split('/').pop()];

function urlFor(id: string): string {
  return pathTemplate.replace(`{${pathParameter.name}}`, encodeURIComponent(id));
}

// ---- talking to the provider -----------------------------------------------------------------------

let server: StartedReferenceProvider;
const KEY = 'probe-key-0b5e';
beforeAll(async () => {
  server = await startReferenceProvider({ apiKey: KEY });
});
afterAll(() => server.close());

interface Probe {
  readonly id: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly key?: string | null;
}

interface Observed {
  readonly status: number;
  readonly mediaType: string;
  readonly body: unknown;
}

async function send(probe: Probe): Promise<Observed> {
  const headers: Record<string, string> = { 'content-type': requestMediaType, ...probe.headers };
  const key = probe.key === undefined ? KEY : probe.key;
  if (key !== null) headers[scheme.name] = key;
  const body = probe.rawBody ?? (probe.body === undefined ? undefined : JSON.stringify(probe.body));
  const response = await fetch(server.url + urlFor(probe.id), {
    method: 'PATCH',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // left as text: the media-type check reports it
  }
  return {
    status: response.status,
    mediaType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(),
    body: parsed,
  };
}

/** not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance. */
function conforms(observed: Observed, securityFailure = false): void {
  expect(observed.status, 'not a server error').toBeLessThan(500);
  const documented = operation.responses[String(observed.status)];
  if (!documented) {
    expect(securityFailure && observed.status === 401, `status ${observed.status} is documented`).toBe(true);
    expect(observed.mediaType).toBe('application/json');
    return;
  }
  const [mediaType, media] = Object.entries<any>(documented.content)[0]!;
  expect(observed.mediaType, 'documented media type').toBe(mediaType);
  const validate = ajv.compile(schemaRef(media.schema));
  expect(validate(observed.body) ? [] : validate.errors, 'response body against the documented schema').toEqual([]);
}

async function stateSession(state: string): Promise<string> {
  const response = await fetch(`${server.url}${PROVIDER_STATES_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, params: {}, action: 'setup' }),
  });
  return ((await response.json()) as { sessionId: string }).sessionId;
}

// ---- the probes --------------------------------------------------------------------------------------

const validBody = { [actionProperty]: actionSchema.enum[0] };

describe(`probe of ${operation.operationId}`, () => {
  it('stops an active and a stopped session with a 200 of the documented schema', async () => {
    for (const state of [PROVIDER_STATES.activeSessionWithRunningTasks, PROVIDER_STATES.stoppedSession]) {
      const id = await stateSession(state);
      const observed = await send({ id: id.toUpperCase(), body: validBody });
      conforms(observed);
      expect(observed.status).toBe(200);
      expect((observed.body as any).id).toBe(id);
      expect((observed.body as any).status).toBe('stopped');
    }
  });

  it('answers an id of the documented format that names nothing with 404', async () => {
    for (const id of [
      randomUUID(),
      randomUUID().toUpperCase(),
      '00000000-0000-0000-0000-000000000000',
      '018f4e5c-2a7b-7c3d-9e1f-0a2b3c4d5e6f',
    ]) {
      const observed = await send({ id, body: validBody });
      conforms(observed);
      expect(observed.status).toBe(404);
    }
  });

  it(`rejects every violation of the path parameter's format (${pathParameter.schema.format}) with 422`, async () => {
    for (const id of [
      '1',
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      `${randomUUID()}-1`,
      randomUUID().slice(0, 35),
      ` ${randomUUID()}`,
    ]) {
      const observed = await send({ id, body: validBody });
      conforms(observed);
      expect(observed.status).toBe(422);
    }
  });

  it('rejects every violation of the request body schema with 422', async () => {
    const violations: Probe[] = [
      { id: randomUUID(), body: {} },
      { id: randomUUID(), body: { [actionProperty]: `${actionSchema.enum[0]}!` } },
      { id: randomUUID(), body: { [actionProperty]: true } },
      { id: randomUUID(), body: [validBody] },
      { id: randomUUID(), body: actionSchema.enum[0] },
      { id: randomUUID(), rawBody: '{' },
      { id: randomUUID() },
      { id: randomUUID(), body: validBody, headers: { 'content-type': 'text/plain' } },
    ];
    for (const probe of violations) {
      const observed = await send(probe);
      conforms(observed);
      expect(observed.status, JSON.stringify(probe)).toBe(422);
    }
  });

  it('accepts what the schema allows beyond the required property', async () => {
    const id = await stateSession(PROVIDER_STATES.activeSessionWithRunningTasks);
    const observed = await send({ id, body: { ...validBody, comment: 'extra properties are allowed', n: 1 } });
    conforms(observed);
    expect(observed.status).toBe(200);
  });

  it(`refuses a request that fails the ${scheme.type} security requirement (header ${scheme.name})`, async () => {
    const id = await stateSession(PROVIDER_STATES.activeSessionWithRunningTasks);
    for (const key of [null, '', `${KEY}-wrong`]) {
      const observed = await send({ id, body: validBody, key });
      conforms(observed, true);
      expect(observed.status).toBe(401);
    }
    expect((await send({ id, body: validBody })).status).toBe(200);
  });
});
