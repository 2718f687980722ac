/**
 * The flag-table machinery every command shares. A command declares each flag once, in a table that sits
 * next to what the flag configures (the gate's in contracts/gate/options.ts): its name, type, environment
 * variable, help and how its value is checked. From that one entry come the argv parser's options, the
 * environment names, the resolved config's type and the `--help` text; the environment is read here and
 * nowhere else.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, integerFlag } from './errors.ts';

/** Where a flag's value came from, as a message names it: `--runs` or `FC_NUM_RUNS`. */
export interface Source {
  /** The value as given; a repeatable flag's values one a line. */
  readonly raw: string;
  readonly name: string;
  /** Whether it came from the environment rather than the command line. */
  readonly fromEnv: boolean;
}

export interface FlagSpec<T = unknown> {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** An environment variable read when the flag is not given (empty counts as not set). */
  readonly env?: string;
  /** Shown in --help; the value itself comes from `resolve`. */
  readonly defaultText?: string;
  /** Placeholder for the value in --help. */
  readonly value?: string;
  /** May be given more than once; the variable holds one value a line. */
  readonly multiple?: boolean;
  /** The resolved config's field for this flag; the flag's name in camelCase unless given. */
  readonly field?: string;
  /** The flag's value checked and defaulted (`source` is undefined when neither given nor set). A bad value throws a UsageError naming `source.name`. */
  resolve(source: Source | undefined): T;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** Declares a table keeping each entry's literal types (env names, resolved value types). */
export function defineFlags<const T extends FlagTable>(table: T): T {
  return table;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Rest}`
  ? `${Head}${Capitalize<CamelCase<Rest>>}`
  : S;
type FieldOf<K extends string, S> = S extends { readonly field: infer F extends string } ? F : CamelCase<K>;

/** The config a table resolves to: one field per flag, typed by what its `resolve` returns. */
export type FlagConfig<T extends FlagTable> = {
  readonly [K in keyof T & string as FieldOf<K, T[K]>]: ReturnType<T[K]['resolve']>;
};

/** Flag values as given on a command line, before the environment and checks. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean'
    ? boolean
    : T[K]['multiple'] extends true
      ? readonly string[]
      : string;
};

/** Each flag that has a variable, and its name. */
export type EnvNames<T extends FlagTable> = {
  readonly [K in keyof T & string as T[K] extends { readonly env: string } ? K : never]: T[K] extends {
    readonly env: infer E;
  }
    ? E
    : never;
};

export function envNames<T extends FlagTable>(table: T): EnvNames<T> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([name, spec]) => (spec.env === undefined ? [] : [[name, spec.env]])),
  ) as EnvNames<T>;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * THE environment reader: a flag given on the command line wins, then its variable (unless empty). A
 * command-line boolean reads as `true`; a repeatable flag's values come one a line, as its variable holds them.
 */
export function flagSource<T extends FlagTable>(
  table: T,
  given: FlagValues<T>,
  env: NodeJS.ProcessEnv,
  name: keyof T & string,
): Source | undefined {
  const value = (given as Record<string, string | boolean | readonly string[] | undefined>)[name];
  if (typeof value === 'string') return { raw: value, name: `--${name}`, fromEnv: false };
  if (value === true) return { raw: 'true', name: `--${name}`, fromEnv: false };
  if (Array.isArray(value) && value.length > 0) return { raw: value.join('\n'), name: `--${name}`, fromEnv: false };
  const variable = table[name]?.env;
  const fromEnv = variable === undefined ? undefined : env[variable];
  return fromEnv === undefined || fromEnv === '' ? undefined : { raw: fromEnv, name: variable!, fromEnv: true };
}

export interface Resolved<T extends FlagTable> {
  readonly config: FlagConfig<T>;
  /** Where each flag that was set came from, for messages that span flags. */
  readonly sources: { readonly [K in keyof T]?: Source };
}

/** Every flag of the table read (command line, then environment) and resolved, in table order. */
export function resolveFlags<T extends FlagTable>(table: T, given: FlagValues<T>, env: NodeJS.ProcessEnv): Resolved<T> {
  const config: Record<string, unknown> = {};
  const sources: Record<string, Source> = {};
  for (const [name, spec] of Object.entries(table)) {
    const source = flagSource(table, given, env, name);
    if (source !== undefined) sources[name] = source;
    config[spec.field ?? camelCase(name)] = spec.resolve(source);
  }
  return { config: config as FlagConfig<T>, sources: sources as Resolved<T>['sources'] };
}

// --- Value readers that flag tables share ---

/** A boolean flag: on when given, or when its variable says 1/true/yes (0/false/no: off; anything else is refused). */
export function booleanFlag(source: Source | undefined): boolean {
  if (source === undefined) return false;
  if (!source.fromEnv || /^(1|true|yes)$/i.test(source.raw.trim())) return true;
  if (/^(0|false|no)$/i.test(source.raw.trim())) return false;
  throw new UsageError(`${source.name} must be true or false, got ${JSON.stringify(source.raw)}`);
}

/** A whole number from `min` to `max`, or undefined when not set. */
export function wholeNumber(source: Source | undefined, min: number, max: number): number | undefined {
  return source === undefined ? undefined : integerFlag(source.name, source.raw, min, max, source.name);
}

/** The values of a repeatable flag (or its variable, one a line), blank lines dropped. */
export function lines(source: Source | undefined): string[] {
  return source === undefined ? [] : source.raw.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Whether a flag's path names a folder: one that is missing, unreadable or a file is not. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// --- The command line ---

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

export interface ParsedArgv<T extends FlagTable> {
  readonly given: FlagValues<T>;
  readonly positionals: string[];
  readonly help: boolean;
}

/** The command line alone (no environment: `resolveFlags` reads that), against the command's table. */
export function parseArgv<T extends FlagTable>(command: string, table: T, argv: readonly string[]): ParsedArgv<T> {
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
    const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
    const near = unknown === undefined ? undefined : didYouMean(unknown, [...Object.keys(table), 'help']);
    throw new UsageError(`${message}${near ? `; did you mean --${near}?` : ''} (see: bu-contract ${command} --help)`);
  }
  const { help, ...given } = parsed.values;
  return { given: given as FlagValues<T>, positionals: parsed.positionals, help: help === true };
}

// --- Help and suggestions ---

/** Help lines fit a terminal of 100 columns, and a CI log without wrapping. */
const HELP_WIDTH = 100;
const LEFT_COLUMN = 28;

/** `text` broken between words into lines of at most `width` columns, the first after `first`, the rest after `rest`. */
function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** A command line worth copying, and what it does. */
export interface Example {
  readonly command: string;
  readonly does: string;
}

export interface Help {
  /** After the command's name, such as `[options]` or `OLD NEW`. */
  readonly synopsis: string;
  /** Paragraphs, each wrapped to the width. */
  readonly summary: readonly string[];
  readonly examples: readonly Example[];
}

function flagRow(name: string, spec: FlagSpec): string[] {
  const left = `  --${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}${spec.multiple ? ' …' : ''}`;
  const extras = [spec.env ? `env ${spec.env}` : '', spec.defaultText ? `default: ${spec.defaultText}` : '']
    .filter(Boolean)
    .join('; ');
  const text = `${spec.description}${extras ? ` (${extras})` : ''}`;
  const indent = ' '.repeat(LEFT_COLUMN + 1);
  // A long flag spelling gets a line of its own; the text starts in the same column either way.
  if (left.length > LEFT_COLUMN) return [left, ...wrap(text, HELP_WIDTH, indent)];
  return wrap(text, HELP_WIDTH, `${left.padEnd(LEFT_COLUMN)} `, indent);
}

export function helpText(command: string, help: Help, table: FlagTable): string {
  return [
    `Usage: bu-contract ${command} ${help.synopsis}`.trimEnd(),
    '',
    ...help.summary.flatMap((paragraph, index) => [...(index > 0 ? [''] : []), ...wrap(paragraph, HELP_WIDTH)]),
    '',
    'Options:',
    ...Object.entries(table).flatMap(([name, spec]) => flagRow(name, spec)),
    `  ${'-h, --help'.padEnd(LEFT_COLUMN - 2)} show this help`,
    '',
    'Examples:',
    ...help.examples.flatMap((example) => [
      ...wrap(example.command, HELP_WIDTH, '  ', '      '),
      ...wrap(example.does, HELP_WIDTH, '      '),
    ]),
  ].join('\n');
}

/** Edits from `a` to `b`, a swap of two neighbours counting as one (`--prot` is one edit from `--port`). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name closest to a mistyped one, if one is close enough to be what was meant. */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const ranked = known
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  // A third of the word may be wrong (a typo or two), or the typed word starts the name (`--base` for --base-url).
  if (best !== undefined && best.distance <= Math.max(1, Math.floor(typed.length / 3))) return best.name;
  return typed.length >= 3 ? known.find((name) => name.startsWith(typed)) : undefined;
}
