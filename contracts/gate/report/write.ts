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
import { redactor } from '../../redact.ts';
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
  stdout(redact(renderText(result)));
  if (config.junit) writeFile(config.junit, redact(renderJunit(result)), '--junit');
  if (config.json) writeFile(config.json, redact(renderJson(result)), '--json');
}
