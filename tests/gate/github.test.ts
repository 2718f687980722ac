/**
 * The gate on GitHub Actions: with GITHUB_ACTIONS=true a failed check becomes an `::error` annotation
 * naming it, a skip a `::warning`, and the step summary names the failure with received vs documented and
 * its curl; messages are escaped as workflow commands require, and no key reaches any of it. And the
 * composite action passes its inputs to the script through `env:` only.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VERIFY_FLAGS } from '../../contracts/gate/options.ts';
import { escapeData, escapeProperty, workflowCommand } from '../../contracts/report/github.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { createReferenceProvider, serveHandler, startReferenceProvider } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, verifyCli as verify } from './helpers.ts';

const ACTION = fileURLToPath(new URL('../../action.yml', import.meta.url));
describe('workflow-command escaping', () => {
  it('keeps a message on one line and a property inside its property', () => {
    expect(escapeData('100% done\r\n::error::x')).toBe('100%25 done%0D%0A::error::x');
    expect(escapeProperty('Pact: a, b\nc%')).toBe('Pact%3A a%2C b%0Ac%25');
    expect(workflowCommand('error', 'a: b, c', 'line 1\nline 2')).toBe('::error title=a%3A b%2C c::line 1%0Aline 2');
  });
});

describe('bu-contract verify with GITHUB_ACTIONS=true', () => {
  it('annotates each failed check and each failed Pact interaction, warns of skips, and writes a summary, all without the key', async () => {
    // proxyCost "1e5": response_schema_conformance fails, and the pacts' decimal matcher refuses it too.
    const bug = plantedBug('exponent-decimal');
    const server = await serveHandler(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {});
    const summary = join(mkdtempSync(join(tmpdir(), 'gate-github-')), 'summary.md');
    const { code, stdout, stderr } = await verify(
      [
        '--base-url',
        server.url,
        '--runs',
        '60',
        '--checks',
        'response_schema_conformance,stop_idempotence,auth_enforced',
      ],
      { BROWSER_USE_API_KEY: DISTINCTIVE_KEY, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    );
    await server.close();

    expect(code).toBe(1);
    const errors = stdout.split('\n').filter((line) => line.startsWith('::error '));
    expect(
      errors.some((line) =>
        line.startsWith(
          '::error title=response_schema_conformance::Response body violates the 200 schema: received body/proxyCost = "1e5"',
        ),
      ),
    ).toBe(true);
    const pactErrors = errors.filter((line) => line.startsWith('::error title=Pact%3A '));
    expect(pactErrors.length).toBeGreaterThan(0);
    // In words: what was received and what the pact expects, not only the core's "Expected '1e5' to match".
    expect(
      pactErrors.every((line) => line.includes('$.proxyCost: received "1e5"; the pact expects a string matching /')),
    ).toBe(true);
    expect(errors).toHaveLength(1 + pactErrors.length);
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## bu-contract verify: CONTRACT BROKEN: response_schema_conformance, Pact verification/);
    expect(text).toContain('| `response_schema_conformance` |');
    expect(text).toMatch(/### Failure 1 of 1: `response_schema_conformance`/);
    expect(text).toMatch(/- \*\*Received:\*\* `body\/proxyCost = "1e5"/);
    expect(text).toMatch(/- \*\*Documented:\*\* `the spec's 200 response schema`/);
    expect(text).toMatch(/curl -sS -i --max-time \S+ -X PATCH/);
    for (const output of [stdout, stderr, text]) expect(output).not.toContain(DISTINCTIVE_KEY);
  });

  it('warns of each skipped part, and passes a good provider with no error', async () => {
    const server = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const summary = join(mkdtempSync(join(tmpdir(), 'gate-github-')), 'summary.md');
    const { code, stdout } = await verify(['--base-url', server.url, '--runs', '20', '--skip-pact', '--allow-skips'], {
      BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    await server.close();
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^::error/m);
    expect(stdout).toMatch(/^::warning title=Pact verification skipped::not asked for \(--skip-pact\)$/m);
    expect(readFileSync(summary, 'utf8')).toContain('**Pact verification:** skipped');
  });

  it('writes no workflow commands when not on GitHub Actions', async () => {
    const server = await serveHandler(
      createPlantedBugProvider(plantedBug('exponent-decimal'), { apiKey: DISTINCTIVE_KEY }).handler,
      {},
    );
    const { code, stdout } = await verify(
      ['--base-url', server.url, '--runs', '20', '--skip-pact', '--checks', 'response_schema_conformance'],
      { BROWSER_USE_API_KEY: DISTINCTIVE_KEY },
    );
    await server.close();
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/^::/m);
  });
});

describe('a provider quoting workflow commands', () => {
  it('cannot annotate the run: the report quotes its values, and no line of it is a command', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler;
    const injected = 'x\n::error title=INJECTED::pwned\n::stop-commands::gate';
    const server = await serveHandler(async (request) => {
      const response = await reference(request);
      if (response.status !== 200 || !request.url.startsWith('/sessions/')) return response;
      return {
        ...response,
        body: JSON.stringify({ ...(JSON.parse(response.body) as object), status: injected, proxyCost: injected }),
      };
    }, {});
    const summary = join(mkdtempSync(join(tmpdir(), 'gate-github-')), 'summary.md');
    const { code, stdout } = await verify(['--base-url', server.url, '--runs', '40'], {
      BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    await server.close();
    expect(code).toBe(1);
    // Pact's mismatch sentences hold the provider's newlines: they reach stdout, but never as a command.
    expect(stdout).toMatch(/INJECTED/);
    expect(stdout).not.toMatch(/^\s*::(error title=INJECTED|stop-commands)/m);
    expect(stdout).toMatch(/^::error title=response_schema_conformance::/m);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(ACTION, 'utf8')) as {
    inputs: Record<string, { required?: boolean }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> };
  };

  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining([
        'base-url',
        'states-url',
        'api-key',
        'runs',
        'seed',
        'workers',
        'junit',
        'states-headers',
      ]),
    );
    expect(action.inputs['api-key']!.required).toBe(true);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['result', 'junit', 'json']));
  });

  it('hands every input to its script through env:, never as an expression inside run:', () => {
    const steps = action.runs.steps.filter((step) => step.run !== undefined);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.run).not.toMatch(/\$\{\{/);
    const passed = steps.flatMap(
      (step) =>
        Object.values(step.env ?? {})
          .join('\n')
          .match(/inputs\.[\w-]+/g) ?? [],
    );
    for (const input of Object.keys(action.inputs)) expect(passed).toContain(`inputs.${input}`);
    const env = steps.find((step) => step.id === 'verify')!.env!;
    expect(env['BROWSER_USE_API_KEY']).toBe('${{ inputs.api-key }}');
    expect(env['PROVIDER_STATES_HEADERS']).toBe('${{ inputs.states-headers }}');
  });

  it("passes each input that is a verify flag in that flag's variable, as the flag table names it", () => {
    const env = action.runs.steps.find((step) => step.id === 'verify')!.env!;
    const flags = VERIFY_FLAGS as Record<string, { env?: string }>;
    const checked = Object.entries(env).flatMap(([variable, value]) => {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
      // The action's inputs are plural where the flag repeats: states-headers is --states-header, one a line.
      const flag = input === undefined ? undefined : [input, input.replace(/s$/, '')].find((name) => flags[name]);
      const expected = flag === undefined ? undefined : flags[flag]!.env;
      return expected === undefined ? [] : [[variable, expected]];
    });
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const [variable, expected] of checked) expect(variable).toBe(expected);
  });
});
