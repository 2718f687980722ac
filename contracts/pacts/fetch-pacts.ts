/**
 * Pacts fetched over HTTP (`verify --pact-url`): a broker's "latest pact" link, or any server that hands
 * out a pact file. They are fetched once, before anything runs, so that a URL that cannot be fetched, or
 * that serves something other than a pact, is a configuration problem (exit 2, one line) and never a
 * verdict; then written to a private folder for the Pact core, each still named by its URL in every report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { isObject } from '../spec.ts';

/** A pact as fetched: the URL it came from and the body it served (checked to be a pact). */
export interface FetchedPact {
  readonly url: string;
  readonly text: string;
}

/** A pact file the Pact core reads, and the name reports give it: its own path, or the URL it was fetched from. */
export interface PactFile {
  readonly path: string;
  readonly name: string;
}

export interface PactFetchOptions {
  /** Sent with every fetch (`--pact-header`): a broker's token, say. Never printed. */
  readonly headers: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly timeoutMs: number;
}

/** Why a fetched body is not a pact, or undefined when it is one. */
export function notAPact(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  if (!isObject(body)) return 'is not a JSON object';
  if (!Array.isArray(body['interactions'])) return 'has no "interactions" list';
  const unnamed = body['interactions'].findIndex(
    (interaction) => !isObject(interaction) || typeof interaction['description'] !== 'string',
  );
  if (unnamed >= 0) return `its interaction ${unnamed} has no description`;
  return undefined;
}

function causeOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

async function fetchOne(url: string, options: PactFetchOptions): Promise<FetchedPact> {
  const headers = new Headers(options.headers.map(({ name, value }): [string, string] => [name, value]));
  headers.set('accept', 'application/hal+json, application/json');
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
    text = await response.text();
  } catch (error) {
    throw new UsageError(`--pact-url ${url}: could not fetch it (${causeOf(error)})`);
  }
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? '; give its credentials with --pact-header' : '';
    throw new UsageError(`--pact-url ${url}: answered ${response.status} ${response.statusText}${hint}`.trimEnd());
  }
  const problem = notAPact(text);
  if (problem !== undefined) throw new UsageError(`--pact-url ${url}: what it serves is not a pact (${problem})`);
  return { url, text };
}

/** Every URL fetched, in the order given; the first that fails throws a UsageError naming it. */
export async function fetchPacts(urls: readonly string[], options: PactFetchOptions): Promise<FetchedPact[]> {
  return Promise.all(urls.map((url) => fetchOne(url, options)));
}

/**
 * The fetched pacts as files in a private folder, for the Pact core to read, each named by its URL;
 * `remove` deletes the folder.
 */
export function writeFetchedPacts(fetched: readonly FetchedPact[]): { files: PactFile[]; remove(): void } {
  if (fetched.length === 0) return { files: [], remove: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'bu-contract-pacts-'));
  const files = fetched.map(({ url, text }, index) => {
    const path = join(dir, `pact-${index + 1}.json`);
    writeFileSync(path, text);
    return { path, name: url };
  });
  return { files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
