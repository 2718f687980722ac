/**
 * `bu-contract serve`: runs the reference provider until SIGINT or SIGTERM, optionally standing in for a
 * remote one (latency, a rate limit). It prints where it listens and where its key comes from; the key
 * itself only when it is the public placeholder, which a user needs to call it and is no secret.
 */
import { PROVIDER_STATES_PATH } from '../config.ts';
import { EXIT, UsageError } from '../errors.ts';
import { helpText, parseArgv, type Help } from '../flags.ts';
import { SERVE_FLAGS, resolveServeOptions, type ServeConfig } from '../../provider/serve-options.ts';

export type { ServeConfig } from '../../provider/serve-options.ts';

/** The command line and the environment, read once; the command and the tests use only this. */
export function resolveServeConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServeConfig | 'help' {
  const args = parseArgv('serve', SERVE_FLAGS, argv);
  if (args.help) return 'help';
  if (args.positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])} (see: bu-contract serve --help)`);
  }
  return resolveServeOptions(args.given, env);
}

const HELP: Help = {
  synopsis: '[--port N] [--host H] [--api-key KEY] [--latency-ms MS] [--rate-limit N]',
  summary: ['Run the reference provider of PATCH /sessions/{session_id} until Ctrl-C.'],
  examples: [
    {
      command: 'bu-contract serve --port 8000',
      does: 'serve on http://127.0.0.1:8000 with the public placeholder key',
    },
    {
      command: 'bu-contract serve --latency-ms 50 --rate-limit 20',
      does: 'stand in for a provider far away that throttles (try the gate against it)',
    },
  ],
};

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
    console.log(helpText('serve', HELP, SERVE_FLAGS));
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
