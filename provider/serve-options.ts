/**
 * The flags of `bu-contract serve`, each declared once next to the provider they configure: the CLI
 * parses and documents exactly these, and the config below is what they resolve to.
 */
import {
  DEFAULT_API_KEY,
  DEFAULT_HOST,
  DEFAULT_PORT,
  PROVIDER_API_KEY_ENV,
  PROVIDER_MAX_LATENCY_MS,
  PROVIDER_MAX_RATE_LIMIT,
} from '../contracts/config.ts';
import { UsageError } from '../contracts/errors.ts';
import {
  defineFlags,
  resolveFlags,
  wholeNumber,
  type FlagConfig,
  type FlagValues,
  type Source,
} from '../contracts/flags.ts';

function notEmpty(source: Source | undefined): string | undefined {
  if (source !== undefined && source.raw.trim() === '') throw new UsageError(`${source.name} must not be empty`);
  return source?.raw;
}

export const SERVE_FLAGS = defineFlags({
  port: {
    type: 'string',
    value: 'N',
    description: 'port to listen on; 0 picks a free one',
    defaultText: String(DEFAULT_PORT),
    resolve: (source) => wholeNumber(source, 0, 65_535) ?? DEFAULT_PORT,
  },
  host: {
    type: 'string',
    value: 'H',
    description: 'interface to listen on',
    defaultText: DEFAULT_HOST,
    resolve: (source) => notEmpty(source) ?? DEFAULT_HOST,
  },
  'api-key': {
    type: 'string',
    value: 'KEY',
    description: 'the X-Browser-Use-API-Key the provider accepts',
    env: PROVIDER_API_KEY_ENV,
    // The default is a public placeholder, not a secret, so help may show it.
    defaultText: `${DEFAULT_API_KEY} (a public placeholder)`,
    // Undefined: the provider's public default key.
    resolve: notEmpty,
  },
  'latency-ms': {
    type: 'string',
    value: 'MS',
    description: 'hold every answer this long, as a provider far away would',
    defaultText: '0',
    resolve: (source) => wholeNumber(source, 0, PROVIDER_MAX_LATENCY_MS) ?? 0,
  },
  'rate-limit': {
    type: 'string',
    value: 'N',
    description: 'answer N requests a second; past that a 429 with Retry-After: 1',
    defaultText: 'no limit',
    // Undefined: no limit.
    resolve: (source) => wholeNumber(source, 1, PROVIDER_MAX_RATE_LIMIT),
  },
});

export type ServeConfig = FlagConfig<typeof SERVE_FLAGS> & {
  /** Where the key came from, as the user would name it; printed instead of the key (or with it, for the placeholder). */
  readonly keySource: string;
};

/** Flags and environment, read once; the command and the tests use only this. */
export function resolveServeOptions(given: FlagValues<typeof SERVE_FLAGS>, env: NodeJS.ProcessEnv): ServeConfig {
  const { config, sources } = resolveFlags(SERVE_FLAGS, given, env);
  return { ...config, keySource: keySource(config.apiKey, sources['api-key']?.fromEnv === true) };
}

/** The placeholder is public (README, --help): printing it tells nothing. Any other key is named by where it came from. */
function keySource(apiKey: string | undefined, fromEnv: boolean): string {
  if (apiKey === undefined) return `${DEFAULT_API_KEY}, the public placeholder`;
  const source = fromEnv ? `$${PROVIDER_API_KEY_ENV}` : '--api-key';
  return apiKey === DEFAULT_API_KEY ? `${DEFAULT_API_KEY}, the public placeholder, from ${source}` : source;
}
