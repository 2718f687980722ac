#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx bu-contract` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// `bu-contract … | head` closes stdout early (or `2>&1 >/dev/null | head -1`, stderr): that is the reader's
// choice, not a crash, and must not turn the command's exit code into 1 (which reads as a broken contract).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
