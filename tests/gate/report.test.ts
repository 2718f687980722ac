/**
 * The report's words, pinned: a failure renders as check, received vs documented, the case, the replay
 * command and curl lines (snapshots, as Schemathesis and zod pin theirs), and the redaction pass removes
 * a key that a provider echoed back.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../contracts/checks/registry.ts';
import type { UpdateRequest } from '../../contracts/gate/case.ts';
import { classifyRequest } from '../../contracts/gate/classify.ts';
import { renderJson } from '../../contracts/gate/report/json.ts';
import { renderJunit } from '../../contracts/gate/report/junit.ts';
import { renderText } from '../../contracts/gate/report/text.ts';
import { writeReports } from '../../contracts/gate/report/write.ts';
import type { GateResult } from '../../contracts/gate/runner.ts';
import { PROVIDER_STATES } from '../../contracts/states.ts';
import { DISTINCTIVE_KEY, config } from './helpers.ts';

const BASE = 'http://127.0.0.1:8000';
const SESSION = '3f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8';

function brokenResult(responseText: string): GateResult {
  const request: UpdateRequest = { sessionId: SESSION.toUpperCase(), credential: 'missing', contentType: 'application/json', body: '{"action":"stop"}' };
  const record = {
    case: { intent: 'unauthorised' as const, setup: { state: PROVIDER_STATES.activeSessionWithRunningTasks, sessionId: SESSION }, request },
    session: { kind: 'state' as const, state: PROVIDER_STATES.activeSessionWithRunningTasks, id: SESSION },
    exchanges: [{
      role: 'request' as const,
      setup: { state: PROVIDER_STATES.activeSessionWithRunningTasks, sessionId: SESSION },
      pausedMs: 0,
      request,
      class: classifyRequest(request, DISTINCTIVE_KEY),
      transmission: { kind: 'response' as const, elapsedMs: 2, response: { status: 200, headers: {}, contentType: 'application/json', text: responseText } },
      body: JSON.parse(responseText) as unknown,
      verdict: undefined,
    }],
  };
  const checks = Object.values(CHECKS).map((check) => ({
    name: check.name, summary: check.summary, judged: 10, note: undefined,
    ...(check.name === 'auth_enforced'
      ? { status: 'failed' as const, passed: 9, failed: 1, failure: { failure: { check: 'auth_enforced' as const, code: 'unauthorised_request_accepted' as const, exchange: 0, status: 200, credential: 'missing' as const }, record, seed: 42, path: '7:1:0', shrinks: 2 } }
      : { status: 'passed' as const, passed: 10, failed: 0, failure: undefined }),
  }));
  return {
    exitCode: 1,
    provider: { baseUrl: BASE, statesUrl: `${BASE}/_pact/provider-states`, builtIn: false, sessions: 'states', statesNote: undefined },
    seed: 42, runs: 100, replayPath: undefined, timeoutMs: 5000,
    pact: { status: 'passed', interactions: [{ pact: 'pacts/x.json', description: 'a request to stop an active session', states: [PROVIDER_STATES.activeSessionWithRunningTasks], passed: true, mismatches: [] }], durationMs: 1200 },
    fuzz: { cases: 100, requests: 180, durationMs: 900, stoppedEarly: undefined, workers: 8, shard: undefined },
    transport: { throttled: 2, throttledMs: 1500 },
    accepted: { pactSkip: false, anySkip: false },
    checks,
    durationMs: 2100,
  };
}

describe('the reports', () => {
  const result = brokenResult(JSON.stringify({ id: SESSION, status: 'stopped' }));

  it('render a failure as text', () => {
    expect(renderText(result)).toMatchSnapshot();
  });

  it('render JUnit XML with a test case per check and the failure in it', () => {
    expect(renderJunit(result)).toMatchSnapshot();
  });

  it('render JSON with the failure as data', () => {
    const json = JSON.parse(renderJson(result)) as { checks: Array<{ name: string; failure: { data: unknown; replay: string; curl: string[] } | null }> };
    const failed = json.checks.find((check) => check.name === 'auth_enforced')!;
    expect(failed.failure!.data).toEqual({ check: 'auth_enforced', code: 'unauthorised_request_accepted', exchange: 0, status: 200, credential: 'missing' });
    expect(failed.failure!.replay).toBe(`npx bu-contract verify --base-url ${BASE} --seed 42 --replay-path 7:1:0 --checks auth_enforced --skip-pact`);
    expect(failed.failure!.curl).toHaveLength(2);
  });

  it('never print a key the provider echoed back', () => {
    const echoing = brokenResult(JSON.stringify({ detail: `key ${DISTINCTIVE_KEY} accepted`, id: SESSION }));
    const dir = mkdtempSync(join(tmpdir(), 'gate-report-'));
    const settings = config({ 'base-url': BASE, 'api-key': DISTINCTIVE_KEY, junit: join(dir, 'j.xml'), json: join(dir, 'r.json') });
    let stdout = '';
    writeReports(echoing, settings, (text) => (stdout += text));
    for (const output of [stdout, readFileSync(join(dir, 'j.xml'), 'utf8'), readFileSync(join(dir, 'r.json'), 'utf8')]) {
      expect(output).toContain('key [REDACTED] accepted');
      expect(output).not.toContain(DISTINCTIVE_KEY);
    }
  });
});
