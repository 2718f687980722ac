/** Where the suite's pacts live and what they are called. */
import { fileURLToPath } from 'node:url';
import { CONSUMER_NAME, PROVIDER_NAME } from '../config.ts';

export const PACTS_DIR = fileURLToPath(new URL('../../pacts/', import.meta.url));
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`;
