/**
 * `bu-contract serve`: runs the reference provider until SIGINT or SIGTERM.
 * It prints where it listens and where its key comes from, never the key itself.
 */
import { DEFAULT_API_KEY, DEFAULT_HOST, DEFAULT_PORT, PROVIDER_API_KEY_ENV, PROVIDER_STATES_PATH } from '../config.ts';
import { EXIT, UsageError, integerFlag } from '../errors.ts';
import { helpText, parseFlags, wantsHelp } from './flags.ts';

const FLAGS = {
  port: { type: 'string', value: 'N', description: 'port to listen on; 0 picks a free one', defaultText: String(DEFAULT_PORT) },
  host: { type: 'string', value: 'H', description: 'interface to listen on', defaultText: DEFAULT_HOST },
  'api-key': {
    type: 'string',
    value: 'KEY',
    description: 'the X-Browser-Use-API-Key the provider accepts',
    env: PROVIDER_API_KEY_ENV,
    // The default is a public placeholder, not a secret, so help may show it.
    defaultText: `${DEFAULT_API_KEY} (a public placeholder)`,
  },
} as const;

export interface ServeConfig {
  readonly host: string;
  readonly port: number;
  /** Undefined: the provider's public default key. */
  readonly apiKey: string | undefined;
  /** Where the key came from, as the user would name it; printed instead of the key. */
  readonly keySource: string;
}

/** Flags and environment, read once; the command and the tests use only this. */
export function resolveServeConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeConfig | 'help' {
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
    keySource: apiKey === undefined ? 'the built-in default key (see README)' : args.fromEnv.has('api-key') ? `$${PROVIDER_API_KEY_ENV}` : '--api-key',
  };
}

function listenProblem(error: unknown, config: ServeConfig): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') return new UsageError(`port ${config.port} on ${config.host} is already in use; pick another with --port (0 picks a free one)`);
  if (code === 'EACCES') return new UsageError(`not allowed to listen on ${where}; use a port above 1023 or --port 0`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UsageError(`cannot listen on host ${JSON.stringify(config.host)}: no such local address`);
  return undefined;
}

export async function run(argv: string[]): Promise<number> {
  const config = resolveServeConfig(argv);
  if (config === 'help') {
    console.log(helpText('serve', '[--port N] [--host H] [--api-key KEY]', 'Run the reference provider of PATCH /sessions/{session_id} until Ctrl-C.', FLAGS));
    return EXIT.ok;
  }
  // Loaded only now: `--help` and flag mistakes stay instant.
  const { startReferenceProvider } = await import('../../fixtures/provider/index.ts');
  let server: Awaited<ReturnType<typeof startReferenceProvider>>;
  try {
    server = await startReferenceProvider({ host: config.host, port: config.port, ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }) });
  } catch (error) {
    throw listenProblem(error, config) ?? error;
  }
  console.log(`Reference provider listening on ${server.url}`);
  console.log(`  PATCH ${server.url}/sessions/{session_id}  (X-Browser-Use-API-Key: ${config.keySource})`);
  console.log(`  POST  ${server.url}${PROVIDER_STATES_PATH}  (provider states; no key needed)`);
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
