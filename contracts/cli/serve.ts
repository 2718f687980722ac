/**
 * `bu-contract serve`: runs the reference provider until SIGINT or SIGTERM, optionally standing in for a
 * remote one (latency, a rate limit). It prints where it listens and where its key comes from; the key
 * itself only when it is the public placeholder, which a user needs to call it and is no secret.
 */
import {
  DEFAULT_API_KEY,
  DEFAULT_HOST,
  DEFAULT_PORT,
  PROVIDER_API_KEY_ENV,
  PROVIDER_MAX_LATENCY_MS,
  PROVIDER_MAX_RATE_LIMIT,
  PROVIDER_STATES_PATH,
} from '../config.ts';
import { EXIT, UsageError, integerFlag } from '../errors.ts';
import { helpText, parseFlags, wantsHelp } from './flags.ts';

const FLAGS = {
  port: {
    type: 'string',
    value: 'N',
    description: 'port to listen on; 0 picks a free one',
    defaultText: String(DEFAULT_PORT),
  },
  host: { type: 'string', value: 'H', description: 'interface to listen on', defaultText: DEFAULT_HOST },
  'api-key': {
    type: 'string',
    value: 'KEY',
    description: 'the X-Browser-Use-API-Key the provider accepts',
    env: PROVIDER_API_KEY_ENV,
    // The default is a public placeholder, not a secret, so help may show it.
    defaultText: `${DEFAULT_API_KEY} (a public placeholder)`,
  },
  'latency-ms': {
    type: 'string',
    value: 'MS',
    description: 'hold every answer this long, as a provider far away would',
    defaultText: '0',
  },
  'rate-limit': {
    type: 'string',
    value: 'N',
    description: 'answer N requests a second; past that a 429 with Retry-After: 1',
    defaultText: 'no limit',
  },
} as const;

export interface ServeConfig {
  readonly host: string;
  readonly port: number;
  /** Undefined: the provider's public default key. */
  readonly apiKey: string | undefined;
  /** Where the key came from, as the user would name it; printed instead of the key (or with it, for the placeholder). */
  readonly keySource: string;
  readonly latencyMs: number;
  /** Undefined: no limit. */
  readonly rateLimit: number | undefined;
}

/** Flags and environment, read once; the command and the tests use only this. */
export function resolveServeConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServeConfig | 'help' {
  const args = parseFlags('serve', FLAGS, argv, env);
  if (wantsHelp(args)) return 'help';
  if (args.positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])} (see: bu-contract serve --help)`);
  }
  const apiKey = args.flags['api-key'];
  if (apiKey !== undefined && apiKey.trim() === '') throw new UsageError('--api-key must not be empty');
  const host = args.flags.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  return {
    host,
    port: integerFlag('port', args.flags.port, 0, 65_535) ?? DEFAULT_PORT,
    apiKey,
    keySource: keySource(apiKey, args.fromEnv.has('api-key')),
    latencyMs: integerFlag('latency-ms', args.flags['latency-ms'], 0, PROVIDER_MAX_LATENCY_MS) ?? 0,
    rateLimit: integerFlag('rate-limit', args.flags['rate-limit'], 1, PROVIDER_MAX_RATE_LIMIT),
  };
}

/** The placeholder is public (README, --help): printing it tells nothing. Any other key is named by where it came from. */
function keySource(apiKey: string | undefined, fromEnv: boolean): string {
  if (apiKey === undefined) return `${DEFAULT_API_KEY}, the public placeholder`;
  const source = fromEnv ? `$${PROVIDER_API_KEY_ENV}` : '--api-key';
  return apiKey === DEFAULT_API_KEY ? `${DEFAULT_API_KEY}, the public placeholder, from ${source}` : source;
}

function listenProblem(error: unknown, config: ServeConfig): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new UsageError(
      `port ${config.port} on ${config.host} is already in use; pick another with --port (0 picks a free one)`,
    );
  if (code === 'EACCES') return new UsageError(`not allowed to listen on ${where}; use a port above 1023 or --port 0`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UsageError(`cannot listen on host ${JSON.stringify(config.host)}: no such local address`);
  return undefined;
}

export async function run(argv: string[]): Promise<number> {
  const config = resolveServeConfig(argv);
  if (config === 'help') {
    console.log(
      helpText(
        'serve',
        '[--port N] [--host H] [--api-key KEY] [--latency-ms MS] [--rate-limit N]',
        'Run the reference provider of PATCH /sessions/{session_id} until Ctrl-C.',
        FLAGS,
      ),
    );
    return EXIT.ok;
  }
  // Loaded only now: `--help` and flag mistakes stay instant.
  const { startReferenceProvider } = await import('../../provider/index.ts');
  let server: Awaited<ReturnType<typeof startReferenceProvider>>;
  try {
    server = await startReferenceProvider({
      host: config.host,
      port: config.port,
      latencyMs: config.latencyMs,
      ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
      ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
    });
  } catch (error) {
    throw listenProblem(error, config) ?? error;
  }
  console.log(`Reference provider listening on ${server.url}`);
  console.log(`  PATCH ${server.url}/sessions/{session_id}  (X-Browser-Use-API-Key: ${config.keySource})`);
  console.log(`  POST  ${server.url}${PROVIDER_STATES_PATH}  (provider states; no key needed)`);
  if (config.latencyMs > 0 || config.rateLimit !== undefined) {
    const distance = [
      config.latencyMs > 0 ? `every answer held ${config.latencyMs} ms` : '',
      config.rateLimit === undefined ? '' : `${config.rateLimit} requests a second, then 429`,
    ];
    console.log(`  Standing in for a remote provider: ${distance.filter(Boolean).join('; ')}`);
  }
  console.log('Press Ctrl-C to stop.');

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  console.log(`Stopped (${signal}).`);
  return EXIT.ok;
}
