/**
 * Pact provider verification of the committed pacts: it holds against the reference provider with any
 * key, and it fails — naming the interaction — against a provider that breaks what the pact records.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { verifyPacts, verifyPactsIsolated } from '../../contracts/pacts/verify-provider.ts';
import {
  createReferenceProvider,
  serveHandler,
  type ProviderHandler,
  type RunningServer,
} from '../../provider/index.ts';

const KEY = 'pv-test-key-4f1c9a77e2'; // deliberately not the reference provider's default
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(wrap: (inner: ProviderHandler) => ProviderHandler = (inner) => inner): Promise<RunningServer> {
  const server = await serveHandler(wrap(createReferenceProvider({ apiKey: KEY }).handler));
  running.push(server);
  return server;
}

const options = (server: RunningServer, apiKey = KEY) => ({
  providerBaseUrl: server.url,
  statesUrl: `${server.url}${PROVIDER_STATES_PATH}`,
  apiKey,
});

/** Rewrites the JSON body of every answer with that status to a stop. */
const rewrite =
  (status: number, change: (body: Record<string, unknown>) => void) =>
  (inner: ProviderHandler): ProviderHandler =>
  async (request) => {
    const response = await inner(request);
    if (response.status !== status || request.url.startsWith(PROVIDER_STATES_PATH)) return response;
    const body = JSON.parse(response.body) as Record<string, unknown>;
    change(body);
    return { ...response, body: JSON.stringify(body) };
  };

