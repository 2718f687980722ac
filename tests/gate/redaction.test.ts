/**
 * A provider that echoes the key back must not get it into any report, not even cut off: the reports
 * shorten long strings (abbreviate, clip), so provider text is redacted as it arrives, before that.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../contracts/gate/report/write.ts';
import { API_KEY_HEADER } from '../../contracts/validator.ts';
import { createReferenceProvider } from '../../fixtures/provider/reference-provider.ts';
import { jsonResponse } from '../../fixtures/provider/json-response.ts';
import type { ProviderHandler } from '../../fixtures/provider/types.ts';
import { DISTINCTIVE_KEY, config, failedChecks, gateAgainst } from './helpers.ts';

/**
 * ~5 KB holding the key and its upper-cased form at many offsets; the first copy starts 66 characters in,
 * so a report keeping a string's first 80 characters would cut it 14 characters into the key.
 */
const ECHO = 'x'.repeat(66) + Array.from({ length: 100 }, (_, index) => `${DISTINCTIVE_KEY} ${'.'.repeat(index % 17)}${DISTINCTIVE_KEY.toUpperCase()} `).join('');

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
    } catch { /* not JSON: the reference provider answers it */ }
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
    writeReports(result, config({ 'api-key': DISTINCTIVE_KEY, 'base-url': result.provider.baseUrl, ...files }), (text) => (stdout += text));
    const outputs = [stdout, readFileSync(files.json, 'utf8'), readFileSync(files.junit, 'utf8')];
    for (const output of outputs) expect(output.toLowerCase()).not.toContain(DISTINCTIVE_KEY.slice(0, 10).toLowerCase());
    expect(stdout).toContain('[REDACTED]');
  });
});
