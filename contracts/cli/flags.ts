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
  /** May be given more than once; the values come as a list. */
  readonly multiple?: boolean;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string;
};

/**
 * `--runs -5` as `--runs=-5`: node's parser takes a value that starts with `-` for an option and calls it
 * ambiguous, so a negative number would get a different message depending on how it was spelt.
 */
function joinNegativeValues(table: FlagTable, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && table[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

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
  const options = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, { type: spec.type, multiple: spec.multiple === true }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(table, argv),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message =
      error instanceof Error
        ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')
        : String(error);
    throw new UsageError(`${message} (see: bu-contract ${command} --help)`);
  }
  const flags: Record<string, string | boolean | string[]> = {};
  const fromEnv = new Set<string>();
  for (const [name, spec] of Object.entries(table)) {
    const given = parsed.values[name];
    if (given !== undefined) {
      flags[name] = given as string | boolean | string[];
    } else if (spec.env && env[spec.env] !== undefined && env[spec.env] !== '') {
      const value = env[spec.env]!;
      flags[name] =
        spec.type === 'boolean'
          ? /^(1|true|yes)$/i.test(value)
          : spec.multiple
            ? value.split(/\r?\n/).filter((line) => line.trim() !== '')
            : value;
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
    const left = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}${spec.multiple ? ' …' : ''}`;
    const extras = [spec.env ? `env ${spec.env}` : '', spec.defaultText ? `default: ${spec.defaultText}` : '']
      .filter(Boolean)
      .join('; ');
    return `  ${left.padEnd(26)} ${spec.description}${extras ? ` (${extras})` : ''}`;
  });
  return [
    `Usage: bu-contract ${command} ${synopsis}`.trimEnd(),
    '',
    summary,
    '',
    'Options:',
    ...rows,
    `  ${'--help'.padEnd(26)} show this help`,
  ].join('\n');
}
