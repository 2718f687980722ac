/**
 * The gate's configuration, resolved once: command-line flags first, then the environment, then the
 * defaults in contracts/config.ts. Everything after this (the runner, the tests, the benchmark) reads
 * only the frozen result. Its fields are the verify flag table's (contracts/gate/options.ts), plus what
 * follows from several flags together. A bad value is a UsageError naming the flag or variable it came from.
 */
import { DEFAULT_API_KEY, PROVIDER_STATES_PATH } from '../config.ts';
import { UsageError } from '../errors.ts';
import { redactor, type Redactor } from '../redact.ts';
import { envNames, resolveFlags, type FlagConfig, type FlagValues } from '../flags.ts';
import { VERIFY_FLAGS } from './options.ts';

export type { Shard, StatesHeader } from './options.ts';

type VerifyOptions = FlagConfig<typeof VERIFY_FLAGS>;

export type GateConfig = Omit<VerifyOptions, 'apiKey'> & {
  /** Never printed, never written: every output passes a redaction pass for it. */
  readonly apiKey: string;
  /** Whether the key was given (flag or environment) rather than the built-in provider's default. */
  readonly apiKeyGiven: boolean;
  /**
   * Where a given states URL came from (`--states-url` or `PROVIDER_STATES_URL`). A states URL the user
   * gave must work (exit 2 if not); only the default may be missing, and then the session checks are skipped.
   */
  readonly statesUrlSource: string | undefined;
};

/** The environment variable behind each verify flag that has one. */
export const GATE_ENV = envNames(VERIFY_FLAGS);

/** Flag values as given on the command line; resolveGateConfig folds in the environment. */
export type GateFlags = FlagValues<typeof VERIFY_FLAGS>;

/**
 * A variable set but empty reads as unset everywhere else; for these two that would be a false green: a
 * workflow whose secret or URL did not reach it (a pull request from a fork) would test the built-in provider.
 */
function notEmpty(env: NodeJS.ProcessEnv, flag: 'base-url' | 'api-key'): void {
  const variable = GATE_ENV[flag];
  if (env[variable] === undefined || env[variable].trim() !== '') return;
  throw new UsageError(
    flag === 'base-url'
      ? `${variable} is set but empty: set it to your provider's URL (or unset it to test the built-in reference provider)`
      : `${variable} is set but empty: set it to the key your provider accepts (a secret a workflow did not get?)`,
  );
}

export function resolveGateConfig(flags: GateFlags = {}, env: NodeJS.ProcessEnv = process.env): GateConfig {
  if (flags['base-url'] === undefined) notEmpty(env, 'base-url');
  const { config, sources } = resolveFlags(VERIFY_FLAGS, flags, env);
  if (config.baseUrl !== undefined && flags['api-key'] === undefined) notEmpty(env, 'api-key');
  if (config.statesUrl !== undefined && config.baseUrl === undefined) {
    throw new UsageError(
      `${sources['states-url']!.name} needs --base-url (or ${GATE_ENV['base-url']}): the built-in provider has its own states URL`,
    );
  }
  if (config.apiKey === undefined && config.baseUrl !== undefined) {
    throw new UsageError(
      `an API key is required with --base-url: set ${GATE_ENV['api-key']} (or pass --api-key) to the key your provider accepts`,
    );
  }
  pactUrlRules(config, sources);
  return Object.freeze({
    ...config,
    apiKey: config.apiKey ?? DEFAULT_API_KEY,
    apiKeyGiven: config.apiKey !== undefined,
    statesUrlSource: sources['states-url']?.name,
  });
}

/** What --pact-url, --pact-header and --no-bundled-pacts need of each other and of --skip-pact. */
function pactUrlRules(config: VerifyOptions, sources: ReturnType<typeof resolveFlags<typeof VERIFY_FLAGS>>['sources']) {
  const named = (flag: keyof typeof VERIFY_FLAGS) => sources[flag]?.name ?? `--${flag}`;
  if (config.pactUrls.length === 0) {
    if (config.pactHeaders.length > 0)
      throw new UsageError(
        `${named('pact-header')} needs --pact-url (or ${GATE_ENV['pact-url']}): it is sent only there`,
      );
    if (!config.pactFolder)
      throw new UsageError('--no-bundled-pacts needs --pact-url: otherwise there is no pact left to verify');
  } else if (!config.pact) {
    throw new UsageError(`--skip-pact and ${named('pact-url')} contradict each other: give one`);
  }
  if (!config.pactFolder && sources['pact-dir'] !== undefined)
    throw new UsageError('--no-bundled-pacts and --pact-dir contradict each other: give one');
}

/**
 * The run's one redactor, for every secret a report must never show: the key, and the values of the states
 * and pact-URL headers. Built once (by the CLI) and handed to whatever writes, so no output path can
 * redact a narrower set of secrets than another.
 */
export function redactorOf(config: GateConfig): Redactor {
  return redactor(
    config.apiKey,
    [...config.statesHeaders, ...config.pactHeaders].map((header) => header.value),
  );
}

/** The states URL for a provider at `baseUrl`, unless one was given. */
export function statesUrlFor(config: GateConfig, baseUrl: string): string {
  return config.statesUrl ?? baseUrl + PROVIDER_STATES_PATH;
}
