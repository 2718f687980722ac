/**
 * Before fuzzing, the gate makes sure something answers at the base URL: a provider that answers nothing
 * is a configuration problem (exit 2). One that hangs on the probe's own request is fuzzed and fails
 * no_hang: see the planted bug hang-on-unknown-session.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contracts/errors.ts';
import { runGate } from '../../contracts/gate/runner.ts';
import { serveHandler } from '../../provider/index.ts';
import { DISTINCTIVE_KEY, config } from './helpers.ts';

describe('the reachability probe', () => {
  it('calls a provider that answers nothing a configuration problem', async () => {
    const silent = await serveHandler(() => new Promise(() => {}), {});
    try {
      const run = runGate(
        config({ 'base-url': silent.url, 'api-key': DISTINCTIVE_KEY, 'timeout-ms': '200', 'skip-pact': true }),
      );
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(
        `the provider at ${silent.url} does not answer (nothing within 200 ms; raise --timeout-ms?)`,
      );
    } finally {
      await silent.close();
    }
  });
});
