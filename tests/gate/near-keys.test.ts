/**
 * The near misses of the key: each same-length one differs from the key in exactly one character, the
 * shell spells each one from the key's variable exactly as the gate makes it (so a replay sends what the
 * run sent), and redaction takes each one out of what is written.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KEY_NEAR_MISSES, NEAR_KEY } from '../../contracts/near-keys.ts';
import { redactor, REDACTED } from '../../contracts/redact.ts';
import { KEY_PLACEHOLDER, NEAR_KEY_SHELL } from '../../contracts/report/curl.ts';
import { DISTINCTIVE_KEY } from './helpers.ts';

const run = promisify(execFile);
const KEYS = [DISTINCTIVE_KEY, 'Z9_', '-x-', 'A', '9', 'a-b', 'ABC-def_123', 'sk-live_0zZ9'];
const SAME_LENGTH = ['first-changed', 'middle-changed', 'last-changed', 'case-flipped'] as const;

describe('same-length near misses of the key', () => {
  it.each(KEYS)('differ from %j in one character, at the start, the middle, the end, or in case', (key) => {
    for (const kind of SAME_LENGTH) {
      const nearMiss = NEAR_KEY[kind](key);
      expect(nearMiss).toHaveLength(key.length);
      const differing = [...key].filter((char, index) => nearMiss[index] !== char).length;
      expect({ kind, differing }).toEqual({
        kind,
        differing: kind === 'case-flipped' && !/[A-Za-z]/.test(key) ? 0 : 1,
      });
    }
    expect(NEAR_KEY['first-changed'](key)[0]).not.toBe(key[0]);
    expect(NEAR_KEY['last-changed'](key).at(-1)).not.toBe(key.at(-1));
  });
});

describe('the shell spells every near miss as the gate makes it', () => {
  it.each(KEYS)('key %j', async (key) => {
    const script = KEY_NEAR_MISSES.map((kind) => `printf '%s\\n' "${NEAR_KEY_SHELL[kind]}"`).join('\n');
    const { stdout } = await run('sh', ['-c', script], { env: { ...process.env, [KEY_PLACEHOLDER.slice(1)]: key } });
    expect(stdout.split('\n').slice(0, -1)).toEqual(KEY_NEAR_MISSES.map((kind) => NEAR_KEY[kind](key)));
  });
});

describe('redaction', () => {
  it('takes every near miss of a key out of the text, as a provider that echoes a refused key would write it', () => {
    const redact = redactor(DISTINCTIVE_KEY);
    for (const kind of KEY_NEAR_MISSES) {
      expect(redact(`Invalid API key ${NEAR_KEY[kind](DISTINCTIVE_KEY)}`)).toBe(`Invalid API key ${REDACTED}`);
    }
  });
});
