/**
 * Pact verification against a throttling provider: the forwarding proxy passes requests and answers
 * through unchanged while absorbing 429s, so verification that fails when the Pact child talks to the
 * provider directly passes through the run's sender; and a provider that never stops throttling ends it
 * as a usage error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { UsageError } from '../../contracts/errors.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { startThrottleProxy, throughProxy, type ThrottleProxy } from '../../contracts/pacts/throttle-proxy.ts';
import { verifyPactsIsolated, verifyPactsThroughSender } from '../../contracts/pacts/verify-provider.ts';
import {
  serveHandler,
  startReferenceProvider,
  type ProviderRequest,
  type RunningServer,
} from '../../provider/index.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

const running: Array<RunningServer | ThrottleProxy> = [];
const senders: Sender[] = [];
afterEach(async () => {
  senders.splice(0).forEach((sender) => sender.close());
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** `giveUpMs`: the bound on one request's throttling, shortened where a test waits for the gate to give up. */
function sender(giveUpMs?: number): Sender {
  const made = new Sender({
    timeoutMs: 5_000,
    maxInFlight: 4,
    ...(giveUpMs === undefined ? {} : { throttle: { giveUpMs } }),
  });
  senders.push(made);
  return made;
}

describe('the throttle proxy', () => {
  it('forwards method, target, headers and body as received, and the answer back, waiting out a 429 on the way', async () => {
    const seen: ProviderRequest[] = [];
    const upstream = await serveHandler(async (request) => {
      seen.push(request);
      if (seen.length === 1)
        return {
          status: 429,
          headers: { 'retry-after': '0', 'content-type': 'application/json' },
          body: '{"detail":"slow down"}',
        };
      return {
        status: 207,
        headers: { 'content-type': 'application/problem+json', 'x-answer': 'yes' },
        body: '{"ü":"answer"}',
      };
    });
    running.push(upstream);
    const through = sender();
    const proxy = await startThrottleProxy(new URL(upstream.url), through);
    running.push(proxy);
    const response = await fetch(`${proxy.url}/sessions/A%2Fb%20?x=1`, {
      method: 'PATCH',
      headers: { 'X-Browser-Use-API-Key': DISTINCTIVE_KEY, 'content-type': 'text/plain', 'x-extra': 'kept' },
      body: '{"action":"stop","note":"é"}',
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.text()).toBe('{"ü":"answer"}');
    expect(seen).toHaveLength(2);
    const forwarded = seen[1]!;
    expect(forwarded.method).toBe('PATCH');
    expect(forwarded.url).toBe('/sessions/A%2Fb%20?x=1');
    expect(forwarded.headers).toMatchObject({
      'x-browser-use-api-key': DISTINCTIVE_KEY,
      'content-type': 'text/plain',
      'x-extra': 'kept',
    });
    expect(forwarded.headers['host']).toBe(new URL(upstream.url).host);
    expect(forwarded.body.toString('utf8')).toBe('{"action":"stop","note":"é"}');
    expect(through.stats().throttled).toBe(1);
    expect(proxy.error()).toBeUndefined();
  });

  it('says at once, in a 504, that the provider did not answer in time: the Pact core never waits out its widened deadline', async () => {
    const upstream = await serveHandler(() => new Promise(() => {}), { closeGraceMs: 0 });
    running.push(upstream);
    const through = new Sender({ timeoutMs: 300 });
    senders.push(through);
    const proxy = await startThrottleProxy(new URL(upstream.url), through);
    running.push(proxy);
    const started = performance.now();
    const response = await fetch(`${proxy.url}/sessions/x`, { method: 'PATCH', body: '{}' });
    expect(response.status).toBe(504);
    expect(response.headers.get('x-bu-contract-proxy')).toBe('no answer from the provider');
    expect(await response.json()).toEqual({ detail: 'the provider did not answer within 300 ms' });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('puts the proxy in place of the origin, keeping path and query', () => {
    const proxy = { url: 'http://127.0.0.1:9' } as ThrottleProxy;
    expect(throughProxy('https://api.example.com', proxy)).toBe('http://127.0.0.1:9');
    expect(throughProxy('https://api.example.com/api/v2', proxy)).toBe('http://127.0.0.1:9/api/v2');
    expect(throughProxy('https://api.example.com/_pact/provider-states?token=1', proxy)).toBe(
      'http://127.0.0.1:9/_pact/provider-states?token=1',
    );
  });
});

describe('Pact verification against a provider that rate-limits (4 requests a second)', () => {
  const options = (url: string) => ({
    providerBaseUrl: url,
    statesUrl: `${url}${PROVIDER_STATES_PATH}`,
    apiKey: DISTINCTIVE_KEY,
  });

  it('fails when the Pact child talks to it directly: its 429s become failed state set-ups', async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, rateLimit: 4 });
    running.push(provider);
    const result = await verifyPactsIsolated(options(provider.url));
    expect(result.passed).toBe(false);
    expect(JSON.stringify(result)).toContain('429');
  });

  it("passes through the run's sender, which waits the 429s out", async () => {
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, rateLimit: 4 });
    running.push(provider);
    const through = sender();
    const result = await verifyPactsThroughSender(options(provider.url), through);
    expect(result.stateFailures).toEqual([]);
    expect(result.interactions.filter((interaction) => !interaction.passed)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(through.stats().throttled).toBeGreaterThan(0);
    expect(result.coreOutput).not.toContain(DISTINCTIVE_KEY);
  });

  it('ends as a usage error when the provider throttles without end', async () => {
    const provider = await serveHandler(async () => ({
      status: 429,
      headers: { 'retry-after': '0', 'content-type': 'application/json' },
      body: '{"detail":"slow down"}',
    }));
    running.push(provider);
    const error = await verifyPactsThroughSender(options(provider.url), sender(2_000)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/keeps throttling .* lower --workers or set --max-rps/);
  });
});
