/**
 * Whatever goes wrong, no error leaves `verify` holding the key: not only usage problems, but any error
 * (a bug in the suite, a library's message quoting what it was given), whose class is kept so the exit
 * code main.ts gives it does not change.
 */
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../contracts/errors.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

const thrown = vi.hoisted(() => ({ error: new Error('unset') as unknown }));
vi.mock('../../contracts/gate/runner.ts', () => ({ runGate: () => Promise.reject(thrown.error) }));
const { run } = await import('../../contracts/cli/verify.ts');

async function failure(error: unknown): Promise<unknown> {
  thrown.error = error;
  return run(['--base-url', 'http://127.0.0.1:9', '--api-key', DISTINCTIVE_KEY, '--skip-pact']).then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('verify redacts every error it lets out', () => {
  it('an unexpected error: message and stack redacted, still not a UsageError', async () => {
    const caught = await failure(
      new TypeError(`cannot read ${DISTINCTIVE_KEY.toUpperCase()} from {"key":"${DISTINCTIVE_KEY}"}`),
    );
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(UsageError);
    expect((caught as Error).name).toBe('TypeError');
    expect((caught as Error).message).toContain('[REDACTED]');
    expect(`${(caught as Error).message}\n${(caught as Error).stack}`.toLowerCase()).not.toContain(DISTINCTIVE_KEY);
  });

  it('a usage error: redacted, exit code kept', async () => {
    const caught = await failure(new UsageError(`refused ${DISTINCTIVE_KEY}`, 2));
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).exitCode).toBe(2);
    expect((caught as UsageError).message).toBe('refused [REDACTED]');
  });

  it('a thrown non-error: redacted text', async () => {
    const caught = await failure(`raw ${DISTINCTIVE_KEY}`);
    expect((caught as Error).message).toBe('raw [REDACTED]');
  });
});
