/**
 * Progress of the fuzzing on stderr, so the report on stdout stays as it is: on a terminal one live line
 * redrawn in place; without one (CI logs) a plain line every few seconds, so a log is not flooded.
 */
import { GATE_PROGRESS_REDRAW_MS, GATE_PROGRESS_LOG_EVERY_MS } from '../config.ts';
import type { FuzzProgress } from './fuzz/types.ts';

export interface ProgressSnapshot extends FuzzProgress {
  /** Since the fuzzing started. */
  readonly elapsedMs: number;
  /** Requests the provider throttled so far (429, or 503 with Retry-After). */
  readonly throttled: number;
}

export function progressLine(snapshot: ProgressSnapshot): string {
  const rate = snapshot.elapsedMs > 0 ? (snapshot.requests * 1000) / snapshot.elapsedMs : 0;
  return `fuzzing: ${snapshot.done}/${snapshot.total} cases, ${rate.toFixed(0)} requests/s, ${snapshot.failing} check(s) failing, ${snapshot.throttled} throttled`;
}

export interface ProgressOutput {
  readonly write: (text: string) => void;
  /** A terminal: the line is redrawn in place. */
  readonly live: boolean;
  /** Clock in ms; injectable so the pacing is tested without waiting. */
  readonly now?: () => number;
}

export interface ProgressReporter {
  readonly update: (snapshot: ProgressSnapshot) => void;
  /** Prints the last snapshot (if any) and ends the live line, so what follows starts on a line of its own. */
  readonly end: () => void;
}

export function progressReporter(output: ProgressOutput): ProgressReporter {
  const now = output.now ?? (() => performance.now());
  const every = output.live ? GATE_PROGRESS_REDRAW_MS : GATE_PROGRESS_LOG_EVERY_MS;
  let shownAt = now();
  let last: ProgressSnapshot | undefined;
  let shownLast = true;
  let width = 0;
  const show = (snapshot: ProgressSnapshot) => {
    const line = progressLine(snapshot);
    if (output.live) {
      // Padded over the previous line: a shorter line must not leave the end of a longer one behind.
      output.write(`\r${line.padEnd(width)}`);
      width = line.length;
    } else {
      output.write(`${line}\n`);
    }
    shownLast = true;
  };
  return {
    update(snapshot) {
      last = snapshot;
      shownLast = false;
      if (now() - shownAt < every && snapshot.done < snapshot.total) return;
      shownAt = now();
      show(snapshot);
    },
    end() {
      if (last && !shownLast) show(last);
      if (output.live && width > 0) output.write('\n');
      width = 0;
    },
  };
}
