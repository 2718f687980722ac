/**
 * The CLI's flag table machinery: each subcommand declares its flags once (name, type, environment
 * variable, default, help), and gets parsing, environment fallback and `--help` text from here.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** An environment variable read when the flag is not given. */
  readonly env?: string;
  /** Shown in --help; the value itself is applied by the command's resolver. */
  readonly defaultText?: string;
  /** Placeholder for the value in --help. */
  readonly value?: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs<T extends FlagTable> {
  readonly flags: FlagValues<T>;
  readonly positionals: string[];
  /** Names of the flags whose value came from the environment (so a message can say which). */
  readonly fromEnv: ReadonlySet<string>;
}

export function parseFlags<T extends FlagTable>(
  command: string,
  table: T,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ParsedArgs<T> {
  const options = Object.fromEntries(Object.entries(table).map(([name, spec]) => [name, { type: spec.type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
    throw new UsageError(`${message} (see: bu-contract ${command} --help)`);
  }
  const flags: Record<string, string | boolean> = {};
  const fromEnv = new Set<string>();
  for (const [name, spec] of Object.entries(table)) {
    const given = parsed.values[name];
    if (given !== undefined) {
      flags[name] = given as string | boolean;
    } else if (spec.env && env[spec.env] !== undefined && env[spec.env] !== '') {
      flags[name] = spec.type === 'boolean' ? /^(1|true|yes)$/i.test(env[spec.env]!) : env[spec.env]!;
      fromEnv.add(name);
    }
  }
  if (parsed.values['help']) flags['help'] = true;
  return { flags: flags as FlagValues<T>, positionals: parsed.positionals, fromEnv };
}

export function wantsHelp(args: ParsedArgs<FlagTable>): boolean {
  return (args.flags as Record<string, unknown>)['help'] === true;
}

export function helpText(command: string, synopsis: string, summary: string, table: FlagTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const left = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const extras = [spec.env ? `env ${spec.env}` : '', spec.defaultText ? `default: ${spec.defaultText}` : '']
      .filter(Boolean).join('; ');
    return `  ${left.padEnd(26)} ${spec.description}${extras ? ` (${extras})` : ''}`;
  });
  return [`Usage: bu-contract ${command} ${synopsis}`.trimEnd(), '', summary, '', 'Options:', ...rows, `  ${'--help'.padEnd(26)} show this help`].join('\n');
}
