/**
 * Safe against production: when the states URL does not answer, the session checks are skipped (never
 * passed) and no request can stop a real session; --session-id offers one session to stop; a states URL
 * that refuses a state the contract defines is a configuration problem.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contracts/errors.ts';
import { PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import { renderJson } from '../../contracts/report/json.ts';
import { renderJunit } from '../../contracts/report/junit.ts';
import { renderText } from '../../contracts/report/text.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { createReferenceProvider, serveHandler, type ProviderHandler } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, config, gateAgainst } from './helpers.ts';

function withoutStates(handler: ProviderHandler): ProviderHandler {
  return (request) =>
    request.url.startsWith(PROVIDER_STATES_PATH)
      ? Promise.resolve({
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: '{"detail":"Not Found"}',
        })
      : handler(request);
}

describe('without a states URL', () => {
  it('skips the session checks, sends nothing that can stop a session, and skips Pact verification', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const existing = provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
    const result = await gateAgainst(withoutStates(provider.handler), { 'skip-pact': false });

    expect(provider.sessions.get(existing)?.status).toBe('active');
    expect(provider.sessions.size).toBe(1);
    expect(result.provider.sessions).toBe('none');
    expect(result.pact.status).toBe('skipped');
    const byName = Object.fromEntries(result.checks.map((check) => [check.name, check]));
    for (const name of [
      'stop_semantics',
      'stop_idempotence',
      'concurrent_stop_consistency',
      'stop_isolation',
    ] as const) {
      expect(byName[name]!.status).toBe('skipped');
      expect(byName[name]!.judged).toBe(0);
      expect(byName[name]!.note).toMatch(/needs (a session|fresh active sessions)/);
    }
    for (const name of ['auth_enforced', 'negative_data_rejection'] as const) {
      expect(byName[name]!.status).toBe('passed');
      expect(byName[name]!.note).toMatch(/not observed/);
    }
    // Fail closed: what could not be judged is exit 3, named with the flag that would accept it.
    expect(result.exitCode).toBe(3);
    const skipped = [
      'Pact verification',
      'stop_semantics',
      'stop_idempotence',
      'concurrent_stop_consistency',
      'stop_isolation',
    ];
    expect(renderText(result)).toMatch(
      `Result: INCOMPLETE: could not judge ${skipped.join(', ')}; to accept that, run with --allow-skips (or --skip-pact for Pact alone) (`,
    );
    expect(renderText(result)).not.toMatch(/held/);
    const json = JSON.parse(renderJson(result)) as {
      result: string;
      summary: string;
      skipped: Array<{ name: string; reason: string; accepted: boolean }>;
    };
    expect(json.result).toBe('incomplete');
    expect(json.skipped.map((part) => part.name)).toEqual(skipped);
    expect(json.skipped.every((part) => !part.accepted)).toBe(true);
    const junit = renderJunit(result);
    expect(junit).toMatch(/<testsuites name="bu-contract verify" tests="\d+" failures="0" errors="0" skipped="5"/);
    for (const name of [
      'pact verification',
      'stop_semantics',
      'stop_idempotence',
      'concurrent_stop_consistency',
      'stop_isolation',
    ]) {
      expect(junit).toMatch(
        new RegExp(`<testcase classname="(pact|fuzz)" name="${name}" time="0\\.000">\\n      <skipped message="`),
      );
    }
  });

  it('exits 0 with the skips named when they are accepted (--allow-skips), and 3 when --skip-pact accepts only Pact', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const accepted = await gateAgainst(withoutStates(provider.handler), {
      'skip-pact': false,
      'allow-skips': true,
      runs: '40',
    });
    expect(accepted.exitCode).toBe(0);
    expect(renderText(accepted)).toMatch(
      'Result: every check that ran held; 5 skipped (accepted): Pact verification, stop_semantics, stop_idempotence, concurrent_stop_consistency, stop_isolation (',
    );
    expect(renderText(accepted)).not.toMatch(/every check held/);
    expect(JSON.parse(renderJson(accepted))).toMatchObject({ result: 'held with skips', exitCode: 0 });

    const pactOnly = await gateAgainst(withoutStates(provider.handler), { 'skip-pact': true, runs: '40' });
    expect(pactOnly.exitCode).toBe(3);
    expect(renderText(pactOnly)).toMatch(
      'Result: INCOMPLETE: could not judge stop_semantics, stop_idempotence, concurrent_stop_consistency, stop_isolation; to accept that, run with --allow-skips (',
    );
    expect(JSON.parse(renderJson(pactOnly))).toMatchObject({ result: 'incomplete', exitCode: 3 });
  });

  it('stops the session offered with --session-id, and judges the session checks on it', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const offered = provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
    const bystander = provider.setUpState(PROVIDER_STATES.activeSessionWithRunningTasks);
    const result = await gateAgainst(withoutStates(provider.handler), { 'session-id': offered.toUpperCase() });

    expect(result.provider.sessions).toBe('offered');
    // The header says which session is stopped, not that none is.
    const states = renderText(result)
      .split('\n')
      .find((line) => line.startsWith('  states '));
    expect(states).toMatch(
      /unavailable: no states URL at .*: the session checks stop only the session given with --session-id$/,
    );
    expect(states).not.toMatch(/no session is set up|cannot stop a session/);
    expect(provider.sessions.get(offered)?.status).toBe('stopped');
    expect(provider.sessions.get(bystander)?.status).toBe('active');
    for (const name of ['stop_semantics', 'stop_idempotence']) {
      const check = result.checks.find((candidate) => candidate.name === name)!;
      expect(check.status).toBe('passed');
      expect(check.judged).toBeGreaterThan(0);
    }
    // Simultaneous stops and a bystander need fresh sessions: with one offered session those checks are not judged, which is exit 3.
    for (const name of ['concurrent_stop_consistency', 'stop_isolation'])
      expect(result.checks.find((check) => check.name === name)?.note).toMatch(
        /needs fresh active sessions from a states URL/,
      );
    expect(result.exitCode).toBe(3);
  });
});

describe('a states URL given explicitly', () => {
  it.each([
    ['answers 404', '/_pact/states-misrouted', /does not work: it answered 404/],
    ['is unreachable', undefined, /does not work: nothing answers there \(ECONNREFUSED\)/],
  ])('is a configuration problem (exit 2) when it %s, never a run without sessions', async (_name, path, said) => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const server = await serveHandler(provider.handler, {});
    const closed = await serveHandler(provider.handler, {});
    await closed.close();
    const statesUrl = path === undefined ? `${closed.url}${PROVIDER_STATES_PATH}` : `${server.url}${path}`;
    try {
      const run = runGate(
        config({ 'base-url': server.url, 'states-url': statesUrl, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true }),
      );
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(`the states URL ${statesUrl} (--states-url) does not work`);
      await expect(run).rejects.toThrow(said);
    } finally {
      await server.close();
    }
  });
});

describe('a states URL without teardown', () => {
  it('still passes Pact verification: teardown is optional', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const setupOnly: ProviderHandler = (request) =>
      request.url.startsWith(PROVIDER_STATES_PATH) && request.body.toString().includes('"teardown"')
        ? Promise.resolve({
            status: 400,
            headers: { 'content-type': 'application/json' },
            body: '{"detail":"no teardown here"}',
          })
        : provider.handler(request);
    // Pact is the point here: one check keeps the fuzzing short and leaves nothing unjudged at 20 runs.
    const result = await gateAgainst(setupOnly, { 'skip-pact': false, runs: '20', checks: 'status_code_conformance' });
    expect(result.pact.status).toBe('passed');
    expect(result.exitCode).toBe(0);
  });
});

describe('a states URL that refuses a state', () => {
  it('is a configuration problem (exit 2) naming the state', async () => {
    const provider = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const refusing: ProviderHandler = (request) =>
      request.url.startsWith(PROVIDER_STATES_PATH) && request.body.toString().includes(PROVIDER_STATES.stoppedSession)
        ? Promise.resolve({
            status: 400,
            headers: { 'content-type': 'application/json' },
            body: '{"detail":"unknown state"}',
          })
        : provider.handler(request);
    const server = await serveHandler(refusing, {});
    try {
      const run = runGate(config({ 'base-url': server.url, 'api-key': DISTINCTIVE_KEY, 'skip-pact': true }));
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(/refused the provider state "a stopped session" \(400/);
    } finally {
      await server.close();
    }
  });
});
