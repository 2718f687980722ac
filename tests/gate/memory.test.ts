/**
 * A provider whose answer never ends (a stream of bytes as fast as the socket takes them): the gate cuts
 * each answer off at GATE_MAX_RESPONSE_BYTES, fails not_a_server_error naming the cap, and its memory stays
 * bounded. The peak is read from the kernel (VmHWM of the gate's process), so it is Linux only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEndlessProvider } from '../../fixtures/planted/throttling.ts';
import { DISTINCTIVE_KEY, spawnVerify } from './helpers.ts';

/** The most memory the process has held so far (its resident set's high-water mark), in MB; undefined once it is gone. */
function peakMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

describe.runIf(existsSync('/proc/self/status'))('a provider that never stops sending', () => {
  it('is cut off at the cap and fails not_a_server_error (exit 1), the gate staying under 500 MB', async () => {
    const provider = await startEndlessProvider();
    try {
      const run = spawnVerify(['--base-url', provider.url, '--skip-pact', '--runs', '40', '--workers', '16'], {
        BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      });
      let peak = 0;
      let done = false;
      const finished = run.finished.finally(() => (done = true));
      while (!done) {
        peak = Math.max(peak, peakMb(run.child.pid!) ?? 0);
        await sleep(50);
      }
      const { code, stdout } = await finished;
      console.log(
        `peak memory of the gate: ${peak.toFixed(0)} MB; the provider sent ${(provider.sent() / 2 ** 20).toFixed(0)} MiB`,
      );
      expect(code).toBe(1);
      expect(stdout).toMatch(/^Result: CONTRACT BROKEN: not_a_server_error/m);
      expect(stdout).toMatch(/not_a_server_error: Response body too large/);
      expect(stdout).toMatch(/GATE_MAX_RESPONSE_BYTES/);
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThan(500);
    } finally {
      await provider.close();
    }
  });
});
