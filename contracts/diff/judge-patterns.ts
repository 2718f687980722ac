/** Turns the pattern changes the schema walk set aside into findings, by search (pattern-search.ts). */
import type { Collector, PatternChange } from './collector.ts';
import { consequence, severityOf, type Finding } from './finding.ts';
import { comparePatterns, type PatternSearchOptions, type PatternVerdict } from './pattern-search.ts';

export function judgePatterns(out: Collector, options: PatternSearchOptions): void {
  // One pattern is often used in several places: search each pair once.
  const verdicts = new Map<string, PatternVerdict>();
  for (const change of out.patterns) {
    const key = JSON.stringify([change.old.value, change.new.value]);
    const verdict = verdicts.get(key) ?? comparePatterns(change.old.value, change.new.value, options);
    verdicts.set(key, verdict);
    out.withinErrorBody(change.errorStatus, () => out.add(findingFor(change, verdict, options)));
  }
}

function findingFor(change: PatternChange, verdict: PatternVerdict, options: PatternSearchOptions): Finding {
  const searched = `${verdict.tried} strings searched with seed ${options.seed}${verdict.budgetSpent ? ' (the search budget ran out)' : ''}`;
  const text = `pattern ${change.old.value} → ${change.new.value}`;
  const common = {
    where: change.where,
    old: { pointer: change.old.pointer, value: change.old.value },
    new: { pointer: change.new.pointer, value: change.new.value },
  };
  if (verdict.outcome === 'equivalent') {
    // Finding no difference is not proof of none: the issue asks for such a change to count as breaking.
    return {
      ...common,
      rule: `${change.side}-pattern-unproven`,
      severity: 'breaking',
      message: `${text}; ${searched}, none accepted by one and rejected by the other — but a search cannot prove the two equal, so it counts as breaking until someone checks it`,
    };
  }
  if (verdict.outcome === 'unjudged') {
    return {
      ...common,
      rule: `${change.side}-pattern-unjudged`,
      severity: 'breaking',
      message: `${text}; cannot be compared: ${verdict.reason ?? 'unknown'}, so it counts as breaking`,
    };
  }
  const shown = [
    verdict.newOnly === undefined ? '' : `NEW accepts ${JSON.stringify(verdict.newOnly)}, OLD does not`,
    verdict.oldOnly === undefined ? '' : `OLD accepts ${JSON.stringify(verdict.oldOnly)}, NEW does not`,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    ...common,
    rule: `${change.side}-pattern-${verdict.outcome}`,
    severity: severityOf(change.side, verdict.outcome),
    message: `${text}: ${shown} (${searched}); ${consequence(change.side, verdict.outcome)}`,
    witnesses: {
      ...(verdict.oldOnly === undefined ? {} : { oldOnly: verdict.oldOnly }),
      ...(verdict.newOnly === undefined ? {} : { newOnly: verdict.newOnly }),
    },
  };
}
