/**
 * The result as GitHub Actions shows it: one `::error` annotation per failed check and per failed Pact
 * interaction, a `::warning` per part that was skipped, and a markdown summary (checks table, each failure
 * with received vs documented and the curl lines that replay it) appended to `$GITHUB_STEP_SUMMARY`.
 *
 * Every line goes through the same redactor as the other reports before it leaves.
 */
import { appendFileSync } from 'node:fs';
import type { Redactor } from '../redact.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { CheckResult, GateResult } from '../gate/result.ts';
import type { ReportContext } from './context.ts';
import { curlReplay } from './curl.ts';
import { describeFailure } from './describe.ts';
import { builtInNotice, costLine, resultSummary, skippedParts } from './outcome.ts';
import { judgedUnit } from './present.ts';
import { replayCommand, sessionsLine } from './text.ts';

export function onGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/** A workflow command's message: `%`, CR and LF encoded, so a message is one line and cannot start another command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as a message, and `:` and `,` too, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(command: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${command} title=${escapeProperty(title)}::${escapeData(message)}`;
}

function failedChecks(result: GateResult): CheckResult[] {
  return result.checks.filter((check) => check.status === 'failed');
}

/** `redact` runs on title and message before escaping, so an escaped form of a secret can't slip past it. */
export function annotations(result: GateResult, redact: Redactor = (text) => text): string[] {
  const lines: string[] = [];
  const command = (kind: 'error' | 'warning', title: string, message: string): number =>
    lines.push(workflowCommand(kind, redact(title), redact(message)));
  for (const check of failedChecks(result)) {
    const found = check.failure;
    if (!found) {
      command('error', check.name, `${check.failed} of ${check.judged} judged failed`);
      continue;
    }
    const words = describeFailure(found.failure, found.record.exchanges[found.failure.exchange]?.body);
    const replay = replayCommand(result, check);
    command(
      'error',
      check.name,
      `${words.title}: received ${words.received}; documented ${words.documented}${replay ? ` (replay: ${replay})` : ''}`,
    );
  }
  if (result.pact.status === 'failed') {
    for (const interaction of result.pact.interactions.filter((verdict) => !verdict.passed)) {
      const more = interaction.mismatches.length > 1 ? ` (and ${interaction.mismatches.length - 1} more)` : '';
      command(
        'error',
        `Pact: ${interaction.description}`,
        `${interaction.mismatches[0] ?? 'failed'}${more} (pact: ${interaction.pact})`,
      );
    }
  }
  for (const part of skippedParts(result)) command('warning', `${part.name} skipped`, part.reason);
  return lines;
}

/** Inline code that survives backticks in the text: the fence is longer than any run of them inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest > 0 ? ' ' : ''}${text.replace(/\n/g, ' ')}${longest > 0 ? ' ' : ''}${fence}`;
}

function codeBlock(lines: readonly string[]): string[] {
  const longest = Math.max(0, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((run) => run[0].length)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}sh`, ...lines, fence];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const STATUS = { passed: '✅ passed', failed: '❌ FAILED', skipped: '⚠️ skipped' } as const;

/** What the JSON report holds, as it is for this run: a passing run's has no exchanges to show. */
function jsonReportNote(path: string, failures: number): string {
  const holds = 'the result as data: each check with its counts and notes, the Pact verdicts, timings and throttling';
  return failures === 0
    ? `The JSON report ${code(path)} holds ${holds}.`
    : `The JSON report ${code(path)} holds ${holds}; and for each failure its shrunk case, the exchanges of that case (long strings shortened), its seed and path, and the curl lines above.`;
}

export function summaryMarkdown(result: GateResult, context: ReportContext = {}): string {
  const notice = builtInNotice(result);
  const lines = [
    `## bu-contract verify${notice === undefined ? '' : ` (${cell(notice)})`}: ${cell(resultSummary(result))}`,
    '',
    `${TOOL_NAME} ${TOOL_VERSION} · provider ${code(result.provider.baseUrl)} · seed ${result.seed} · ${result.runs} runs · ${sessionsLine(result)} · exit ${result.exitCode}`,
    '',
    `Cost to the provider: ${cell(costLine(result))}`,
    '',
  ];
  const { pact } = result;
  if (pact.status === 'skipped' || pact.status === 'elsewhere') {
    lines.push(
      `**Pact verification:** ${pact.status === 'skipped' ? 'skipped' : 'not here'} (${cell(pact.reason)})`,
      '',
    );
  } else {
    lines.push(`**Pact verification:** ${pact.status} (${pact.interactions.length} interactions)`, '');
    const failed = pact.interactions.filter((interaction) => !interaction.passed);
    if (failed.length > 0) {
      lines.push('| interaction | pact | what did not match |', '| --- | --- | --- |');
      lines.push(
        ...failed.map(
          (interaction) =>
            `| ${cell(interaction.description)} | ${cell(interaction.pact)} | ${interaction.mismatches.map((mismatch) => cell(code(mismatch))).join('<br>')} |`,
        ),
        '',
      );
    }
  }
  lines.push('| check | judged | passed | failed | counting | status |', '| --- | ---: | ---: | ---: | --- | --- |');
  lines.push(
    ...result.checks.map(
      (check) =>
        `| ${code(check.name)} | ${check.judged} | ${check.passed} | ${check.failed} | ${judgedUnit(check.name)} | ${STATUS[check.status]}${check.note ? ` (${cell(check.note)})` : ''} |`,
    ),
  );
  const failed = failedChecks(result);
  failed.forEach((check, index) => {
    const found = check.failure;
    if (!found) return;
    const words = describeFailure(found.failure, found.record.exchanges[found.failure.exchange]?.body);
    const replay = replayCommand(result, check);
    lines.push('', `### Failure ${index + 1} of ${failed.length}: ${code(check.name)}: ${cell(words.title)}`, '');
    lines.push(`- **Received:** ${code(words.received)}`, `- **Documented:** ${code(words.documented)}`);
    lines.push(...words.details.map((detail) => `  - ${code(detail)}`));
    if (replay) lines.push(`- **Replay** (seed ${found.seed}, path ${found.path}): ${code(replay)}`);
    lines.push('', `Reproduce with curl (\`$BROWSER_USE_API_KEY\` holding the key):`, '');
    lines.push(
      ...codeBlock(
        curlReplay(found.record, result.provider.baseUrl, result.provider.statesUrl, result.timeoutMs, {
          failingExchange: found.failure.exchange,
        }),
      ),
    );
  });
  if (context.jsonPath !== undefined) lines.push('', jsonReportNote(context.jsonPath, failed.length));
  return `${lines.join('\n')}\n`;
}

/**
 * Annotations on stdout (where the runner reads workflow commands), the summary appended to the step's
 * summary file. A summary that can't be written is a warning, not a reason to lose the verdict.
 */
export function githubReport(
  result: GateResult,
  context: ReportContext,
  redact: Redactor,
  env: NodeJS.ProcessEnv,
  stdout: (text: string) => void,
): void {
  const lines = annotations(result, redact);
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) {
    try {
      appendFileSync(summaryFile, redact(summaryMarkdown(result, context)));
    } catch (error) {
      lines.push(
        workflowCommand(
          'warning',
          'bu-contract',
          `cannot append the summary to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
        ),
      );
    }
  }
  if (lines.length > 0) stdout(`${lines.join('\n')}\n`);
}
