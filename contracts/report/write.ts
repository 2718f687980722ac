/**
 * Puts a result where the user asked: the text report on stdout, JUnit and JSON in files, and on GitHub
 * Actions its annotations and step summary. Everything goes through the redaction pass last.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { UsageError } from '../errors.ts';
import { fileInTheWay } from '../writable-path.ts';
import { redactDeep, type Redactor } from '../redact.ts';
import type { GateConfig } from '../gate/config.ts';
import type { GateResult } from '../gate/result.ts';
import type { ReportContext } from './context.ts';
import { githubReport, onGitHubActions } from './github.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderText } from './text.ts';

/** Why a report could not be written, in words; the error code stays at the end for a search engine. */
function whyUnwritable(path: string, code: string | undefined): string {
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR': {
      const file = fileInTheWay(path);
      return file === undefined ? 'a part of that path is a file, not a folder' : `${file} is a file, not a folder`;
    }
    case 'EISDIR':
      return 'that is a folder; give a file name';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EROFS':
      return 'that file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return 'it could not be written';
  }
}

function writeFile(path: string, text: string, flag: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot write the ${flag} report to ${path}: ${whyUnwritable(path, code)}${code === undefined ? '' : ` (${code})`}`,
    );
  }
}

/**
 * The text report with no line a CI runner would take for a workflow command (`::error …`): the report
 * quotes the provider (Pact's mismatch sentences hold its values, newlines and all), and a provider must not
 * be able to annotate a pull request, or silence the gate's own annotations with `::stop-commands::`.
 */
export function withoutWorkflowCommands(text: string): string {
  return text.replace(/^(\s*)::/gm, '$1:\u200b:');
}

/** `redact`: the run's one redactor (gate/config.ts redactorOf), the same the CLI's own messages pass through. */
export function writeReports(
  result: GateResult,
  config: GateConfig,
  redact: Redactor,
  stdout: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  // The data first, so no report's shortening can cut a key in two; the rendered text again, for what
  // the renderers add themselves.
  const shown = redactDeep(result, redact);
  // Relative to where the gate ran (a CI workspace), not a runner's absolute path nobody else can open.
  const jsonPath = config.json === undefined ? undefined : relative(process.cwd(), config.json) || config.json;
  const context: ReportContext = { jsonPath, pactDir: config.pactDir };
  stdout(withoutWorkflowCommands(redact(renderText(shown, context))));
  if (config.junit) writeFile(config.junit, redact(renderJunit(shown, context)), '--junit');
  if (config.json) writeFile(config.json, redact(renderJson(shown)), '--json');
  if (onGitHubActions(env)) githubReport(shown, context, redact, env, stdout);
}
