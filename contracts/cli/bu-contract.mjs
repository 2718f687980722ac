#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx bu-contract` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// `bu-contract … | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
