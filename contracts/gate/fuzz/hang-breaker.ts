import { GATE_HANG_BREAKER } from '../../config.ts';
import type { CaseRecord } from '../../model/record.ts';
import { failureOf, type Judged } from './judge.ts';

/** What the run keeps of a case once it has been judged. */
export interface Executed {
  /** Kept only for a case that broke a check: a passing case (with bodies of up to megabytes) is not needed again. */
  readonly record: CaseRecord | undefined;
  readonly judged: Judged;
  readonly requests: number;
  readonly timeouts: number;
}

/**
 * Decides, by index and never by arrival, where the hang breaker cuts the run: walking the cases in index
 * order, once no_hang has failed, the case at which GATE_HANG_BREAKER more requests have timed out is the
 * last one counted. Cases after it are not started, and any already run are left out of every count.
 */
export class HangBreaker {
  private next = 0;
  private hangFailed = false;
  private timeoutsAfter = 0;
  /** Position (in the run's indices) of the last case counted, once the breaker has tripped. */
  cutAt: number | undefined;

  constructor(
    private readonly indices: readonly number[],
    private readonly executed: ReadonlyMap<number, Executed>,
  ) {}

  advance(): void {
    while (this.cutAt === undefined && this.next < this.indices.length) {
      const entry = this.executed.get(this.indices[this.next]!);
      if (!entry) return;
      if (this.hangFailed) this.timeoutsAfter += entry.timeouts;
      if (failureOf(entry.judged.get('no_hang'))) this.hangFailed = true;
      if (this.hangFailed && this.timeoutsAfter >= GATE_HANG_BREAKER) this.cutAt = this.next;
      this.next++;
    }
  }

  admits(index: number): boolean {
    return this.cutAt === undefined || index <= this.indices[this.cutAt]!;
  }
}
