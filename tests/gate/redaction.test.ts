/**
 * Checks judge the provider's bytes as received; the key is taken out on the way out. A provider that
 * echoes the key back must not get it into any report, not even cut off (the reports shorten long
 * strings), and a key that happens to appear in a judged value (a one-letter key is in every `tasks`)
 * must change no verdict.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../contracts/report/write.ts';
import { redactorOf } from '../../contracts/gate/config.ts';
import type { GateResult } from '../../contracts/gate/result.ts';
import { isObject } from '../../contracts/spec.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import { createReferenceProvider } from '../../provider/reference-provider.ts';
import { jsonResponse } from '../../provider/json-response.ts';
import type { ProviderHandler } from '../../provider/types.ts';
import { DISTINCTIVE_KEY, config, failedChecks, gateAgainst } from './helpers.ts';

/**
 * ~5 KB holding the key and its upper-cased form at many offsets; the first copy starts 66 characters in,
 * so a report keeping a string's first 80 characters would cut it 14 characters into the key.
 */
const ECHO =
  'x'.repeat(66) +
  Array.from(
    { length: 100 },
    (_, index) => `${DISTINCTIVE_KEY} ${'.'.repeat(index % 17)}${DISTINCTIVE_KEY.toUpperCase()} `,
  ).join('');

/**
 * Answers every 401 with the echo, and refuses (401) a valid stop that has a property beside "action",
 * so positive_data_acceptance fails and the report shows that response.
 */
const echoingProvider: ProviderHandler = (() => {
  const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler;
  return async (request) => {
    let extra = false;
    try {
      const body: unknown = JSON.parse(request.body.toString('utf8'));
      extra = typeof body === 'object' && body !== null && Object.keys(body).length > 1;
    } catch {
      /* not JSON: the reference provider answers it */
    }
    const echo = jsonResponse(401, { detail: ECHO }, { 'x-echo': DISTINCTIVE_KEY });
    if (extra && request.headers[API_KEY_HEADER] === DISTINCTIVE_KEY) return echo;
    const response = await reference(request);
    return response.status === 401 ? echo : response;
  };
})();

describe('redaction before shortening', () => {
  it('keeps every part of an echoed key out of stdout, --json and --junit', async () => {
    expect(ECHO.length).toBeGreaterThan(5000);
    const result = await gateAgainst(echoingProvider, { runs: '100' });
    expect(failedChecks(result)).toContain('positive_data_acceptance');
    const dir = mkdtempSync(join(tmpdir(), 'gate-redaction-'));
    const files = { json: join(dir, 'gate.json'), junit: join(dir, 'gate.xml') };
    let stdout = '';
    const settings = config({ 'api-key': DISTINCTIVE_KEY, 'base-url': result.provider.baseUrl, ...files });
    writeReports(result, settings, redactorOf(settings), (text) => (stdout += text));
    const outputs = [stdout, readFileSync(files.json, 'utf8'), readFileSync(files.junit, 'utf8')];
    for (const output of outputs)
      expect(output.toLowerCase()).not.toContain(DISTINCTIVE_KEY.slice(0, 10).toLowerCase());
    expect(stdout).toContain('[REDACTED]');
  });
});

/** Every output the gate writes for `result`: stdout, --json and --junit. */
function outputsOf(result: GateResult, apiKey: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'gate-redaction-'));
  const files = { json: join(dir, 'gate.json'), junit: join(dir, 'gate.xml') };
  let stdout = '';
  const settings = config({ 'api-key': apiKey, 'base-url': result.provider.baseUrl, ...files });
  writeReports(result, settings, redactorOf(settings), (text) => (stdout += text));
  return [stdout, readFileSync(files.json, 'utf8'), readFileSync(files.junit, 'utf8')];
}

/** The reference provider, with `edit` applied to the body of every 200 it sends. */
function editingOk(apiKey: string, edit: (body: Record<string, unknown>) => Record<string, unknown>): ProviderHandler {
  const reference = createReferenceProvider({ apiKey }).handler;
  return async (request) => {
    const response = await reference(request);
    if (response.status !== 200 || !request.url.startsWith('/sessions/')) return response;
    const body: unknown = JSON.parse(response.body);
    return isObject(body) ? { ...response, body: JSON.stringify(edit(body)) } : response;
  };
}

/** The key standing alone: what a one-letter key looks like when it leaks (`"k"`, `key: k`). */
const standalone = (key: string) => new RegExp(`(?<![\\p{L}\\p{N}])${key}(?![\\p{L}\\p{N}])`, 'iu');

describe('judge what was received', () => {
  it('a one-letter key changes no verdict (every "k" in "tasks" stays a "k") and is printed nowhere', async () => {
    const key = 'k';
    const held = await gateAgainst(createReferenceProvider({ apiKey: key }).handler, { 'api-key': key, runs: '100' });
    expect(failedChecks(held)).toEqual([]);
    // The same key echoed as a task's text, and a schema fault, so the report shows a body with the key in it.
    const faulty = await gateAgainst(
      editingOk(key, (body) => ({ ...body, proxyCost: 'k' })),
      { 'api-key': key, runs: '60' },
    );
    expect(failedChecks(faulty)).toEqual(['response_schema_conformance']);
    const outputs = outputsOf(faulty, key);
    for (const output of outputs) expect(output).not.toMatch(standalone(key));
    expect(outputs[1]).toContain('"proxyCost": "[REDACTED]"');
    expect(outputs[1]).toContain('"tasks"');
  });

  it('a key echoed into a response field changes no verdict and is printed nowhere', async () => {
    const echoed = editingOk(DISTINCTIVE_KEY, (body) => ({
      ...body,
      echo: DISTINCTIVE_KEY,
      llmKey: DISTINCTIVE_KEY.toUpperCase(),
    }));
    const held = await gateAgainst(echoed, { runs: '100' });
    expect(failedChecks(held)).toEqual([]);
    expect(held.exitCode).toBe(0);
    const faulty = await gateAgainst(
      editingOk(DISTINCTIVE_KEY, (body) => ({ ...body, proxyCost: DISTINCTIVE_KEY })),
      { runs: '60' },
    );
    expect(failedChecks(faulty)).toEqual(['response_schema_conformance']);
    const outputs = outputsOf(faulty, DISTINCTIVE_KEY);
    for (const output of outputs)
      expect(output.toLowerCase()).not.toContain(DISTINCTIVE_KEY.slice(0, 10).toLowerCase());
    // The JSON report holds the whole body: the echoed value is there, redacted.
    expect(outputs[1]).toContain('"proxyCost": "[REDACTED]"');
  });
});
