/**
 * Shapes for showing a case: long strings shortened (a 1 MiB body prints as its start and its length),
 * and the exchange that broke a check told as request and response.
 */
import { CHECKS } from '../checks/registry.ts';
import type { CheckName } from '../checks/failure.ts';
import type { Exchange } from '../model/record.ts';

/** What a check's judged/passed/failed count: requests for most, whole cases (a burst of stops) for some. */
export function judgedUnit(check: CheckName): 'requests' | 'cases' {
  return CHECKS[check].judges ?? 'requests';
}

const MAX_STRING = 160;

/** `value` with every string longer than MAX_STRING cut to its start and a count. */
export function abbreviate(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING / 2)}…[${value.length} chars]` : value;
  }
  if (Array.isArray(value)) return value.map(abbreviate);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, abbreviate(inner)]));
  }
  return value;
}

export function exchangeSummary(exchange: Exchange): { request: unknown; response: unknown } {
  const sent = exchange.transmission;
  const response =
    sent.kind === 'response'
      ? {
          status: sent.response.status,
          contentType: sent.response.contentType ?? null,
          body: abbreviate(exchange.body),
        }
      : sent.kind === 'timeout'
        ? { noAnswerWithinMs: sent.timeoutMs }
        : { connection: sent.code };
  return { request: abbreviate({ role: exchange.role, ...exchange.request }), response };
}
