/**
 * Puts a result where the user asked: the text report on stdout, JUnit and JSON in files. Everything
 * goes through the redaction pass last.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { GateConfig } from '../config.ts';
import type { GateResult } from '../runner.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { redactDeep, redactor } from '../../redact.ts';
import { renderText } from './text.ts';

function writeFile(path: string, text: string, flag: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write the ${flag} report to ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export function writeReports(result: GateResult, config: GateConfig, stdout: (text: string) => void): void {
  const redact = redactor(config.apiKey, config.statesHeaders.map((header) => header.value));
  // The data first, so no report's shortening can cut a key in two; the rendered text again, for what
  // the renderers add themselves.
  const shown = redactDeep(result, redact);
  stdout(redact(renderText(shown)));
  if (config.junit) writeFile(config.junit, redact(renderJunit(shown)), '--junit');
  if (config.json) writeFile(config.json, redact(renderJson(shown)), '--json');
}
