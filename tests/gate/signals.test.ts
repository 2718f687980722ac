/**
 * SIGTERM / SIGINT to `bu-contract verify` (the one process Docker and CI runners signal): it stops
 * everything it started, Pact's child process included, says "interrupted" once, writes its partial JUnit
 * and JSON reports marked interrupted, and exits 143 / 130. Counted with `ps`: no process of the run is
 * left 10 s after the signal.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, spawnVerify } from './helpers.ts';

/** Every process below `root` (children, their children, …), with its command line, from one `ps` listing. */
function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
    });
  const found: Array<{ pid: number; args: string }> = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of rows) {
      if (row.ppid === parent && !found.some((known) => known.pid === row.pid)) {
        found.push({ pid: row.pid, args: row.args });
        queue.push(row.pid);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (condition()) return true;
    await sleep(100);
  }
  return condition();
}

describe('a signal to bu-contract verify', () => {
  it('SIGTERM during Pact verification: kills Pact’s child, one "interrupted" line, partial reports, exit 143, nothing left', async () => {
    // Far enough away that Pact verification is still running when the signal comes.
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, latencyMs: 150 });
    const dir = mkdtempSync(join(tmpdir(), 'bu-contract-signals-'));
    try {
      const run = spawnVerify(
        ['--base-url', provider.url, '--json', join(dir, 'report.json'), '--junit', join(dir, 'report.xml')],
        { BROWSER_USE_API_KEY: DISTINCTIVE_KEY },
      );
      const gate = run.child.pid!;
      // Pact verification runs in a child process of the gate: wait until it is there.
      const pactChild = () => descendants(gate).some((child) => child.args.includes('verify-provider.child'));
      expect(await until(pactChild, 30_000)).toBe(true);
      await sleep(300);
      expect(pactChild()).toBe(true);
      const started = [gate, ...descendants(gate).map((child) => child.pid)];
      run.child.kill('SIGTERM');
      const { code, stderr, stdout } = await run.finished;
      expect(code).toBe(143);
      expect(stderr.split('\n').filter((line) => /interrupted/i.test(line))).toEqual([
        expect.stringMatching(/^bu-contract verify: interrupted by SIGTERM: stopping everything it started/),
      ]);
      expect(stdout).toMatch(/^Result: INTERRUPTED by SIGTERM/m);
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
      expect(json).toMatchObject({ result: 'interrupted', interrupted: 'SIGTERM', exitCode: 143 });
      const junit = readFileSync(join(dir, 'report.xml'), 'utf8');
      expect(junit).toMatch(/<property name="interrupted" value="SIGTERM"\/>/);
      expect(junit).toMatch(/<error message="interrupted by SIGTERM/);
      expect(await until(() => started.every((pid) => !alive(pid)), 10_000)).toBe(true);
    } finally {
      await provider.close();
    }
  });

  it('SIGINT during fuzzing: exit 130, the partial report says so, nothing left', async () => {
    // Far enough away that the run lasts past its first progress line (every 5 s without a terminal).
    const provider = await startReferenceProvider({ apiKey: DISTINCTIVE_KEY, latencyMs: 100 });
    const dir = mkdtempSync(join(tmpdir(), 'bu-contract-signals-'));
    try {
      const run = spawnVerify(['--base-url', provider.url, '--skip-pact', '--json', join(dir, 'report.json')], {
        BROWSER_USE_API_KEY: DISTINCTIVE_KEY,
      });
      // The fuzzing is under way once its progress shows (the seed is the report's, on stdout).
      expect(await until(() => /^fuzzing: \d+\/\d+ cases/m.test(run.stderrSoFar()), 30_000)).toBe(true);
      const started = [run.child.pid!, ...descendants(run.child.pid!).map((child) => child.pid)];
      run.child.kill('SIGINT');
      const { code, stderr } = await run.finished;
      expect(code).toBe(130);
      expect(stderr.split('\n').filter((line) => /interrupted/i.test(line))).toHaveLength(1);
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
        result: string;
        interrupted: string;
        fuzz: { cases: number; stoppedEarly: string };
      };
      expect(json).toMatchObject({ result: 'interrupted', interrupted: 'SIGINT' });
      expect(json.fuzz.cases).toBeLessThan(400);
      expect(json.fuzz.stoppedEarly).toMatch(/interrupted by SIGINT/);
      expect(await until(() => started.every((pid) => !alive(pid)), 10_000)).toBe(true);
    } finally {
      await provider.close();
    }
  });
});
