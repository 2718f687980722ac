/**
 * Turns the pattern changes the schema walk set aside into findings: decided by finite automata where both
 * patterns are regular languages (pattern-automata.ts), and by search only where they are not
 * (pattern-search.ts). Every finding says which one decided.
 */
import type { Collector, PatternChange } from './collector.ts';
import { consequence, severityOf, type Finding } from './finding.ts';
import { decidePatterns } from './pattern-automata.ts';
import { comparePatterns, type PatternSearchOptions, type PatternVerdict } from './pattern-search.ts';

/** A verdict and what reached it: a proof by automata, or a search (with why the automata could not). */
export type JudgedPatterns =
  | (PatternVerdict & { readonly decidedBy: 'automata' })
  | (PatternVerdict & { readonly decidedBy: 'search'; readonly undecidedBecause: string });

export function judgePatternPair(
  oldPattern: string,
  newPattern: string,
  options: PatternSearchOptions,
): JudgedPatterns {
  const proven = decidePatterns(oldPattern, newPattern);
  if (!('undecided' in proven)) return { ...proven, tried: 0, decidedBy: 'automata' };
  return {
    ...comparePatterns(oldPattern, newPattern, options),
    decidedBy: 'search',
    undecidedBecause: proven.undecided,
  };
}

export function judgePatterns(out: Collector, options: PatternSearchOptions): void {
  // One pattern is often used in several places: judge each pair once.
  const verdicts = new Map<string, JudgedPatterns>();
  for (const change of out.patterns) {
    const [oldPattern, newPattern] = patternsOf(change);
    const key = JSON.stringify([oldPattern, newPattern]);
    const verdict = verdicts.get(key) ?? judgePatternPair(oldPattern, newPattern, options);
    verdicts.set(key, verdict);
    out.withinErrorBody(change.errorStatus, () => out.add(findingFor(change, verdict, options)));
  }
}

/** The two patterns to compare: as written, or what a swapped format amounts to. */
function patternsOf(change: PatternChange): [string, string] {
  return change.swap ? [change.swap.old.pattern, change.swap.new.pattern] : [change.old.value, change.new.value];
}

/** How the verdict was reached, for the end of a finding's first part. */
function howDecided(verdict: JudgedPatterns, options: PatternSearchOptions): string {
  if (verdict.decidedBy === 'automata') return 'decided by finite automata';
  const budget = verdict.budgetSpent ? ', the search budget ran out' : '';
  return `decided by search, since the automata cannot (${verdict.undecidedBecause}): ${verdict.tried} strings searched with seed ${options.seed}${budget}`;
}

function findingFor(change: PatternChange, verdict: JudgedPatterns, options: PatternSearchOptions): Finding {
  const how = howDecided(verdict, options);
  const text = change.swap
    ? `${change.swap.old.shown} → ${change.swap.new.shown}`
    : `pattern ${change.old.value} → ${change.new.value}`;
  const common = {
    where: change.where,
    old: { pointer: change.old.pointer, value: change.old.value },
    new: { pointer: change.new.pointer, value: change.new.value },
    decidedBy: verdict.decidedBy,
  };
  if (verdict.outcome === 'equivalent' && verdict.decidedBy === 'automata') {
    return {
      ...common,
      rule: `${change.side}-pattern-equivalent`,
      severity: 'safe',
      message: `${text} (${how}); both accept exactly the same strings, proven, so no client sees a difference`,
    };
  }
  if (verdict.outcome === 'equivalent') {
    // Finding no difference is not proof of none: such a change counts as breaking.
    return {
      ...common,
      rule: `${change.side}-pattern-unproven`,
      severity: 'breaking',
      message: `${text} (${how}), none accepted by one and rejected by the other; but a search cannot prove the two equal, so it counts as breaking until someone checks it`,
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
    message: `${text}: ${shown} (${how}); ${consequence(change.side, verdict.outcome)}`,
    witnesses: {
      ...(verdict.oldOnly === undefined ? {} : { oldOnly: verdict.oldOnly }),
      ...(verdict.newOnly === undefined ? {} : { newOnly: verdict.newOnly }),
    },
  };
}