describe('Pact verification of the committed pacts', () => {
  it('holds against the reference provider, with a key other than its default', async () => {
    const result = await verifyPacts(options(await serve()));
    expect(result.problems).toEqual([]);
    expect(result.stateFailures).toEqual([]);
    expect(result.interactions).toHaveLength(5);
    expect(result.interactions.filter((i) => !i.passed)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('run in its own process, keeps the core’s output and never the key', async () => {
    const result = await verifyPactsIsolated(options(await serve()));
    expect(result.passed).toBe(true);
    expect(result.coreOutput).toContain('a request to stop an active session with running tasks');
    expect(result.coreOutput).not.toContain(KEY);
  });

  it('fails the interaction whose response breaks the decimal matcher', async () => {
    const result = await verifyPacts(
      options(
        await serve(
          rewrite(200, (body) => {
            body['proxyCost'] = '1e-3';
          }),
        ),
      ),
    );
    expect(result.passed).toBe(false);
    const failed = result.interactions.filter((i) => !i.passed);
    expect(failed.map((i) => i.description).sort()).toEqual([
      'a request to stop a session that is already stopped',
      'a request to stop an active session with running tasks',
    ]);
    expect(failed[0]!.mismatches.join('\n')).toContain('$.proxyCost');
  });

  it('fails when a stop leaves the session active', async () => {
    const result = await verifyPacts(
      options(
        await serve(
          rewrite(200, (body) => {
            body['status'] = 'active';
          }),
        ),
      ),
    );
    expect(result.interactions.find((i) => i.description.includes('active session'))?.mismatches.join('\n')).toContain(
      '$.status',
    );
    expect(result.passed).toBe(false);
  });

  it('holds against a provider that leaves out every optional task field, finishedAt included, as the spec and the SDK’s types allow', async () => {
    const REQUIRED = ['id', 'sessionId', 'llm', 'task', 'status', 'createdAt'];
    const bare = rewrite(200, (body) => {
      body['tasks'] = (body['tasks'] as Array<Record<string, unknown>>).map((task) =>
        Object.fromEntries(REQUIRED.map((key) => [key, task[key]])),
      );
    });
    const result = await verifyPacts(options(await serve(bare)));
    expect(result.interactions.filter((i) => !i.passed)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('holds against a provider whose 404 body is {} (SessionNotFoundError requires nothing) or carries more', async () => {
    for (const change of [
      (body: Record<string, unknown>) => {
        delete body['detail'];
      },
      (body: Record<string, unknown>) => {
        body['code'] = 'not_found';
      },
    ]) {
      const result = await verifyPacts(options(await serve(rewrite(404, change))));
      expect(result.interactions.filter((i) => !i.passed)).toEqual([]);
      expect(result.passed).toBe(true);
    }
  });

  it('fails a provider that leaves out proxyCost, labelling the mismatch as the consumer’s expectation beyond the spec', async () => {
    const result = await verifyPacts(
      options(
        await serve(
          rewrite(200, (body) => {
            delete body['proxyCost'];
          }),
        ),
      ),
    );
    expect(result.passed).toBe(false);
    const failed = result.interactions.filter((i) => !i.passed);
    expect(failed).toHaveLength(2);
    for (const interaction of failed) {
      expect(interaction.beyondSpec).toEqual([
        {
          mismatch: expect.stringContaining('proxyCost'),
          label: expect.stringMatching(
            /^beyond the spec: the consumer's expectation \(spec: optional, default '0'\) at \$\.proxyCost: /,
          ),
        },
      ]);
    }
  });

  it('holds whatever the letter case of application/json, and fails a body sent as another media type', async () => {
    const withType =
      (type: string) =>
      (inner: ProviderHandler): ProviderHandler =>
      async (request) => {
        const response = await inner(request);
        return request.url.startsWith(PROVIDER_STATES_PATH)
          ? response
          : { ...response, headers: { ...response.headers, 'content-type': type } };
      };
    expect((await verifyPacts(options(await serve(withType('APPLICATION/Json ;charset=utf-8'))))).passed).toBe(true);
    const other = await verifyPacts(options(await serve(withType('application/jsonx'))));
    expect(other.passed).toBe(false);
    expect(other.interactions.every((i) => !i.passed)).toBe(true);
  });

  it('fails a stop answered without the session’s finishedAt, labelling it as what the operation does beyond the schema', async () => {
    const result = await verifyPacts(
      options(
        await serve(
          rewrite(200, (body) => {
            delete body['finishedAt'];
          }),
        ),
      ),
    );
    expect(result.passed).toBe(false);
    for (const interaction of result.interactions.filter((i) => !i.passed)) {
      expect(interaction.beyondSpec?.map((labelled) => labelled.label)).toEqual([
        expect.stringMatching(
          /^beyond the spec's schema: what the operation does \(spec: optional, nullable\) at \$\.finishedAt: a stop sets it/,
        ),
      ]);
    }
  });

  it('labels nothing when a mismatch is on what the spec itself requires', async () => {
    const result = await verifyPacts(
      options(
        await serve(
          rewrite(200, (body) => {
            delete body['startedAt'];
          }),
        ),
      ),
    );
    expect(result.passed).toBe(false);
    expect(result.interactions.filter((i) => !i.passed).map((i) => i.beyondSpec)).toEqual([undefined, undefined]);
  });

  it('holds when a validation error’s loc holds integers (anyOf [string, integer]) and fails when it holds anything else', async () => {
    const withIndex = await verifyPacts(
      options(
        await serve(
          rewrite(422, (body) => {
            body['loc'] = ['body', 0, 'action'];
          }),
        ),
      ),
    );
    expect(withIndex.passed).toBe(true);
    const withBoolean = await verifyPacts(
      options(
        await serve(
          rewrite(422, (body) => {
            body['loc'] = ['body', true];
          }),
        ),
      ),
    );
    expect(withBoolean.interactions.filter((i) => !i.passed).map((i) => i.mismatches.join(' '))).toEqual([
      expect.stringContaining('$.loc[1]'),
      expect.stringContaining('$.loc[1]'),
    ]);
  });

  it('fails every authorised interaction when the key given is not the provider’s', async () => {
    const result = await verifyPacts(options(await serve(), 'not-the-key'));
    expect(result.passed).toBe(false);
    expect(result.interactions.every((i) => !i.passed)).toBe(true);
  });

  it('reports a states URL that refuses a state, as a state failure', async () => {
    const refusing =
      (inner: ProviderHandler): ProviderHandler =>
      async (request) =>
        request.url.startsWith(PROVIDER_STATES_PATH) && request.body.toString().includes('a stopped session')
          ? { status: 400, headers: { 'content-type': 'application/json' }, body: '{"detail":"unknown state"}' }
          : inner(request);
    const result = await verifyPacts(options(await serve(refusing)));
    expect(result.passed).toBe(false);
    expect(result.stateFailures).toContainEqual(
      expect.objectContaining({ state: 'a stopped session', action: 'setup', message: expect.stringContaining('400') }),
    );
  });

  it('refuses a pact that needs a state no handler knows, before verifying anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bu-pacts-'));
    writeFileSync(
      join(dir, 'odd.json'),
      JSON.stringify({ interactions: [{ description: 'x', providerStates: [{ name: 'a session with a typo' }] }] }),
    );
    const result = await verifyPacts({ ...options(await serve()), pactDir: dir });
    expect(result.passed).toBe(false);
    expect(result.interactions).toEqual([]);
    expect(result.problems).toEqual([expect.stringContaining('"a session with a typo"')]);
  });
});
