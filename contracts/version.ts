/** The suite's own name and version, as package.json says: printed by `--version` and carried by every report. */
import { createRequire } from 'node:module';

const manifest = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const TOOL_NAME = manifest.name;
export const TOOL_VERSION = manifest.version;
