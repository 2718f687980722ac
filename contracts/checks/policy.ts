/**
 * The gate's status policy, in one table (as Schemathesis keeps its expected statuses in one place):
 * which statuses a response may have beyond the ones the spec documents, and when.
 */
import type { RequestClass } from '../gate/classify.ts';
import type { Exchange } from '../gate/record.ts';
import { specValidator } from '../validator.ts';

/** The security scheme (an API key header) implies these, though the operation does not list them. */
export const AUTH_STATUSES: readonly number[] = [401, 403];

/** A server may refuse a request on size alone; allowed only for requests the gate classes as oversized. */
export const TRANSPORT_LIMIT_STATUSES: readonly number[] = [413, 414, 431];

/**
 * "No such route" (and the trailing-slash redirect frameworks such as Starlette answer with): allowed only
 * for requests that may not reach the operation's route at all (an empty id, an id with `/`).
 */
export const NO_ROUTE_STATUSES: readonly number[] = [301, 302, 307, 308, 404, 405];

export function documentedStatuses(): readonly number[] {
  return specValidator().documentedStatuses();
}

export function allowedStatuses(requestClass: RequestClass): number[] {
  return [...new Set([
    ...documentedStatuses(),
    ...AUTH_STATUSES,
    ...(requestClass.oversized ? TRANSPORT_LIMIT_STATUSES : []),
    ...(requestClass.routable ? [] : NO_ROUTE_STATUSES),
  ])].sort((a, b) => a - b);
}

/** An oversized request refused for its size (a limit status, or the connection cut while it was sent): never a failure. */
export function refusedForSize(exchange: Exchange): boolean {
  if (!exchange.class.oversized) return false;
  const sent = exchange.transmission;
  return sent.kind === 'dropped' || (sent.kind === 'response' && TRANSPORT_LIMIT_STATUSES.includes(sent.response.status));
}

/** The request carried the gate's key and the spec accepts everything else about it. */
export function isValidAuthorised(exchange: Exchange): boolean {
  return exchange.class.valid && exchange.class.credential === 'key';
}
