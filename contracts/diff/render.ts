/** The one wording of a diff report: text for people (breaking first, then safe, then notes), JSON for tools. */
import { renderPactFinding } from '../pacts/check-against-spec.ts';
import type { Finding, Severity } from './finding.ts';
import type { ContractReport } from './run.ts';

const GROUPS: ReadonlyArray<readonly [Severity, string]> = [
  ['breaking', 'Breaking'],
  ['safe', 'Safe'],
  ['note', 'Notes (documentation only)'],
];

const MAX_VALUE_WIDTH = 100;

function shown(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_WIDTH ? `${text.slice(0, MAX_VALUE_WIDTH - 1)}…` : text;
}

function renderFinding(finding: Finding): string[] {
  return [
    `  - ${finding.rule} at ${finding.where}`,
    `    ${finding.message}`,
    `    OLD #${finding.old.pointer}  ${shown(finding.old.value)}`,
    `    NEW #${finding.new.pointer}  ${shown(finding.new.value)}`,
  ];
}

export function renderText(report: ContractReport): string {
  const lines = [`${report.operation}: ${report.old} → ${report.new}`];
  for (const assumption of report.assumptions) lines.push(`(${assumption})`);
  if (report.findings.length === 0) lines.push('', 'No change to the operation or anything it references.');
  for (const [severity, title] of GROUPS) {
    const group = report.findings.filter((finding) => finding.severity === severity);
    if (group.length > 0) lines.push('', `${title} (${group.length})`, ...group.flatMap(renderFinding));
  }
  if (report.pacts) {
    const { dir, findings } = report.pacts;
    lines.push('', findings.length === 0 ? `Pacts in ${dir}: every one holds against NEW` : `Pacts in ${dir} that no longer hold against NEW (${findings.length})`);
    lines.push(...findings.map((finding) => `  - ${renderPactFinding(finding)}`));
  }
  if (report.schemas) {
    const { disagreements, checked, skipped, seed } = report.schemas;
    lines.push('', disagreements.length === 0
      ? `zod schemas: ${checked.length} agree with NEW on every value drawn (seed ${seed})`
      : `zod schemas that disagree with NEW (${disagreements.length}; seed ${seed})`);
    for (const disagreement of disagreements) {
      const [accepts, refuses] = disagreement.zodAccepts ? ['zod', 'NEW'] : ['NEW', 'zod'];
      lines.push(`  - ${disagreement.component}: ${accepts} accepts and ${refuses} refuses ${shown(disagreement.value)} (${disagreement.drawnAs})`);
      lines.push(...disagreement.reasons.map((reason) => `    ${reason}`));
    }
    lines.push(...skipped.map(({ component, reason }) => `  not compared: ${component}: ${reason}`));
  }
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

function summaryLine(report: ContractReport): string {
  const { breaking, safe, notes } = report.summary;
  const counts = `${breaking} breaking, ${safe} safe, ${notes} ${notes === 1 ? 'note' : 'notes'}`;
  const problems = [
    report.pacts && report.pacts.findings.length > 0 ? 'pacts that no longer hold' : '',
    report.schemas && report.schemas.disagreements.length > 0 ? 'zod schemas that disagree' : '',
  ].filter(Boolean);
  const verdict = report.exitCode === 0
    ? 'NEW does not break existing clients'
    : breaking > 0 ? 'NEW breaks existing clients' : `NEW leaves ${problems.join(' and ')}`;
  return `${counts}: ${verdict} (exit ${report.exitCode})`;
}

export function renderJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2);
}
