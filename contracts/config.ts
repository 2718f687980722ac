/**
 * Every default of the suite, in one place. The CLI, the tests, the provider and the benchmarks read
 * these (or what `resolve…Config()` makes of them) and never write their own.
 */

/** The key the built-in reference provider accepts unless told otherwise. Not a secret: a placeholder. */
export const DEFAULT_API_KEY = 'bu-contract-local-key';

/** What pacts carry in `X-Browser-Use-API-Key`; the gate swaps in the real key when verifying. */
export const PACT_API_KEY_PLACEHOLDER = 'REDACTED-API-KEY';

export const DEFAULT_HOST = '127.0.0.1';

/** 0 asks the OS for a free port: servers the suite starts never collide. */
export const DEFAULT_PORT = 0;

/** The largest request body the reference provider reads before answering 413. */
export const PROVIDER_BODY_LIMIT_BYTES = 64 * 1024;

/** Pact participants, as the consumer tests name them and the verifier looks them up. */
export const CONSUMER_NAME = 'browser-use-sdk';
export const PROVIDER_NAME = 'browser-use-api-v2';

/** Where Pact's provider-states convention puts the setup endpoint, relative to the provider's base URL. */
export const PROVIDER_STATES_PATH = '/_pact/provider-states';
