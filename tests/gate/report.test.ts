/**
 * The report's words, pinned: a failure renders as check, received vs documented, the case, the replay
 * command and curl lines (snapshots, as Schemathesis and zod pin theirs), and the redaction pass removes
 * a key that a provider echoed back.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../contracts/checks/registry.ts';
import type { UpdateRequest } from '../../contracts/model/case.ts';
import { classifyRequest } from '../../contracts/model/classify.ts';
import { curlReplay } from '../../contracts/report/curl.ts';
import { summaryMarkdown } from '../../contracts/report/github.ts';
import { renderJson } from '../../contracts/report/json.ts';
import { renderJunit } from '../../contracts/report/junit.ts';
import { renderText } from '../../contracts/report/text.ts';
import { writeReports } from '../../contracts/report/write.ts';
import { redactorOf } from '../../contracts/gate/config.ts';
import type { GateResult } from '../../contracts/gate/result.ts';
import { PACTS_DIR, listPactFiles } from '../../contracts/pacts/files.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { TOOL_VERSION } from '../../contracts/version.ts';
import { DISTINCTIVE_KEY, config } from './helpers.ts';

const BASE = 'http://127.0.0.1:8000';
const SESSION = '3f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8';

function brokenResult(responseText: string): GateResult {
  const request: UpdateRequest = {
    sessionId: SESSION.toUpperCase(),
    credential: 'missing',
    contentType: 'application/json',
    body: '{"action":"stop"}',
  };
  const record = {
    case: {
      intent: 'unauthorised' as const,
      setup: { state: PROVIDER_STATES.activeSessionWithRunningTasks, sessionId: SESSION },
      request,
    },
    session: { kind: 'state' as const, state: PROVIDER_STATES.activeSessionWithRunningTasks, id: SESSION },
    exchanges: [
      {
        role: 'request' as const,
        setup: { state: PROVIDER_STATES.activeSessionWithRunningTasks, sessionId: SESSION },
        pausedMs: 0,
        request,
        class: classifyRequest(request, DISTINCTIVE_KEY),
        transmission: {
          kind: 'response' as const,
          elapsedMs: 2,
          response: { status: 200, headers: {}, contentType: 'application/json', text: responseText },
        },
        body: JSON.parse(responseText) as unknown,
        verdict: undefined,
      },
    ],
  };
  const checks = Object.values(CHECKS).map((check) => ({
    name: check.name,
    summary: check.summary,
    judged: 10,
    note: undefined,
    ...(check.name === 'auth_enforced'
      ? {
          status: 'failed' as const,
          passed: 9,
          failed: 1,
          failure: {
            failure: {
              check: 'auth_enforced' as const,
              code: 'unauthorised_request_accepted' as const,
              exchange: 0,
              status: 200,
              credential: 'missing' as const,
            },
            record,
            seed: 42,
            path: '7:1:0',
            shrinks: 2,
            shrinkMs: 300,
          },
        }
      : { status: 'passed' as const, passed: 10, failed: 0, failure: undefined }),
  }));
  return {
    exitCode: 1,
    provider: {
      baseUrl: BASE,
      statesUrl: `${BASE}/_pact/provider-states`,
      builtIn: false,
      sessions: 'states',
      statesNote: undefined,
    },
    seed: 42,
    runs: 100,
    replayPath: undefined,
    timeoutMs: 5000,
    pact: {
      status: 'passed',
      interactions: [
        {
          pact: 'pacts/x.json',
          description: 'a request to stop an active session',
          states: [PROVIDER_STATES.activeSessionWithRunningTasks],
          passed: true,
          mismatches: [],
        },
      ],
      durationMs: 1200,
    },
    fuzz: {
      cases: 100,
      requests: 180,
      durationMs: 900,
      shrinkingMs: 300,
      stoppedEarly: undefined,
      workers: 8,
      shard: undefined,
    },
    transport: { throttled: 2, throttledMs: 1500, suggestedMaxRps: 27 },
    cost: {
      requests: { operation: 180, states: 60, pact: 8, total: 248 },
      peakRps: 31,
      sessions: { setUp: 120, tornDown: 118 },
    },
    accepted: { pactSkip: false, anySkip: false },
    checks,
    durationMs: 2100,
  };
}

/** The snapshots pin the words, not the release: a version bump must not rewrite them. */
function versionless(text: string): string {
  return text.split(TOOL_VERSION).join('<version>');
}

