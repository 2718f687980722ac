/**
 * The flag-table machinery: one table entry gives the parser, the environment name, the config field and
 * the help line; the environment is read in one place, the command line first.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contracts/errors.ts';
import {
  booleanFlag,
  defineFlags,
  envNames,
  helpText,
  lines,
  parseArgv,
  resolveFlags,
  wholeNumber,
} from '../../contracts/flags.ts';
import { GATE_ENV, resolveGateConfig } from '../../contracts/gate/config.ts';
import { VERIFY_FLAGS } from '../../contracts/gate/options.ts';

const TABLE = defineFlags({
  'max-things': {
    type: 'string',
    value: 'N',
    env: 'TEST_MAX_THINGS',
    description: 'how many things',
    resolve: (source) => wholeNumber(source, 1, 9) ?? 3,
  },
  loud: { type: 'boolean', env: 'TEST_LOUD', description: 'say more', resolve: booleanFlag },
  tag: { type: 'string', multiple: true, env: 'TEST_TAGS', description: 'a tag', field: 'tags', resolve: lines },
});

describe('a flag table', () => {
  it('resolves to a config with one field per flag, the command line before the environment', () => {
    const { given } = parseArgv('test', TABLE, ['--max-things', '5', '--tag', 'a', '--tag', 'b']);
    const { config, sources } = resolveFlags(TABLE, given, { TEST_MAX_THINGS: '7', TEST_LOUD: 'yes' });
    expect(config).toEqual({ maxThings: 5, loud: true, tags: ['a', 'b'] });
    expect(sources.loud).toEqual({ raw: 'yes', name: 'TEST_LOUD', fromEnv: true });
    expect(sources['max-things']?.name).toBe('--max-things');
  });

  it('reads the environment when a flag is not given, an empty variable as unset, a list one a line', () => {
    expect(resolveFlags(TABLE, {}, { TEST_MAX_THINGS: '', TEST_TAGS: 'x\n\ny\r\n' }).config).toEqual({
      maxThings: 3,
      loud: false,
      tags: ['x', 'y'],
    });
  });

  it('names where a bad value came from', () => {
    expect(() => resolveFlags(TABLE, {}, { TEST_MAX_THINGS: '10' })).toThrow(
      new UsageError('TEST_MAX_THINGS must be a whole number from 1 to 9, got "10"'),
    );
    expect(() => resolveFlags(TABLE, {}, { TEST_LOUD: 'maybe' })).toThrow(/TEST_LOUD must be true or false/);
    expect(resolveFlags(TABLE, {}, { TEST_LOUD: 'false' }).config.loud).toBe(false);
  });

  it('derives the environment names and the help from the same entries', () => {
    expect(envNames(TABLE)).toEqual({ 'max-things': 'TEST_MAX_THINGS', loud: 'TEST_LOUD', tag: 'TEST_TAGS' });
    const help = helpText('test', { synopsis: '[options]', summary: ['Tests.'], examples: [] }, TABLE);
    expect(help).toMatch(/--max-things N +how many things \(env TEST_MAX_THINGS\)/);
    expect(help).toMatch(/--tag VALUE … +a tag \(env TEST_TAGS\)/);
  });
});

describe('the verify table', () => {
  it('is where the gate reads its variables from', () => {
    expect(GATE_ENV).toEqual(envNames(VERIFY_FLAGS));
    expect(GATE_ENV).toMatchObject({ runs: 'FC_NUM_RUNS', seed: 'FC_SEED', 'api-key': 'BROWSER_USE_API_KEY' });
    const config = resolveGateConfig({ runs: '42' }, { FC_NUM_RUNS: '99', FC_SEED: '5', GATE_WORKERS: '2' });
    expect(config).toMatchObject({ runs: 42, seed: 5, workers: 2, pact: true, allowSkips: false });
  });
});
