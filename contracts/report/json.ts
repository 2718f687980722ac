/**
 * The machine-readable report: the same result, with each failure as its data (the check's typed
 * failure record), its words, the shrunk case, every exchange of it, and the replay lines.
 */
import type { GateResult } from '../gate/result.ts';
import { curlReplay } from './curl.ts';
import { describeFailure } from './describe.ts';
import { resultKind, resultSummary, skippedParts } from './outcome.ts';
import { abbreviate, exchangeSummary } from './present.ts';
import { replayCommand } from './text.ts';
import { TOOL_VERSION } from '../version.ts';

export function renderJson(result: GateResult): string {
  const checks = result.checks.map((check) => {
    const found = check.failure;
    return {
      name: check.name,
      summary: check.summary,
      status: check.status,
      judged: check.judged,
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
            replay: replayCommand(result, check) ?? null,
            curl: curlReplay(found.record, result.provider.baseUrl, result.provider.statesUrl, result.timeoutMs),
          }
        : null,
    };
  });
  const report = {
    tool: 'bu-contract verify',
    toolVersion: TOOL_VERSION,
    operation: 'PATCH /sessions/{session_id}',
    result: resultKind(result),
    exitCode: result.exitCode,
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
    cost: result.cost,
    transport: result.transport,
    checks,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
