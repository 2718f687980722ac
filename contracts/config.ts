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

/** The fixed seed with which the pact-vs-spec check samples each matcher, so it says the same every run. */
export const PACT_CHECK_SEED = 20_261_129;
/** Values drawn per matcher by that check. */
export const PACT_CHECK_SAMPLES_PER_MATCHER = 40;

// --- Reference provider (issue 3) ---

/** Where `bu-contract serve` (and a provider team) reads the key the reference provider accepts. */
export const PROVIDER_API_KEY_ENV = 'BROWSER_USE_API_KEY';

/**
 * node:http limits of the reference provider. Tighter than Node's defaults (60 s for headers, 300 s for
 * a request) so a stalled or trickling client is cut off in seconds instead of holding a socket.
 */
export const PROVIDER_HEADERS_TIMEOUT_MS = 10_000;
export const PROVIDER_REQUEST_TIMEOUT_MS = 15_000;
export const PROVIDER_KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How long `close()` waits for requests in flight before cutting their connections. */
export const PROVIDER_CLOSE_GRACE_MS = 2_000;
/** After a 413, how long the rest of the body is read and dropped (so the client sees the answer) before hanging up. */
export const PROVIDER_DISCARD_GRACE_MS = 2_000;

/** The seed of the provider property tests in tests/provider unless FC_SEED says otherwise; printed when they run. */
export const PROVIDER_PROPERTY_SEED = 20_250_601;

/** `npm run bench:provider`: each server is measured this long, after a warm-up, by this many keep-alive connections. */
export const PROVIDER_BENCH_DURATION_MS = 3_000;
export const PROVIDER_BENCH_WARMUP_MS = 500;
export const PROVIDER_BENCH_CONCURRENCY = 16;
/** Sessions set up before the provider is measured; stops go round-robin over them. */
export const PROVIDER_BENCH_SESSIONS = 1_000;

// --- Gate: `bu-contract verify` (issue 6) ---

/**
 * The seed every property run uses unless FC_SEED / --seed says otherwise. Fixed, so CI runs are
 * reproducible; change it on purpose (or pass another) to explore other cases.
 */
export const GATE_DEFAULT_SEED = 20_251_129;

/** fast-check cases per run (FC_NUM_RUNS / --runs): sized so the default verify finishes in a few seconds. */
export const GATE_DEFAULT_RUNS = 400;

/**
 * The fewest cases a run may ask for (--runs): from this many on, every kind of case a check needs is drawn
 * at least once (the draw is stratified: gate/fuzz/strata.ts), so no check goes unjudged for want of a case.
 */
export const GATE_MIN_RUNS = 20;
/**
 * Shards a run is stratified for: a run of R cases draws every kind of case in each shard of any count up
 * to ⌊R / GATE_CASES_PER_STRATUM⌋, at most GATE_MAX_STRATIFIED_SHARDS (the default run: 8 shards).
 */
export const GATE_CASES_PER_STRATUM = 50;
export const GATE_MAX_STRATIFIED_SHARDS = 8;
/** How far past --runs the draw looks for a kind of case still missing (drawing a case costs a fraction of a millisecond). */
export const GATE_STRATA_LOOKAHEAD = 4_000;

/**
 * When the default states URL and the operation both answer 404 under --base-url, the gate looks for the
 * states URL under this many of the base path's ancestors (nearest first, the root always among them): one
 * there means the path prefix is wrong. A few requests, spent only then; a deeper prefix is rare.
 */
export const GATE_MOUNT_SEARCH_MAX_PATHS = 4;

/** A request that has not been answered in full after this long fails `no_hang` (--timeout-ms). */
export const GATE_DEFAULT_TIMEOUT_MS = 5_000;

/** The most cases (--runs; also the most shards) and the longest timeout (--timeout-ms) the gate accepts. */
export const GATE_MAX_RUNS = 100_000;
export const GATE_MAX_TIMEOUT_MS = 600_000;

/**
 * Requests in flight at once (--workers / GATE_WORKERS). A staging server 50–150 ms away answers one
 * request at a time in a few per second. Measured with `npm run bench:remote` (50 ms, ~2,100 requests):
 * 16 in flight take about 7.7 s, against a floor of 2,100 ÷ 16 × 50 ms ≈ 6.6 s. More would be faster
 * against a provider that takes them, but 16 is already 320 requests a second at 50 ms, as much as one run
 * should ask of a shared server unbidden (`--workers` raises it). A server that finds 16 too many says so
 * with 429s, and the sender halves the number. 1 = one request at a time.
 */
export const GATE_DEFAULT_WORKERS = 16;
export const GATE_MAX_WORKERS = 64;

