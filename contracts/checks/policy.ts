/**
 * The gate's status policy, in one table (as Schemathesis keeps its expected statuses in one place):
 * which statuses a response may have beyond the ones the spec documents, and when.
 */
import type { RequestClass } from '../model/classify.ts';
import type { Exchange } from '../model/record.ts';
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

/** The statuses the operation documents; the spec never changes during a run, so read once. */
export const DOCUMENTED_STATUSES: readonly number[] = Object.freeze(specValidator().documentedStatuses());

function allowedFor(oversized: boolean, routable: boolean): readonly number[] {
  return Object.freeze(
    [
      ...new Set([
        ...DOCUMENTED_STATUSES,
        ...AUTH_STATUSES,
        ...(oversized ? TRANSPORT_LIMIT_STATUSES : []),
        ...(routable ? [] : NO_ROUTE_STATUSES),
      ]),
    ].sort((a, b) => a - b),
  );
}

/** The allowed list for each kind of request (oversized or not, routable or not), built once. */
const ALLOWED = {
  oversized: { routable: allowedFor(true, true), unroutable: allowedFor(true, false) },
  fitting: { routable: allowedFor(false, true), unroutable: allowedFor(false, false) },
} as const;

/**
 * RFC 9110 §15.5.16: content in a media type the operation does not take may be refused with 415. Allowed
 * only for requests whose Content-Type the spec refuses (the operation takes application/json alone).
 */
export const UNSUPPORTED_MEDIA_TYPE_STATUSES: readonly number[] = [415];

const withUnsupportedMediaType = new Map<readonly number[], readonly number[]>();

export function allowedStatuses(requestClass: RequestClass): readonly number[] {
  const allowed =
    ALLOWED[requestClass.oversized ? 'oversized' : 'fitting'][requestClass.routable ? 'routable' : 'unroutable'];
  if (!requestClass.issues.some((issue) => issue.keyword === 'content-type')) return allowed;
  let widened = withUnsupportedMediaType.get(allowed);
  if (!widened) {
    widened = Object.freeze([...allowed, ...UNSUPPORTED_MEDIA_TYPE_STATUSES].sort((a, b) => a - b));
    withUnsupportedMediaType.set(allowed, widened);
  }
  return widened;
}

/** An oversized request refused for its size (a limit status, or the connection cut while it was sent): never a failure. */
export function refusedForSize(exchange: Exchange): boolean {
  if (!exchange.class.oversized) return false;
  const sent = exchange.transmission;
  return (
    sent.kind === 'dropped' || (sent.kind === 'response' && TRANSPORT_LIMIT_STATUSES.includes(sent.response.status))
  );
}

/** The request carried the gate's key and the spec accepts everything else about it. */
export function isValidAuthorised(exchange: Exchange): boolean {
  return exchange.class.valid && exchange.class.credential === 'key';
}
