/**
 * The machine-readable report: the same result, with each failure as its data (the check's typed
 * failure record), its words, the shrunk case, every exchange of it, and the replay lines.
 */
import type { GateResult } from '../gate/result.ts';
import { curlReplay } from './curl.ts';
import { describeFailure } from './describe.ts';
import { builtInNotice, resultKind, resultSummary, skippedParts } from './outcome.ts';
import { abbreviate, exchangeSummary, judgedUnit } from './present.ts';
import { replayCommand } from './text.ts';
import { TOOL_VERSION } from '../version.ts';

/**
 * Bumped when a field changes its meaning (a new field does not bump it). 2: fuzz.durationMs no longer
 * includes shrinking, which has fuzz.shrinkingMs of its own. Reports without the field are version 1.
 */
export const REPORT_VERSION = 2;

export function renderJson(result: GateResult): string {
  const checks = result.checks.map((check) => {
    const found = check.failure;
    return {
      name: check.name,
      summary: check.summary,
      status: check.status,
      judged: check.judged,
      /** What judged, passed and failed count. */
      judgedUnit: judgedUnit(check.name),
      passed: check.passed,
      failed: check.failed,
      note: check.note ?? null,
      failure: found
        ? {
            ...describeFailure(found.failure, found.record.exchanges[found.failure.exchange]?.body),
            data: abbreviate(found.failure),
            case: abbreviate(found.record.case),
            exchanges: found.record.exchanges.map(exchangeSummary),
            seed: found.seed ?? null,
            path: found.path ?? null,
            shrinks: found.shrinks,
            shrinkMs: found.shrinkMs ?? null,
            replay: replayCommand(result, check) ?? null,
            curl: curlReplay(found.record, result.provider.baseUrl, result.provider.statesUrl, result.timeoutMs, {
              failingExchange: found.failure.exchange,
            }),
          }
        : null,
    };
  });
  const notice = builtInNotice(result);
  const report = {
    // First, so it is the first thing anyone (or any tool) reading the file meets.
    ...(notice === undefined ? {} : { notice }),
    tool: 'bu-contract verify',
    reportVersion: REPORT_VERSION,
    toolVersion: TOOL_VERSION,
    operation: 'PATCH /sessions/{session_id}',
    result: resultKind(result),
    exitCode: result.exitCode,
    interrupted: result.interrupted ?? null,
    summary: resultSummary(result),
    /** Never counted as held: what did not run, and why. */
    skipped: skippedParts(result),
    provider: result.provider,
    seed: result.seed,
    runs: result.runs,
    replayPath: result.replayPath ?? null,
    timeoutMs: result.timeoutMs,
    durationMs: result.durationMs,
    pact: result.pact,
    fuzz: result.fuzz,
    transport: result.transport,
    cost: result.cost,
    checks,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