/** The most requests per second --max-rps accepts; unset, the gate sends as fast as its workers allow. */
export const GATE_MAX_RPS_LIMIT = 10_000;

/**
 * When a server may refuse a request on size alone (413, 414, 431 or a reset mid-upload), which the gate
 * then counts as a rejection, never a failure: a body, or a request target and headers together, past
 * these. A valid stop is 17 bytes and its target and headers about 150, so even a provider with a tight
 * limit (a 2 KiB body, a 1 KiB URL) is never failed for refusing what is far past an ordinary request;
 * one that refuses bodies of a few dozen bytes still is.
 */
export const GATE_TRANSPORT_LIMIT_BODY_BYTES = 1024;
export const GATE_TRANSPORT_LIMIT_HEAD_BYTES = 1024;
/** A request cut off on a keep-alive socket the server had closed is sent once more if its body is no bigger: resending it is cheap. */
export const GATE_STALE_SOCKET_RETRY_BODY_BYTES = 64 * 1024;

/** How big the generators make an oversized body and a very long id: past any sane server limit. */
export const GATE_OVERSIZED_BODY_BYTES = 1024 * 1024;
export const GATE_LONG_ID_CHARS = 20_000;

/**
 * The pause between a refused request and the control stop that timestamps it (see auth_enforced): long
 * enough that a provider clock with millisecond resolution ticks in between.
 */
export const GATE_CLOCK_TICK_MS = 3;

/** Shrink candidates tried per failure: a count, so one seed shrinks to one counterexample on any machine. */
export const GATE_SHRINK_BUDGET_CANDIDATES = 400;
/**
 * Candidate requests that may time out while one failure is shrunk: each costs the whole --timeout-ms, so a
 * provider that hangs would otherwise hold CI for minutes. A count too, never a clock: the same provider
 * shrinks to the same case anywhere.
 */
export const GATE_SHRINK_BUDGET_TIMEOUTS = 8;

/**
 * Once no_hang has failed, how many more requests may time out before the gate stops sending new cases:
 * each costs the whole timeout, and a provider that keeps hanging would otherwise hold CI for minutes.
 */
export const GATE_HANG_BREAKER = 3;

/** `npm run bench`: cases per measured round, and rounds per server (alternated, so drift hits both alike). */
export const GATE_BENCH_CASES = 300;
export const GATE_BENCH_ROUNDS = 3;

// --- Spec diff (issue 5) ---

/** The fixed seed of the diff's searches (patterns, zod-vs-spec samples), so a report is reproducible. */
export const DIFF_SEED = 20_250_105;
/** Strings drawn from each source when two patterns are compared by search. */
export const DIFF_PATTERN_RUNS = 500;
/**
 * Values drawn per component (valid ones and near-misses each) when the zod schemas are checked against NEW.
 * Every diff runs this check by default now (issue 17), on the components NEW changed: 100 keeps a diff under
 * 1 s in `npm run bench:diff` (200 took 1.4 s there); the example payloads are always tried first.
 */
export const DIFF_SCHEMA_SAMPLES = 100;
/** Longest string the pattern search builds for a pattern without nested repetition. */
export const DIFF_PATTERN_MAX_LENGTH = 24;
/**
 * A pattern whose repetition nests `depth` deep (`^(\d+)+$`: 2) backtracks about depth^n steps on an
 * n-character string it rejects; strings for it are kept short enough (one edit included) to stay under
 * this many: 11 characters at depth 2, 6 at 3, 5 at 4. Measured: a few hundredths of a millisecond a test.
 */
export const DIFF_PATTERN_BACKTRACK_STEPS = 4096;
/** Characters tested in all per pattern comparison: the search stops there (a bound that does not depend on the clock). */
export const DIFF_PATTERN_CHARACTER_BUDGET = 100_000;
/**
 * States an automaton may grow to while two patterns are decided (refa's node limit, per construction): a
 * pattern that needs more (a long unanchored search, a large counted repetition) is left to the search.
 */
export const DIFF_PATTERN_MAX_STATES = 20_000;

// --- Contracts: generators and schema-vs-spec property tests (issue 2) ---

/** The seed of the property tests in tests/contracts unless FC_SEED says otherwise; printed when they run. */
export const CONTRACTS_PROPERTY_SEED = 20_250_214;
/** fast-check cases per property in tests/contracts (FC_NUM_RUNS overrides): all of them together take a few seconds. */
export const CONTRACTS_PROPERTY_RUNS = 200;
/** Cases per near-miss stratum (one place × one way of breaking it; SessionView has about 400 of them). */
export const CONTRACTS_STRATUM_RUNS = 3;

// --- Remote providers (issue 9) ---

