/** The one wording of a diff report: text for people (breaking first, then safe, then notes), JSON for tools. */
import { renderPactFinding } from '../pacts/check-against-spec.ts';
import type { Finding, Severity } from './finding.ts';
import type { SchemaCheck, SchemaDisagreement } from './holds-against-new.ts';
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
  if (report.schemas) lines.push('', ...renderSchemaCheck(report.schemas));
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

function renderSchemaCheck({ disagreements, checked, skipped, seed }: SchemaCheck): string[] {
  const harmful = disagreements.filter((disagreement) => disagreement.breaksClients);
  const harmless = disagreements.filter((disagreement) => !disagreement.breaksClients);
  const lines = [harmful.length === 0
    ? `zod schemas: ${checked.length} hold against NEW: no value drawn (seed ${seed}) shows one breaking a client`
    : `zod schemas that disagree with NEW in a way that breaks clients (${harmful.length}; seed ${seed})`];
  if (disagreements.length > 0) {
    lines.push('  (a response schema breaks clients when zod refuses what NEW allows; a request schema, when zod allows what NEW refuses)');
  }
  const render = (disagreement: SchemaDisagreement) => {
    const [accepts, refuses] = disagreement.zodAccepts ? ['zod', 'NEW'] : ['NEW', 'zod'];
    return [
      `  - ${disagreement.component}: ${accepts} accepts and ${refuses} refuses ${shown(disagreement.value)} (${disagreement.drawnAs})`,
      `    ${disagreement.impact}`,
      ...disagreement.reasons.map((reason) => `    ${reason}`),
    ];
  };
  lines.push(...harmful.flatMap(render));
  if (harmless.length > 0) lines.push(`  Notes: disagreements that break no client (${harmless.length})`, ...harmless.flatMap(render));
  lines.push(...skipped.map(({ component, reason }) => `  not compared: ${component}: ${reason}`));
  return lines;
}

function summaryLine(report: ContractReport): string {
  const { breaking, safe, notes } = report.summary;
  const counts = `${breaking} breaking, ${safe} safe, ${notes} ${notes === 1 ? 'note' : 'notes'}`;
  const problems = [
    report.pacts && report.pacts.findings.length > 0 ? 'pacts that no longer hold' : '',
    report.schemas && report.schemas.disagreements.some((disagreement) => disagreement.breaksClients) ? 'zod schemas that break clients' : '',
  ].filter(Boolean);
  const verdict = report.exitCode === 0
    ? 'NEW does not break existing clients'
    : breaking > 0 ? 'NEW breaks existing clients' : `NEW leaves ${problems.join(' and ')}`;
  return `${counts}: ${verdict} (exit ${report.exitCode})`;
}

export function renderJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2);
}
