/**
 * A states URL behind a credential (`--states-header 'Authorization: Bearer …'`): the gate's states client
 * and Pact verification send the header with every states call, a states URL refuses both without it, and
 * the credential never reaches what they return, what the CLI prints or its exit-2 message.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { UsageError } from '../../contracts/errors.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { StatesClient } from '../../contracts/gate/states-client.ts';
import { verifyPactsIsolated } from '../../contracts/pacts/verify-provider.ts';
import { createReferenceProvider, serveHandler, type ProviderHandler } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, verifyCli } from './helpers.ts';

const TOKEN = 'states-token-b71e0c94d2';
const AUTHORIZATION = `Bearer ${TOKEN}`;

/**
 * The reference provider with its states URL behind `Authorization: Bearer TOKEN`. A refusal echoes the
 * header it got, as careless servers do, so a leak through an error message would show.
 */
function protectedStates(): ProviderHandler {
  const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
  return (request) => {
    if (!request.url.startsWith(PROVIDER_STATES_PATH) || request.headers['authorization'] === AUTHORIZATION)
      return provider.handler(request);
    return Promise.resolve({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ detail: `bad credential: ${request.headers['authorization'] ?? 'none'}` }),
    });
  };
}

describe('a states URL that requires a credential', () => {
  it('works for the gate when the header is given, and is refused (exit 2 material) without it', async () => {
    const server = await serveHandler(protectedStates(), {});
    const sender = new Sender({ timeoutMs: 5_000 });
    try {
      const statesUrl = `${server.url}${PROVIDER_STATES_PATH}`;
      await expect(
        new StatesClient(statesUrl, sender, [{ name: 'Authorization', value: AUTHORIZATION }]).probe(),
      ).resolves.toEqual({ available: true });
      const refused = new StatesClient(statesUrl, sender).probe();
      await expect(refused).rejects.toBeInstanceOf(UsageError);
      await expect(refused).rejects.toThrow(/refused the provider state "an active session with running tasks" \(401/);
    } finally {
      sender.close();
      await server.close();
    }
  });

  it('works for Pact verification when the header is given, and its setup is refused without it, the credential nowhere in the result', async () => {
    const server = await serveHandler(protectedStates(), {});
    try {
      const options = {
        providerBaseUrl: server.url,
        statesUrl: `${server.url}${PROVIDER_STATES_PATH}`,
        apiKey: DISTINCTIVE_KEY,
      };
      const [withHeader, withoutHeader, wrongHeader] = await Promise.all([
        verifyPactsIsolated({ ...options, statesHeaders: [{ name: 'Authorization', value: AUTHORIZATION }] }),
        verifyPactsIsolated(options),
        verifyPactsIsolated({ ...options, statesHeaders: [{ name: 'Authorization', value: `Bearer ${TOKEN}-old` }] }),
      ]);
      expect(withHeader.passed).toBe(true);
      expect(withHeader.stateFailures).toEqual([]);
      expect(
        withoutHeader.stateFailures.some(
          (failure) => failure.action === 'setup' && /answered 401/.test(failure.message),
        ),
      ).toBe(true);
      // The states URL echoed the wrong credential: the result says it was refused, never what it was.
      const wrong = wrongHeader.stateFailures.find((failure) => failure.action === 'setup');
      expect(wrong?.message).toMatch(/answered 401 .*bad credential: \[REDACTED\]/);
      for (const result of [withHeader, withoutHeader, wrongHeader]) {
        expect(JSON.stringify(result)).not.toContain(TOKEN);
        expect(JSON.stringify(result)).not.toContain(DISTINCTIVE_KEY);
      }
    } finally {
      await server.close();
    }
  }, 120_000);

  it('never prints the credential, including in the exit-2 message when the states URL refuses', async () => {
    const server = await serveHandler(protectedStates(), {});
    const { code, stdout, stderr } = await verifyCli(
      [
        '--base-url',
        server.url,
        '--states-url',
        `${server.url}${PROVIDER_STATES_PATH}`,
        '--states-header',
        `Authorization: Bearer ${TOKEN}-expired`,
        '--skip-pact',
        '--runs',
        '20',
      ],
      { BROWSER_USE_API_KEY: DISTINCTIVE_KEY },
    );
    await server.close();
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/states URL .* \(401.*give it with --states-header 'Authorization: …'/);
    for (const output of [stdout, stderr]) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(DISTINCTIVE_KEY);
    }
  });
});
