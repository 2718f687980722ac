/**
 * What the consumer pacts ask of a provider beyond the spec, in one place. A pact may require a property
 * only when the spec requires it, or the SDK's runtime reads it without a fallback, or the SDK's published
 * types promise it in a 200 body; the last two go beyond the spec and are listed here, each with why.
 *
 * Two readers: tests/pacts/pact-asks.test.ts derives from the spec and the SDK's .d.ts that this list is
 * exactly what the pacts require beyond the spec (so a new over-strict matcher fails the build), and
 * Pact verification labels a mismatch on one of them, so a provider team sees it is the consumer's
 * expectation, not the spec's.
 */

export interface BeyondSpecAsk {
  /** Where in the response body, as Pact writes paths. */
  readonly path: string;
  /** The spec component and property it is in (the SDK's type of the same name). */
  readonly component: string;
  readonly property: string;
  /** The response status whose body it is in. */
  readonly status: number;
  /** What the spec says of it: derived from the spec by the test, so it can't drift. */
  readonly spec: string;
  /** Why the consumer asks anyway. */
  readonly reason: string;
}

export const BEYOND_SPEC_ASKS: readonly BeyondSpecAsk[] = [
  {
    path: '$.proxyUsedMb',
    component: 'SessionView',
    property: 'proxyUsedMb',
    status: 200,
    spec: "optional, default '0'",
    reason: 'the SDK types it as always present (proxyUsedMb: string): a client reads it without a fallback',
  },
  {
    path: '$.proxyCost',
    component: 'SessionView',
    property: 'proxyCost',
    status: 200,
    spec: "optional, default '0'",
    reason:
      'the SDK types it as always present (proxyCost: string): a client reconciling what a stop cost reads it without a fallback',
  },
];

/**
 * Where a pact's matcher admits fewer values than the spec's schema, because of what the operation does
 * (it stops the session and its running tasks) or what the provider state sets up — not beyond the spec,
 * which says so in words, but beyond its schema. The derivation test holds every narrower matcher to this
 * list, and each entry to exactly the values it names.
 */
export type Narrowing =
  | {
      readonly path: string;
      readonly kind: 'present';
      readonly component: string;
      readonly property: string;
      /** What the spec's schema says of it (derived by the test): the words of its description ask more. */
      readonly spec: string;
      readonly reason: string;
    }
  | { readonly path: string; readonly kind: 'enum'; readonly admits: readonly string[]; readonly reason: string }
  | {
      readonly path: string;
      readonly kind: 'min-items';
      readonly min: number;
      readonly state: string;
      readonly reason: string;
    };

export const NARROWED_BY_THE_OPERATION: readonly Narrowing[] = [
  {
    path: '$.finishedAt',
    kind: 'present',
    component: 'SessionView',
    property: 'finishedAt',
    spec: 'optional, nullable',
    reason:
      'a stop sets it ("Timestamp when the session was stopped (None if still active)"), as the gate\'s stop_semantics checks',
  },
  {
    path: '$.status',
    kind: 'enum',
    admits: ['stopped'],
    reason: 'the operation stops the session ("Stop a session and all its running tasks")',
  },
  {
    path: '$.tasks[*].status',
    kind: 'enum',
    admits: ['finished', 'stopped'],
    reason: 'a stop leaves no task created or started',
  },
  {
    path: '$.tasks',
    kind: 'min-items',
    min: 1,
    state: 'an active session with running tasks',
    reason: 'the state sets up a session with tasks',
  },
];

/** How a report names a mismatch on what a pact asks beyond the spec, or beyond its schema. */
export function askLabel(ask: BeyondSpecAsk | Extract<Narrowing, { kind: 'present' }>): string {
  return 'status' in ask
    ? `beyond the spec: the consumer's expectation (spec: ${ask.spec}) at ${ask.path}: ${ask.reason}`
    : `beyond the spec's schema: what the operation does (spec: ${ask.spec}) at ${ask.path}: ${ask.reason}`;
}

/**
 * The label of a Pact core mismatch on an ask beyond the spec (or its schema), if it is on one. The core
 * words a missing property as `$: Actual map is missing the following keys: a, b` (the parent's path)
 * and a wrong value at its own path (`$.proxyCost: Expected …`), so both are read.
 */
export function mismatchLabel(mismatch: string): string | undefined {
  const separator = mismatch.indexOf(': ');
  if (separator < 0) return undefined;
  const path = mismatch.slice(0, separator).replace(/\[\d+\]/g, '[*]'); // asks speak of every item
  const missing = /missing the following [^:]*: (.*)$/.exec(mismatch.slice(separator + 2));
  const paths = missing ? missing[1]!.split(',').map((key) => `${path}.${key.trim()}`) : [path];
  const asks = [...BEYOND_SPEC_ASKS, ...NARROWED_BY_THE_OPERATION.flatMap((n) => (n.kind === 'present' ? [n] : []))];
  const ask = asks.find((candidate) => paths.includes(candidate.path));
  return ask && askLabel(ask);
}
