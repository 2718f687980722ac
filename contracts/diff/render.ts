/** The one wording of a diff report: text for people (breaking first, then safe, then notes), JSON for tools. */
import { renderPactFinding } from '../pacts/check-against-spec.ts';
import type { Finding, Severity } from './finding.ts';
import type { PactCheck, SchemaCheck, SchemaDisagreement } from './holds-against-new.ts';
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

/** Characters of common text kept before the first difference, so the change is seen in its context. */
const CONTEXT_BEFORE = 30;

/**
 * OLD and NEW, each cut to the same window around where they first differ: two long values that share
 * their start would otherwise both be cut before the change, and read the same.
 */
function shownPair(oldValue: unknown, newValue: unknown): [string, string] {
  if (oldValue === undefined || newValue === undefined) return [shown(oldValue), shown(newValue)];
  const [oldText, newText] = [JSON.stringify(oldValue), JSON.stringify(newValue)];
  if (oldText.length <= MAX_VALUE_WIDTH && newText.length <= MAX_VALUE_WIDTH) return [oldText, newText];
  let first = 0;
  while (first < oldText.length && first < newText.length && oldText[first] === newText[first]) first += 1;
  const start = Math.max(0, first - CONTEXT_BEFORE);
  const window = (text: string): string => {
    const end = start + MAX_VALUE_WIDTH - (start > 0 ? 2 : 1);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${text.length > end ? '…' : ''}`;
  };
  return [window(oldText), window(newText)];
}

function renderFinding(finding: Finding): string[] {
  const [oldShown, newShown] = shownPair(finding.old.value, finding.new.value);
  return [
    `  - ${finding.rule} at ${finding.where}`,
    `    ${finding.message}`,
    `    OLD #${finding.old.pointer}  ${oldShown}`,
    `    NEW #${finding.new.pointer}  ${newShown}`,
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
  if (report.pacts) lines.push('', ...renderPactCheck(report.pacts));
  else lines.push('', 'Pacts and zod schemas not checked against NEW (--no-pacts)');
  if (report.schemas) lines.push('', ...renderSchemaCheck(report.schemas));
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

function renderPactCheck({ dir, bundled, files, findings }: PactCheck): string[] {
  const source = bundled ? `the pacts bundled with bu-contract (${dir})` : `the pacts in ${dir}`;
  return [
    `Pacts read: ${source}: ${files.length === 0 ? 'no pact files' : files.join(', ')}`,
    findings.length === 0 ? '  every one holds against NEW' : `  that no longer hold against NEW (${findings.length})`,
    ...findings.map((finding) => `  - ${renderPactFinding(finding)}`),
  ];
}

function renderSchemaCheck({ disagreements, checked, mirrored, skipped, seed }: SchemaCheck): string[] {
  // Components NEW keeps exactly as the spec zod mirrors: the suite's drift tests already hold zod to them.
  const unchanged =
    mirrored.length === 0
      ? []
      : [`  not drawn again, the same in NEW as in the spec zod mirrors (${mirrored.length}): ${mirrored.join(', ')}`];
  const harmful = disagreements.filter((disagreement) => disagreement.breaksClients);
  const harmless = disagreements.filter((disagreement) => !disagreement.breaksClients);
  const lines = [
    harmful.length === 0
      ? `zod schemas: ${checked.length} hold against NEW: no value drawn (seed ${seed}) shows one breaking a client`
      : `zod schemas that disagree with NEW in a way that breaks clients (${harmful.length}; seed ${seed})`,
  ];
  if (disagreements.length > 0) {
    lines.push(
      '  (a response schema breaks clients when zod refuses what NEW allows; a request schema, when zod allows what NEW refuses)',
    );
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
  if (harmless.length > 0)
    lines.push(`  Notes: disagreements that break no client (${harmless.length})`, ...harmless.flatMap(render));
  lines.push(...unchanged, ...skipped.map(({ component, reason }) => `  not compared: ${component}: ${reason}`));
  return lines;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Every count that can decide the exit code is on the last line: the diff's, and (unless --no-pacts) the pacts' and zod's. */
function summaryLine(report: ContractReport): string {
  const { breaking, safe, notes } = report.summary;
  const harmfulZod = report.schemas?.disagreements.filter((disagreement) => disagreement.breaksClients).length;
  const counts = [
    `${breaking} breaking, ${safe} safe, ${plural(notes, 'note', 'notes')}`,
    ...(report.pacts ? [plural(report.pacts.findings.length, 'pact finding', 'pact findings')] : []),
    ...(harmfulZod === undefined
      ? []
      : [plural(harmfulZod, 'zod disagreement that breaks clients', 'zod disagreements that break clients')]),
  ].join('; ');
  const problems = [
    report.pacts && report.pacts.findings.length > 0 ? 'pacts that no longer hold' : '',
    report.schemas && report.schemas.disagreements.some((disagreement) => disagreement.breaksClients)
      ? 'zod schemas that break clients'
      : '',
  ].filter(Boolean);
  const verdict =
    report.exitCode === 0
      ? 'NEW does not break existing clients'
      : breaking > 0
        ? 'NEW breaks existing clients'
        : `NEW leaves ${problems.join(' and ')}`;
  return `${counts}: ${verdict} (exit ${report.exitCode})`;
}

export function renderJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2);
}
