/** Progress on stderr: a live line on a terminal, a plain line every few seconds in CI; and the gate reports it. */
import { describe, expect, it } from 'vitest';
import { GATE_PROGRESS_LOG_EVERY_MS } from '../../contracts/config.ts';
import { progressLine, progressReporter, type ProgressSnapshot } from '../../contracts/gate/progress.ts';
import { createReferenceProvider } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, gateAgainst } from './helpers.ts';

function snapshot(done: number, total = 10): ProgressSnapshot {
  return { done, total, requests: done * 2, failing: done > 5 ? 1 : 0, elapsedMs: 1000, throttled: 3 };
}

describe('progress', () => {
  it('says cases done of total, requests per second, failing checks and throttled requests', () => {
    expect(progressLine(snapshot(4))).toBe('fuzzing: 4/10 cases, 8 requests/s, 0 check(s) failing, 3 throttled');
  });

  it('without a terminal: one plain line every few seconds, and the last one at the end', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = progressReporter({ write: (text) => written.push(text), live: false, now: () => clock });
    for (let done = 1; done <= 9; done++) {
      clock += GATE_PROGRESS_LOG_EVERY_MS / 4;
      progress.update(snapshot(done));
    }
    progress.end();
    expect(written).toEqual([
      `${progressLine(snapshot(4))}\n`,
      `${progressLine(snapshot(8))}\n`,
      `${progressLine(snapshot(9))}\n`,
    ]);
  });

  it('on a terminal: one line redrawn in place with \\r, ended with a newline', () => {
    let clock = 0;
    const written: string[] = [];
    const progress = progressReporter({ write: (text) => written.push(text), live: true, now: () => clock });
    for (let done = 1; done <= 10; done++) {
      clock += 1000;
      progress.update(snapshot(done));
    }
    progress.end();
    expect(written).toHaveLength(11);
    expect(written.slice(0, 10).every((text) => text.startsWith('\rfuzzing: ') && !text.includes('\n'))).toBe(true);
    expect(written[10]).toBe('\n');
  });

  it('is reported by the gate after every case, up to every case of the run', async () => {
    const seen: ProgressSnapshot[] = [];
    const { handler } = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const result = await gateAgainst(handler, { runs: '30' }, { progress: (shot) => seen.push(shot) });
    // 30 runs, and the few later cases the stratified draw adds (gate/fuzz/strata.ts).
    const cases = result.fuzz.cases;
    expect(cases).toBeGreaterThanOrEqual(30);
    expect(seen.map((shot) => shot.done)).toEqual(Array.from({ length: cases }, (_, index) => index + 1));
    expect(seen.every((shot) => shot.total === cases && shot.throttled === 0)).toBe(true);
  });
});
