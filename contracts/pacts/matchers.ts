/**
 * Pact matchers for the Update Session contract, built from the dialect-neutral regexes in patterns.ts.
 * They fix the shape a client relies on, not the values of one run.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { V4ResponseBuilder } from '@pact-foundation/pact/src/v4/http/types.js';
import {
  PACT_DATE_TIME_REGEX, PACT_DECIMAL_REGEX, PACT_JSON_CONTENT_TYPE_REGEX, PACT_UUID_REGEX, enumRegex,
} from './patterns.ts';

export const uuid = (example: string) => MatchersV3.regex(PACT_UUID_REGEX, example);
export const dateTime = (example: string) => MatchersV3.regex(PACT_DATE_TIME_REGEX, example);
export const decimal = (example: string) => MatchersV3.regex(PACT_DECIMAL_REGEX, example);
export const oneOf = <T extends string>(values: readonly T[], example: T) => MatchersV3.regex(enumRegex(values), example);
export const jsonContentType = () => MatchersV3.regex(PACT_JSON_CONTENT_TYPE_REGEX, 'application/json');

/** What a nullable field must be when it is not null. */
export type NullableKind =
  | { readonly kind: 'type' }
  | { readonly kind: 'regex'; readonly regex: string };

export const NULLABLE_DATE_TIME: NullableKind = { kind: 'regex', regex: PACT_DATE_TIME_REGEX };

/**
 * Marks response body paths as "this, or null" — the spec's `anyOf [X, null]`.
 *
 * pact-js 16 has no DSL for it: its `matchingRules()` drops the `combine` field, though the Pact core
 * and the V4 pact format support `"combine": "OR"`. So the rules go to the core as pact-format JSON
 * through the builder's interaction handle. Put a plain example value at these paths in `jsonBody`
 * (no matcher object), so these rules are the only ones on them; tests/consumer checks the rules land
 * in the pact and the mock server honours both branches.
 */
export function nullableResponseFields(builder: V4ResponseBuilder, fields: Readonly<Record<string, NullableKind>>): void {
  const body = Object.fromEntries(Object.entries(fields).map(([path, nonNull]) => [path, {
    combine: 'OR',
    matchers: [nonNull.kind === 'regex' ? { match: 'regex', regex: nonNull.regex } : { match: 'type' }, { match: 'null' }],
  }]));
  const handle = (builder as unknown as { interaction?: { withResponseMatchingRules?: (json: string) => void } }).interaction;
  if (typeof handle?.withResponseMatchingRules !== 'function') {
    throw new Error('this version of pact-js no longer exposes withResponseMatchingRules; nullable matchers need another route');
  }
  handle.withResponseMatchingRules(JSON.stringify({ body }));
}