/** `brokenResult` with response_schema_conformance failing on `body`, which carries `proxyCost`. */
function schemaBrokenResult(body: Record<string, unknown>): GateResult {
  const base = brokenResult(JSON.stringify(body));
  const found = base.checks.find((check) => check.name === 'auth_enforced')!.failure!;
  const failure = {
    check: 'response_schema_conformance' as const,
    code: 'schema_violation' as const,
    exchange: 0,
    status: 200,
    issues: [
      {
        in: 'body' as const,
        pointer: '/proxyCost',
        keyword: 'pattern',
        message: 'must match pattern "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$"',
      },
      { in: 'body' as const, pointer: '', keyword: 'required', message: "must have required property 'startedAt'" },
    ],
  };
  return {
    ...base,
    checks: base.checks.map((check) =>
      check.name === 'response_schema_conformance'
        ? { ...check, status: 'failed' as const, passed: 9, failed: 1, failure: { ...found, failure } }
        : { ...check, status: 'passed' as const, passed: check.judged, failed: 0, failure: undefined },
    ),
  };
}

describe('the reports', () => {
  const result = brokenResult(JSON.stringify({ id: SESSION, status: 'stopped' }));

  it('render a failure as text', () => {
    expect(versionless(renderText(result))).toMatchSnapshot();
  });

  it('render JUnit XML with a test case per check and the failure in it', () => {
    expect(versionless(renderJunit(result))).toMatchSnapshot();
  });

  it('carry the tool version: text header, JUnit property, JSON toolVersion', () => {
    expect(renderText(result).split('\n')[0]).toContain(`browser-use-update-session-contract ${TOOL_VERSION}`);
    expect(renderJunit(result)).toContain(`<property name="toolVersion" value="${TOOL_VERSION}"/>`);
    expect((JSON.parse(renderJson(result)) as { toolVersion: string }).toolVersion).toBe(TOOL_VERSION);
  });

  it("give the whole run's time on the result line, Pact's, the fuzzing's and the shrinking's beside it", () => {
    expect(renderText(result)).toMatch(
      /^Result: CONTRACT BROKEN: auth_enforced \(2\.1 s in all; Pact 1\.2 s, fuzzing 0\.9 s, shrinking 0\.3 s; exit 1\)$/m,
    );
    const json = JSON.parse(renderJson(result)) as {
      reportVersion: number;
      fuzz: { durationMs: number; shrinkingMs: number };
      checks: Array<{ name: string; failure: { shrinkMs: number } | null }>;
    };
    // fuzz.durationMs no longer holds the shrinking: a changed meaning, so a new report version.
    expect(json).toMatchObject({ reportVersion: 2, fuzz: { durationMs: 900, shrinkingMs: 300 } });
    expect(json.checks.find((check) => check.name === 'auth_enforced')!.failure!.shrinkMs).toBe(300);
  });

  it('say what the judged column counts: requests for most checks, whole cases for concurrent stops', () => {
    const text = renderText(result);
    expect(text).toMatch(/^ {2}check +judged +passed +failed {2}counting {2}status$/m);
    expect(text).toMatch(/^ {2}not_a_server_error +10 +10 +0 {2}requests {2}ok$/m);
    expect(text).toMatch(/^ {2}concurrent_stop_consistency +10 +10 +0 {2}cases {5}ok$/m);
    const json = JSON.parse(renderJson(result)) as { checks: Array<{ name: string; judgedUnit: string }> };
    expect(json.checks.find((check) => check.name === 'concurrent_stop_consistency')!.judgedUnit).toBe('cases');
    expect(json.checks.find((check) => check.name === 'no_hang')!.judgedUnit).toBe('requests');
  });

  it('quote the value that broke the schema at its pointer, with code points for non-ASCII characters', () => {
    const text = renderText(schemaBrokenResult({ id: SESSION, proxyCost: '١٢' }));
    expect(text).toContain('Received:   body/proxyCost = "١٢" (U+0661 U+0662) (and 1 more problem(s) below)');
    expect(text).toContain('- body/proxyCost = "١٢" (U+0661 U+0662): must match pattern');
    expect(text).toContain("- body: must have required property 'startedAt' (required)");
    const json = JSON.parse(renderJson(schemaBrokenResult({ id: SESSION, proxyCost: '12x' }))) as {
      checks: Array<{ failure: { received: string } | null }>;
    };
    expect(json.checks.find((check) => check.failure)!.failure!.received).toMatch(
      /^body\/proxyCost = "12x" \(and 1 more/,
    );
  });

  it('redact a quoted value before shortening it, so no part of an echoed key is left', () => {
    const echoed = schemaBrokenResult({
      id: SESSION,
      proxyCost: `${'x'.repeat(100)}${DISTINCTIVE_KEY}${'y'.repeat(100)}`,
    });
    const dir = mkdtempSync(join(tmpdir(), 'gate-report-'));
    const settings = config({
      'base-url': BASE,
      'api-key': DISTINCTIVE_KEY,
      json: join(dir, 'r.json'),
      junit: join(dir, 'j.xml'),
    });
    let stdout = '';
    const summary = join(dir, 'summary.md');
    writeReports(echoed, settings, redactorOf(settings), (text) => (stdout += text), {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(stdout).toMatch(/Received: {3}body\/proxyCost = "x{100}\[REDACTED\]y*…/);
    for (const output of [
      stdout,
      readFileSync(join(dir, 'r.json'), 'utf8'),
      readFileSync(join(dir, 'j.xml'), 'utf8'),
      readFileSync(summary, 'utf8'),
    ]) {
      expect(output).not.toContain(DISTINCTIVE_KEY.slice(0, 10));
    }
  });

  it('point to the JSON report for a shortened part only when --json was given, and name it', () => {
    // Many short fields: too long a response to print whole, though no single string is shortened.
    const long = brokenResult(
      JSON.stringify(
        Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`field${index}`, 'value'.repeat(4)])),
      ),
    );
    expect(renderText(long)).toMatch(/Response: .{600}…\[\d+ chars\]$/m);
    expect(renderText(long)).not.toMatch(/--json|JSON report/);
    expect(renderText(long, { jsonPath: 'reports/gate.json' })).toMatch(
      /…\[\d+ chars; the JSON report reports\/gate\.json has all of it\]/,
    );
  });

  it("keep JUnit suite names fixed, the seed and runs as properties, counts that are the suites' sums and the run's wall time", () => {
    const junit = renderJunit(result);
    expect([...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'pact verification',
      'fuzz',
    ]);
    expect(junit).toContain('<property name="seed" value="42"/>');
    expect(junit).toContain('<property name="runs" value="100"/>');
    const suites = [
      ...junit.matchAll(
        /<testsuite name="[^"]+" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)" time="([\d.]+)"/g,
      ),
    ];
    const totals =
      /<testsuites name="bu-contract verify" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)" time="([\d.]+)"/.exec(
        junit,
      )!;
    for (const index of [1, 2, 3]) {
      const sum = suites.reduce((total, suite) => total + Number(suite[index]), 0);
      expect(Number(totals[index])).toBeCloseTo(sum, 3);
    }
    // Pact and fuzzing run side by side: the run took 2.1 s, not their sum.
    expect(totals[4]).toBe('2.100');
    // Every test case has its time, and a suite's cases add up to the suite's (fuzz: 0.9 s + 0.3 s shrinking).
    const suiteBlocks = junit.split('<testsuite ').slice(1);
    expect(suites.map((suite) => suite[4])).toEqual(['1.200', '1.200']);
    for (const [index, block] of suiteBlocks.entries()) {
      const testcases = [...block.matchAll(/<testcase [^>]*>/g)].map((match) => match[0]);
      expect(testcases.length).toBeGreaterThan(0);
      const times = testcases.map((testcase) => Number(/ time="([\d.]+)"/.exec(testcase)?.[1]));
      expect(times.every((time) => Number.isFinite(time))).toBe(true);
      expect(times.reduce((sum, time) => sum + time, 0)).toBeCloseTo(Number(suites[index]![4]), 2);
    }
    // Its share of the 0.9 s of fuzzing (12 checks), and the 0.3 s spent shrinking its failure.
    expect(junit).toMatch(/<testcase classname="fuzz" name="auth_enforced" time="0\.375">/);
  });

  it('report each interaction of a skipped Pact verification as a skipped test case of its own', () => {
    const skipped: GateResult = { ...result, pact: { status: 'skipped', reason: 'not asked for (--skip-pact)' } };
    // Every pact under the folder, subfolders included (pacts/outside-the-spec/ too).
    const interactions = listPactFiles(PACTS_DIR).flatMap(
      (file) =>
        (JSON.parse(readFileSync(file, 'utf8')) as { interactions: Array<{ description: string }> }).interactions,
    );
    expect(interactions.length).toBeGreaterThan(1);
    const junit = renderJunit(skipped, { pactDir: PACTS_DIR });
    for (const { description } of interactions) {
      expect(junit).toContain(
        `<testcase classname="pact" name="${description}" time="0.000">\n      <skipped message="not asked for (--skip-pact)"/>`,
      );
    }
    expect(junit).toMatch(
      new RegExp(
        `<testsuite name="pact verification" tests="${interactions.length}" failures="0" errors="0" skipped="${interactions.length}"`,
      ),
    );
    // Without a readable pact folder: one skipped case for the whole verification, never a pass.
    expect(renderJunit(skipped, { pactDir: join(tmpdir(), 'no-such-pact-dir') })).toContain(
      '<testcase classname="pact" name="pact verification" time="0.000">\n      <skipped',
    );
  });

  it('say in words why a report path cannot be written: before the run, and if it goes bad during it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-report-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const under = join(file, 'gate.json');
    expect(() => config({ 'base-url': BASE, 'api-key': DISTINCTIVE_KEY, json: under })).toThrow(
      `--json: cannot write a report to ${under}: ${file} is a file, not a folder`,
    );
    expect(() => config({ 'base-url': BASE, 'api-key': DISTINCTIVE_KEY, junit: dir })).toThrow(
      `--junit: cannot write a report to ${dir}: that is a folder; give a file name`,
    );
    // A file that appears in the way while the gate runs: still a sentence, not a stack trace.
    const later = join(dir, 'later');
    const settings = config({ 'base-url': BASE, 'api-key': DISTINCTIVE_KEY, json: join(later, 'gate.json') });
    writeFileSync(later, 'x');
    expect(() => writeReports(result, settings, redactorOf(settings), () => {}, {})).toThrow(
      `cannot write the --json report to ${join(later, 'gate.json')}: ${later} is a file, not a folder (`,
    );
  });

  it('render JSON with the failure as data', () => {
    const json = JSON.parse(renderJson(result)) as {
      checks: Array<{ name: string; failure: { data: unknown; replay: string; curl: string[] } | null }>;
    };
    const failed = json.checks.find((check) => check.name === 'auth_enforced')!;
    expect(failed.failure!.data).toEqual({
      check: 'auth_enforced',
      code: 'unauthorised_request_accepted',
      exchange: 0,
      status: 200,
      credential: 'missing',
    });
    expect(failed.failure!.replay).toBe(
      `npx bu-contract verify --base-url ${BASE} --seed 42 --replay-path 7:1:0 --checks auth_enforced --skip-pact`,
    );
    expect(failed.failure!.curl).toHaveLength(2);
  });

  it('never print a key the provider echoed back', () => {
    const echoing = brokenResult(JSON.stringify({ detail: `key ${DISTINCTIVE_KEY} accepted`, id: SESSION }));
    const dir = mkdtempSync(join(tmpdir(), 'gate-report-'));
    const settings = config({
      'base-url': BASE,
      'api-key': DISTINCTIVE_KEY,
      junit: join(dir, 'j.xml'),
      json: join(dir, 'r.json'),
    });
    let stdout = '';
    writeReports(echoing, settings, redactorOf(settings), (text) => (stdout += text), {});
    for (const output of [
      stdout,
      readFileSync(join(dir, 'j.xml'), 'utf8'),
      readFileSync(join(dir, 'r.json'), 'utf8'),
    ]) {
      expect(output).toContain('key [REDACTED] accepted');
      expect(output).not.toContain(DISTINCTIVE_KEY);
    }
  });

  it("say in a passing run's step summary what the JSON report holds, by a path relative to the workspace", () => {
    const passing: GateResult = {
      ...result,
      exitCode: 0,
      checks: result.checks.map((check) => ({
        ...check,
        status: 'passed',
        passed: check.judged,
        failed: 0,
        failure: undefined,
      })),
    };
    // Under the workspace, so the path is relative; reports/ is not in a fresh clone until vitest writes it.
    mkdirSync(join(process.cwd(), 'reports'), { recursive: true });
    const dir = mkdtempSync(join(process.cwd(), 'reports', 'summary-'));
    try {
      const json = join(dir, 'gate.json');
      const summary = join(dir, 'summary.md');
      const settings = config({ 'base-url': BASE, 'api-key': DISTINCTIVE_KEY, json });
      writeReports(passing, settings, redactorOf(settings), () => {}, {
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
      });
      const written = readFileSync(summary, 'utf8');
      expect(written).toContain(
        `The JSON report \`${relative(process.cwd(), json)}\` holds the result as data: each check with its counts`,
      );
      expect(written).not.toContain(process.cwd());
      expect(written).not.toMatch(/every exchange/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A failing run's says what it adds for each failure.
    expect(summaryMarkdown(result, { jsonPath: 'reports/gate.json' })).toMatch(
      /holds the result as data: .*; and for each failure its shrunk case, the exchanges of that case/,
    );
  });

  it('reproduce a failure with the requests it needs: a server error on the request under test is one request', () => {
    const found = result.checks.find((check) => check.name === 'auth_enforced')!.failure!;
    const first = found.record.exchanges[0]!;
    // The stop was taken: the gate stopped the session again, then sent a control stop of another session.
    const record = {
      ...found.record,
      exchanges: [
        first,
        { ...first, role: 'repeat' as const, setup: undefined, pausedMs: 3 },
        { ...first, role: 'control' as const, pausedMs: 3 },
      ],
    };
    const serverError: GateResult = {
      ...result,
      checks: result.checks.map((check) =>
        check.name === 'not_a_server_error'
          ? {
              ...check,
              status: 'failed' as const,
              failed: 1,
              failure: {
                ...found,
                record,
                failure: {
                  check: 'not_a_server_error' as const,
                  code: 'server_error' as const,
                  exchange: 0,
                  status: 500,
                },
              },
            }
          : { ...check, status: 'passed' as const, failed: 0, failure: undefined },
      ),
    };
    const patches = (lines: readonly string[]) => lines.filter((line) => line.includes('-X PATCH'));
    expect(patches(curlReplay(record, BASE, `${BASE}/_pact/provider-states`, 5000))).toHaveLength(3);
    const json = JSON.parse(renderJson(serverError)) as { checks: Array<{ failure: { curl: string[] } | null }> };
    const curl = json.checks.find((check) => check.failure)!.failure!.curl;
    // The state it needs, and the one request: not the repeat and the control that came after it.
    expect(curl).toHaveLength(2);
    expect(curl[0]).toMatch(/^curl -sS --max-time 5 -X POST .*provider-states/);
    expect(patches(curl)).toHaveLength(1);
    expect(patches(renderText(serverError).split('\n'))).toHaveLength(1);
    // A failure on a later request keeps what came before it.
    expect(
      patches(curlReplay(record, BASE, `${BASE}/_pact/provider-states`, 5000, { failingExchange: 1 })),
    ).toHaveLength(2);
  });
});
