/**
 * Where the comparers put what they find. It maps every pointer back into the files as written (with the
 * value there), drops the repeats a shared component causes (one change, reached from two places), holds
 * pattern changes for judge-patterns.ts to decide after the walk, and lists what a file left unsaid.
 */
import type { SpecDocument } from './documents.ts';
import {
  asErrorBodyChange,
  consequence,
  place,
  severityOf,
  type Direction,
  type Finding,
  type Place,
  type Side,
} from './finding.ts';
import { pointerGet } from './pointers.ts';
import type { Keyword } from './schema-model.ts';

/** Two different patterns at one spot: judged after the walk (judge-patterns.ts), since text says nothing about meaning. */
export interface PatternChange {
  readonly side: Side;
  readonly where: string;
  readonly old: Keyword<string>;
  readonly new: Keyword<string>;
  /** The error status whose body holds the pattern, if any (see `withinErrorBody`). */
  readonly errorStatus?: string;
  /**
   * A format swapped for a pattern, or back: each side as written (`format uuid`, `pattern ^…$`) and as
   * the pattern it amounts to (the format's own, REGULAR_FORMATS). Absent: two patterns.
   */
  readonly swap?: {
    readonly old: { readonly shown: string; readonly pattern: string };
    readonly new: { readonly shown: string; readonly pattern: string };
  };
}

/**
 * A place as the report shows it: its pointer into the file as written and, when a comparer gave no
 * value, whatever the document holds there (a removed property shows what it was). A place for the side
 * where something is absent points where it would be, so it holds nothing and reads "(absent)".
 */
function located(at: Place, document: SpecDocument): Place {
  const value = 'value' in at ? at.value : pointerGet(document.spec.document, at.pointer);
  return place(document.original(at.pointer), value);
}

/** Where a comparer is: whose values these are, and a human path to the spot. */
export interface Scope {
  readonly side: Side;
  readonly where: string;
  /** The pairs of schema places (OLD, NEW) the walk is inside, to see a recursive schema come round again. */
  readonly walk?: readonly string[];
}

export class Collector {
  private readonly found: Finding[] = [];
  private readonly seen = new Set<string>();
  private readonly assumed = new Set<string>();
  private errorStatus: string | undefined;
  readonly patterns: PatternChange[] = [];

  constructor(
    private readonly oldDocument: SpecDocument,
    private readonly newDocument: SpecDocument,
  ) {}

  add(found: Finding): void {
    const finding = this.errorStatus === undefined ? found : asErrorBodyChange(found, this.errorStatus);
    const mapped: Finding = {
      ...finding,
      old: located(finding.old, this.oldDocument),
      new: located(finding.new, this.newDocument),
    };
    const key = JSON.stringify([mapped.rule, mapped.old.pointer, mapped.new.pointer, mapped.message]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push(mapped);
  }

  /**
   * Runs `compare` inside the body of an error response (`status`; undefined: a success body), where every
   * change but documentation breaks clients (finding.ts `asErrorBodyChange`).
   */
  withinErrorBody(status: string | undefined, compare: () => void): void {
    const outer = this.errorStatus;
    this.errorStatus = status;
    try {
      compare();
    } finally {
      this.errorStatus = outer;
    }
  }

  /** Two different patterns at one spot, to be judged once the walk is done. */
  pattern(change: PatternChange): void {
    this.patterns.push(this.errorStatus === undefined ? change : { ...change, errorStatus: this.errorStatus });
  }

  /** A change whose severity follows from which way it moves the allowed values, and whose values they are. */
  directional(scope: Scope, rule: string, direction: Direction, old: Place, next: Place, what: string): void {
    this.add({
      rule: `${scope.side}-${rule}`,
      severity: severityOf(scope.side, direction),
      where: scope.where,
      old,
      new: next,
      message: `${what}; ${consequence(scope.side, direction)}`,
    });
  }

  /** A documentation-only change: listed, never breaking. */
  note(where: string, rule: string, old: Place, next: Place, what: string): void {
    this.add({ rule, severity: 'note', where, old, new: next, message: `${what} (documentation only)` });
  }

  /** Something a file left unsaid that the comparison had to take for granted: the report lists it. */
  assume(text: string): void {
    this.assumed.add(text);
  }

  assumptions(): string[] {
    return [...this.assumed];
  }

  findings(): Finding[] {
    return [...this.found];
  }
}
