/**
 * The report people read: the provider and seed, the Pact section, a table of checks (judged, passed,
 * failed), and for each failure the check, the shrunk case, received vs documented, how to replay it
 * with the gate, and the curl lines that replay it by hand.
 */
import { GATE_DEFAULT_TIMEOUT_MS, PROVIDER_STATES_PATH } from '../config.ts';
import { GATE_ENV } from '../gate/config.ts';
import type { CheckResult, GateResult } from '../gate/result.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { ReportContext } from './context.ts';
import { curlReplay, KEY_PLACEHOLDER } from './curl.ts';
import { describeFailure } from './describe.ts';
import { builtInNotice, costLine, resultSummary } from './outcome.ts';
import { abbreviate, exchangeSummary, judgedUnit } from './present.ts';

/** Long enough to show what went wrong, short enough to read: the JSON report has the rest. */
const MAX_SHOWN = 600;

/** Points to the JSON report only when there is one: a hint to a file nobody asked for sends readers nowhere. */
function clip(text: string, context: ReportContext): string {
  if (text.length <= MAX_SHOWN) return text;
  return `${text.slice(0, MAX_SHOWN)}…[${text.length} chars${context.jsonPath === undefined ? '' : `; the JSON report ${context.jsonPath} has all of it`}]`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the run left on the provider: `sessions set up N, torn down N`. */
export function sessionsLine(result: GateResult): string {
  const { setUp, tornDown } = result.cost.sessions;
  return `sessions set up ${setUp}, torn down ${tornDown}`;
}

/** The gate command that replays one failure: same provider, same seed, its path, only its check. */
export function replayCommand(result: GateResult, check: CheckResult): string | undefined {
  const found = check.failure;
  if (!found || found.seed === undefined || found.path === undefined) return undefined;
  const provider = result.provider.builtIn ? [] : [`--base-url ${result.provider.baseUrl}`];
  if (!result.provider.builtIn && result.provider.statesUrl !== result.provider.baseUrl + PROVIDER_STATES_PATH) {
    provider.push(`--states-url ${result.provider.statesUrl}`);
  }
  // The same timeout, so a hang replays as a hang; --skip-pact, so a replay runs that one case and nothing else.
  const timeout = result.timeoutMs === GATE_DEFAULT_TIMEOUT_MS ? [] : [`--timeout-ms ${result.timeoutMs}`];
  return [
    'npx bu-contract verify',
    ...provider,
    `--seed ${found.seed}`,
    `--replay-path ${found.path}`,
    `--checks ${check.name}`,
    ...timeout,
    '--skip-pact',
  ].join(' ');
}

export function failureBlock(result: GateResult, check: CheckResult, context: ReportContext = {}): string[] {
  const found = check.failure;
  if (!found) return [];
  const failing = found.record.exchanges[found.failure.exchange]!;
  const words = describeFailure(found.failure, failing.body);
  const summary = exchangeSummary(failing);
  const replay = replayCommand(result, check);
  const lines = [
    `${check.name}: ${words.title}`,
    `  Received:   ${words.received}`,
    `  Documented: ${words.documented}`,
    ...words.details.map((detail) => `    - ${detail}`),
    `  Case${found.path === undefined ? ' (the --session-id session)' : ` (shrunk ${found.shrinks} time(s))`}: ${clip(JSON.stringify(abbreviate(found.record.case)), context)}`,
    `  Request ${found.failure.exchange + 1} of ${found.record.exchanges.length} (${failing.role}): ${clip(JSON.stringify(summary.request), context)}`,
    `  Response: ${clip(JSON.stringify(summary.response), context)}`,
  ];
  if (replay) lines.push(`  Replay: ${replay}`, `    (seed ${found.seed}, fast-check path ${found.path})`);
  lines.push(
    `  Reproduce with (${KEY_PLACEHOLDER} holding the key${result.provider.builtIn ? '; the built-in provider is gone after the run: `npm run serve` starts one' : ''}):`,
  );
  lines.push(
    ...curlReplay(found.record, result.provider.baseUrl, result.provider.statesUrl, result.timeoutMs, {
      failingExchange: found.failure.exchange,
    }).map((line) => `    ${line}`),
  );
  return lines;
}

function checkRow(check: CheckResult): string {
  const counts =
    check.status === 'skipped' && check.judged === 0
      ? `${'-'.padStart(7)} ${'-'.padStart(7)} ${'-'.padStart(7)}`
      : `${String(check.judged).padStart(7)} ${String(check.passed).padStart(7)} ${String(check.failed).padStart(7)}`;
  const status = check.status === 'passed' ? 'ok' : check.status.toUpperCase();
  return `  ${check.name.padEnd(28)} ${counts}  ${judgedUnit(check.name).padEnd(8)}  ${status}${check.note ? `  (${check.note})` : ''}`;
}

/** The run's wall-clock time, with Pact verification's and the fuzzing's beside it (they run side by side), then shrinking's. */
function timings(result: GateResult): string {
  const parts = [
    ...('durationMs' in result.pact ? [`Pact ${seconds(result.pact.durationMs)}`] : []),
    `fuzzing ${seconds(result.fuzz.durationMs)}`,
    ...(result.fuzz.shrinkingMs > 0 ? [`shrinking ${seconds(result.fuzz.shrinkingMs)}`] : []),
  ];
  return `${seconds(result.durationMs)} in all; ${parts.join(', ')}`;
}

export function renderText(result: GateResult, context: ReportContext = {}): string {
  const { provider, pact } = result;
  const notice = builtInNotice(result);
  const lines = [
    ...(notice === undefined ? [] : [notice]),
    `bu-contract verify: PATCH /sessions/{session_id} (Update Session)   ${TOOL_NAME} ${TOOL_VERSION}`,
    `  provider  ${provider.baseUrl}${provider.builtIn ? ' (built-in reference provider)' : ''}`,
    `  states    ${provider.sessions === 'states' ? provider.statesUrl : `unavailable: ${provider.statesNote ?? ''}`}`,
    `  seed      ${result.seed} (--seed / ${GATE_ENV.seed})   runs ${result.runs} (--runs / ${GATE_ENV.runs})   timeout ${result.timeoutMs} ms`,
    '',
  ];
  if (pact.status === 'skipped') {
    lines.push(`Pact verification: SKIPPED (${pact.reason})`);
  } else if (pact.status === 'elsewhere') {
    lines.push(`Pact verification: ${pact.reason}`);
  } else {
    lines.push(
      `Pact verification: ${pact.status === 'passed' ? 'passed' : 'FAILED'} (${pact.interactions.length} interaction${pact.interactions.length === 1 ? '' : 's'}, ${seconds(pact.durationMs)})`,
    );
    for (const interaction of pact.interactions) {
      lines.push(
        `  ${interaction.passed ? 'ok    ' : 'FAILED'} ${interaction.description}${interaction.states.length ? ` [given ${interaction.states.join(', ')}]` : ''}`,
        `           from ${interaction.pact}`,
      );
      lines.push(
        ...interaction.mismatches.flatMap((mismatch) => {
          const label = interaction.beyondSpec?.find((labelled) => labelled.mismatch === mismatch)?.label;
          return label ? [`           - ${mismatch}`, `             (${label})`] : [`           - ${mismatch}`];
        }),
      );
    }
  }
  const { fuzz, transport } = result;
  lines.push(
    '',
    `Property-based fuzzing: ${fuzz.cases} cases, ${fuzz.requests} requests, ${seconds(fuzz.durationMs)}; ${fuzz.workers} worker(s)${fuzz.shard ? `, shard ${fuzz.shard}` : ''}; throttled ${transport.throttled} (${seconds(transport.throttledMs)} waiting)`,
  );
  if (result.fuzz.stoppedEarly) lines.push(`  (${result.fuzz.stoppedEarly})`);
  lines.push(`  cost: ${costLine(result)}`);
  lines.push(`  ${sessionsLine(result)}`);
  // The counts are of requests for most checks, of whole cases for a few: the column says which.
  lines.push(
    `  ${'check'.padEnd(28)} ${'judged'.padStart(7)} ${'passed'.padStart(7)} ${'failed'.padStart(7)}  ${'counting'.padEnd(8)}  status`,
  );
  lines.push(...result.checks.map(checkRow));
  const failed = result.checks.filter((check) => check.status === 'failed');
  failed.forEach((check, index) =>
    lines.push('', `FAILURE ${index + 1} of ${failed.length}: ${failureBlock(result, check, context).join('\n')}`),
  );
  lines.push('', `Result: ${resultSummary(result)} (${timings(result)}; exit ${result.exitCode})`);
  return `${lines.join('\n')}\n`;
}