/**
 * A 429 (or a 503 with Retry-After) is the provider asking the gate to slow down, not a verdict: the
 * request waits and goes again. One wait is capped here, whatever Retry-After says, so a provider asking
 * for an hour cannot hold CI for one.
 */
export const GATE_THROTTLE_MAX_WAIT_MS = 30_000;
/**
 * The first wait when a throttling answer says not how long (no or unreadable Retry-After); each further one
 * doubles. From a request's second throttle on, `Retry-After: 0` counts as saying nothing, so a provider
 * answering it again and again is backed off from instead of being hammered.
 */
export const GATE_THROTTLE_BACKOFF_MS = 500;
/**
 * When the gate gives up on a provider that keeps throttling (exit 2, with what to change): by the time
 * waited, never by a count, so a cold start (503 + Retry-After for its first 10–30 s after a deploy) or a
 * provider that throttles every few requests passes. One request throttled for 2 minutes without an
 * answer, or the whole run paused 10 minutes in all.
 */
export const GATE_THROTTLE_GIVE_UP_MS = 120_000;
/** `--throttle-give-up-s` / GATE_THROTTLE_GIVE_UP_S at most: an hour, past any cold start worth waiting for. */
export const GATE_MAX_THROTTLE_GIVE_UP_S = 3_600;
export const GATE_THROTTLE_RUN_BUDGET_MS = 600_000;
/**
 * After a throttle halves the requests in flight, this many answers in a row without one raise the limit by
 * one again: the limit climbs back to --workers within a few dozen answers once the provider takes them.
 */
export const GATE_THROTTLE_RECOVER_AFTER = 4;
/**
 * After a throttle, the rate the gate learned it may send at (what the provider accepted in the second
 * before, a margin off) climbs back to just under what it accepted (GATE_THROTTLE_RATE_REGAIN_MS), then is
 * kept this long, raised by one request a second, and so on: it probes for more than the provider was seen
 * to take, and settles just under a fixed rate limit instead of halving at each 429.
 */
export const GATE_THROTTLE_RATE_STEP_MS = 2_000;
/** The learned rate after a throttle: this share of what the provider accepted in the second before it. */
export const GATE_THROTTLE_RATE_BACKOFF = 0.9;
/**
 * Below the rate the provider was last seen to accept (what it took in the second it throttled, less one), a
 * learned rate climbs back by one request a second this often: that rate is known good, so creeping back to it
 * at GATE_THROTTLE_RATE_STEP_MS would leave the gate well under the limit for most of the run.
 */
export const GATE_THROTTLE_RATE_REGAIN_MS = 250;
/**
 * Each throttle that finds the provider's limit where the last one did doubles the time before the rate is
 * raised past it again (GATE_THROTTLE_RATE_STEP_MS, up to this many doublings): every probe above a limit
 * costs a throttle and its Retry-After, so a limit confirmed is probed ever more rarely.
 */
export const GATE_THROTTLE_RATE_PROBE_DOUBLINGS = 4;

// --- Memory (issue 15 item 8) ---

/**
 * The largest response body the gate reads. This operation's answers are a few kilobytes; past this the
 * connection is cut and the exchange fails not_a_server_error, naming the cap, so the gate's memory stays
 * bounded (at most this per request in flight) whatever the provider sends.
 */
export const GATE_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

// --- Signals (issue 15 item 7) ---

/**
 * After SIGINT/SIGTERM, how long the gate may take to stop what it started and write its partial reports
 * before it exits anyway (a second signal exits at once).
 */
export const GATE_INTERRUPT_GRACE_MS = 5_000;

/** `bu-contract serve --latency-ms` / `--rate-limit`: the largest values accepted (a minute; far past any real provider). */
export const PROVIDER_MAX_LATENCY_MS = 60_000;
export const PROVIDER_MAX_RATE_LIMIT = 1_000_000;

/** `npm run bench:remote`: the reference provider this far away (the gate runs with its defaults: 400 runs). */
export const REMOTE_BENCH_LATENCY_MS = 50;

// --- Concurrent stops (issue 9 item 3) ---

/**
 * How many stops of one active session a concurrent case sends at once (drawn between the two): two are
 * enough to show a lost update, eight stay within the sender's connection pool.
 */
export const GATE_CONCURRENT_STOPS_MIN = 2;
export const GATE_CONCURRENT_STOPS_MAX = 8;

// --- Gate engine: progress on stderr (issue 10) ---

/** On a terminal, the live progress line is redrawn at most this often. */
export const GATE_PROGRESS_REDRAW_MS = 100;
/** Without a terminal (CI logs), a plain progress line this often. */
export const GATE_PROGRESS_LOG_EVERY_MS = 5_000;
