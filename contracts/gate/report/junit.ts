/**
 * JUnit XML for CI: one suite for Pact verification (a test case per interaction) and one for the fuzzing
 * (a test case per check), with failures carrying the same words as the text report.
 */
import type { GateResult } from '../runner.ts';
import { failureBlock } from './text.ts';

/** XML text: markup escaped, and characters XML 1.0 cannot hold (NUL, most controls, lone surrogates) shown as U+FFFD. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function suite(name: string, cases: string[], counts: { tests: number; failures: number; skipped: number }, ms: number): string {
  return [
    `  <testsuite name="${xml(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" time="${(ms / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(result: GateResult): string {
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, skipped: 0 };
  const { pact } = result;
  if (pact.status === 'skipped') {
    suites.push(suite('pact verification', [`    <testcase classname="pact" name="pact verification">\n      <skipped message="${xml(pact.reason)}"/>\n    </testcase>`], { tests: 1, failures: 0, skipped: 1 }, 0));
    totals.tests += 1;
    totals.skipped += 1;
  } else if (pact.status !== 'elsewhere') { // another shard than the first verifies no pacts: shard 1's report has that suite
    const cases = pact.interactions.map((interaction) => {
      const open = `    <testcase classname="pact" name="${xml(interaction.description)}">`;
      if (interaction.passed) return `${open}</testcase>`;
      const text = interaction.mismatches.join('\n');
      return `${open}\n      <failure message="${xml(interaction.mismatches[0] ?? 'failed')}" type="pact">${xml(text)}</failure>\n    </testcase>`;
    });
    const failures = pact.interactions.filter((interaction) => !interaction.passed).length;
    suites.push(suite('pact verification', cases, { tests: cases.length, failures, skipped: 0 }, pact.durationMs));
    totals.tests += cases.length;
    totals.failures += failures;
  }
  const checkCases = result.checks.map((check) => {
    const open = `    <testcase classname="fuzz" name="${xml(check.name)}">`;
    const counts = `judged ${check.judged}, passed ${check.passed}, failed ${check.failed}`;
    if (check.status === 'skipped') return `${open}\n      <skipped message="${xml(check.note ?? 'skipped')}"/>\n    </testcase>`;
    if (check.status === 'passed') return `${open}\n      <system-out>${xml(counts + (check.note ? `; ${check.note}` : ''))}</system-out>\n    </testcase>`;
    const block = failureBlock(result, check);
    return `${open}\n      <failure message="${xml(block[0] ?? check.name)}" type="${xml(check.name)}">${xml([counts, ...block].join('\n'))}</failure>\n    </testcase>`;
  });
  const failed = result.checks.filter((check) => check.status === 'failed').length;
  const skipped = result.checks.filter((check) => check.status === 'skipped').length;
  suites.push(suite(`fuzz (seed ${result.seed}, ${result.runs} runs)`, checkCases, { tests: checkCases.length, failures: failed, skipped }, result.fuzz.durationMs));
  totals.tests += checkCases.length;
  totals.failures += failed;
  totals.skipped += skipped;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bu-contract verify" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
