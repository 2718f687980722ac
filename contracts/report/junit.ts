/**
 * JUnit XML for CI: one suite for Pact verification (a test case per interaction) and one for the fuzzing
 * (a test case per check), with failures carrying the same words as the text report.
 *
 * Suite names are fixed, so a CI's test history lines up run after run; the seed, the runs and the tool's
 * version travel as properties. The counts at the top are the sums of the suites; its time is the run's
 * wall-clock time (Pact and fuzzing run side by side, so their times do not add up to it).
 *
 * Each test case has a time that adds up to its suite's: the Pact verifier reports no time per interaction,
 * so each has an even share of the verification; the cases a fuzzing run sends are judged by every check
 * at once, so each check judged has an even share of that, plus the time shrinking its own failure took.
 */
import type { CheckResult } from '../gate/result.ts';
import { TOOL_VERSION } from '../version.ts';
import type { GateResult } from '../gate/result.ts';
import type { ReportContext } from './context.ts';
import { pactInteractionNames } from './pact-interactions.ts';
import { judgedUnit } from './present.ts';
import { failureBlock } from './text.ts';

/** XML text: markup escaped, and characters XML 1.0 cannot hold (NUL, most controls, lone surrogates) shown as U+FFFD. */
function xml(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

interface Suite extends Counts {
  /** Test cases in error (not a failed check: the run itself, interrupted). */
  readonly errors?: number;
  readonly name: string;
  readonly ms: number;
  readonly cases: readonly string[];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function properties(result: GateResult): string[] {
  const entries: Array<[string, string]> = [
    ['toolVersion', TOOL_VERSION],
    ['seed', String(result.seed)],
    ['runs', String(result.runs)],
    ...(result.replayPath === undefined ? [] : [['replayPath', result.replayPath] as [string, string]]),
    ...(result.fuzz.shard === undefined ? [] : [['shard', result.fuzz.shard] as [string, string]]),
    ['provider', result.provider.baseUrl],
    ['sessionsSetUp', String(result.cost.sessions.setUp)],
    ['sessionsTornDown', String(result.cost.sessions.tornDown)],
    ['wallClockSeconds', seconds(result.durationMs)],
    ['requests', String(result.cost.requests.total)],
    ['peakRps', String(result.cost.peakRps)],
    ...(result.interrupted === undefined ? [] : [['interrupted', result.interrupted] as [string, string]]),
  ];
  return [
    '    <properties>',
    ...entries.map(([name, value]) => `      <property name="${xml(name)}" value="${xml(value)}"/>`),
    '    </properties>',
  ];
}

function renderSuite(suite: Suite, props: readonly string[]): string {
  return [
    `  <testsuite name="${xml(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors ?? 0}" skipped="${suite.skipped}" time="${seconds(suite.ms)}">`,
    ...props,
    ...suite.cases,
    '  </testsuite>',
  ].join('\n');
}

function skippedCase(classname: string, name: string, reason: string): string {
  return `    <testcase classname="${classname}" name="${xml(name)}" time="0.000">\n      <skipped message="${xml(reason)}"/>\n    </testcase>`;
}

/** Undefined in a shard other than the first: Pact verification is shard 1's, and so is its suite. */
function pactSuite(result: GateResult, context: ReportContext): Suite | undefined {
  const { pact } = result;
  if (pact.status === 'elsewhere') return undefined;
  if (pact.status === 'skipped') {
    const names = context.pactDir === undefined ? undefined : pactInteractionNames(context.pactDir);
    const cases =
      names !== undefined && names.length > 0
        ? names.map((interaction) => skippedCase('pact', interaction.description, pact.reason))
        : [skippedCase('pact', 'pact verification', pact.reason)];
    return { name: 'pact verification', tests: cases.length, failures: 0, skipped: cases.length, ms: 0, cases };
  }
  const share = pact.interactions.length === 0 ? 0 : pact.durationMs / pact.interactions.length;
  const cases = pact.interactions.map((interaction) => {
    // file: the pact it came from (its path, or the URL it was fetched from).
    const open = `    <testcase classname="pact" name="${xml(interaction.description)}" file="${xml(interaction.pact)}" time="${seconds(share)}">`;
    if (interaction.passed) return `${open}</testcase>`;
    const text = interaction.mismatches.join('\n');
    return `${open}\n      <failure message="${xml(interaction.mismatches[0] ?? 'failed')}" type="pact">${xml(text)}</failure>\n    </testcase>`;
  });
  const failures = pact.interactions.filter((interaction) => !interaction.passed).length;
  return { name: 'pact verification', tests: cases.length, failures, skipped: 0, ms: pact.durationMs, cases };
}

/** A check's share of the cases every check judged, and its own shrinking; nothing for a check that judged nothing. */
function checkMs(result: GateResult, check: CheckResult): number {
  const judging = result.checks.filter((each) => each.status !== 'skipped').length;
  if (check.status === 'skipped' || judging === 0) return 0;
  return result.fuzz.durationMs / judging + (check.failure?.shrinkMs ?? 0);
}

function fuzzSuite(result: GateResult, context: ReportContext): Suite {
  const cases = result.checks.map((check) => {
    const open = `    <testcase classname="fuzz" name="${xml(check.name)}" time="${seconds(checkMs(result, check))}">`;
    const counts = `judged ${check.judged} ${judgedUnit(check.name)}, passed ${check.passed}, failed ${check.failed}`;
    if (check.status === 'skipped')
      return `${open}\n      <skipped message="${xml(check.note ?? 'skipped')}"/>\n    </testcase>`;
    if (check.status === 'passed')
      return `${open}\n      <system-out>${xml(counts + (check.note ? `; ${check.note}` : ''))}</system-out>\n    </testcase>`;
    const block = failureBlock(result, check, context);
    return `${open}\n      <failure message="${xml(block[0] ?? check.name)}" type="${xml(check.name)}">${xml([counts, ...block].join('\n'))}</failure>\n    </testcase>`;
  });
  return {
    name: 'fuzz',
    tests: cases.length,
    failures: result.checks.filter((check) => check.status === 'failed').length,
    skipped: result.checks.filter((check) => check.status === 'skipped').length,
    ms: result.fuzz.durationMs + result.fuzz.shrinkingMs,
    cases,
  };
}

/** A run stopped by a signal: one test case in error, so no CI reads the partial suites as a pass. */
function interruptedSuite(result: GateResult): Suite | undefined {
  if (result.interrupted === undefined) return undefined;
  const message = `interrupted by ${result.interrupted}: the run is partial, no verdict (exit ${result.exitCode})`;
  const cases = [
    `    <testcase classname="run" name="interrupted">\n      <error message="${xml(message)}" type="interrupted"/>\n    </testcase>`,
  ];
  return { name: 'run', tests: 1, failures: 0, errors: 1, skipped: 0, ms: 0, cases };
}

export function renderJunit(result: GateResult, context: ReportContext = {}): string {
  const suites = [pactSuite(result, context), fuzzSuite(result, context), interruptedSuite(result)].filter(
    (suite) => suite !== undefined,
  );
  const total = (key: keyof Counts): number => suites.reduce((sum, suite) => sum + suite[key], 0);
  const props = properties(result);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bu-contract verify${result.provider.builtIn ? ' (BUILT-IN REFERENCE PROVIDER, not yours)' : ''}" tests="${total('tests')}" failures="${total('failures')}" errors="${suites.reduce((sum, suite) => sum + (suite.errors ?? 0), 0)}" skipped="${total('skipped')}" time="${seconds(result.durationMs)}">`,
    ...suites.map((suite) => renderSuite(suite, props)),
    '</testsuites>',
    '',
  ].join('\n');
}
