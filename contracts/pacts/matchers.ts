/**
 * Pact matchers for the Update Session contract, built from the dialect-neutral regexes in patterns.ts.
 * They fix the shape a client relies on, not the values of one run.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { V4ResponseBuilder } from '@pact-foundation/pact/src/v4/http/types.js';
import {
  PACT_DATE_TIME_REGEX,
  PACT_DECIMAL_REGEX,
  PACT_JSON_CONTENT_TYPE_REGEX,
  PACT_UUID_REGEX,
  enumRegex,
} from './patterns.ts';

export const uuid = (example: string) => MatchersV3.regex(PACT_UUID_REGEX, example);
export const dateTime = (example: string) => MatchersV3.regex(PACT_DATE_TIME_REGEX, example);
export const decimal = (example: string) => MatchersV3.regex(PACT_DECIMAL_REGEX, example);
export const oneOf = <T extends string>(values: readonly T[], example: T) =>
  MatchersV3.regex(enumRegex(values), example);
export const jsonContentType = () => MatchersV3.regex(PACT_JSON_CONTENT_TYPE_REGEX, 'application/json');

/** One Pact matching rule, in the pact file's own format. */
export type PactRule =
  | { readonly match: 'type'; readonly min?: number }
  | { readonly match: 'integer' }
  | { readonly match: 'null' }
  | { readonly match: 'regex'; readonly regex: string };

/** The rules on one body path: all must hold (AND), or any one (OR, the spec's `anyOf`). */
export interface PactRuleList {
  readonly combine?: 'AND' | 'OR';
  readonly matchers: readonly PactRule[];
}

/** The items of ValidationError.loc: `anyOf [string, integer]` (a `type` rule on a string example is "a string"). */
export const STRING_OR_INTEGER: PactRuleList = { combine: 'OR', matchers: [{ match: 'type' }, { match: 'integer' }] };

/**
 * Puts matching rules on response body paths directly — for what pact-js 16's DSL cannot say, such as
 * the spec's `anyOf [string, integer]`: its `matchingRules()` drops the `combine` field, though the Pact
 * core and the V4 pact format support `"combine": "OR"`. So the rules go to the core as pact-format JSON
 * through the builder's interaction handle. Put plain example values at these paths in `jsonBody` (no
 * matcher objects), so these rules are the only ones on them; tests/pacts check the rules land in the
 * pact and that verification honours every branch.
 */
export function responseBodyRules(builder: V4ResponseBuilder, rules: Readonly<Record<string, PactRuleList>>): void {
  const handle = (builder as unknown as { interaction?: { withResponseMatchingRules?: (json: string) => void } })
    .interaction;
  if (typeof handle?.withResponseMatchingRules !== 'function') {
    throw new Error(
      'this version of pact-js no longer exposes withResponseMatchingRules; the anyOf rules need another route',
    );
  }
  handle.withResponseMatchingRules(JSON.stringify({ body: rules }));
}
