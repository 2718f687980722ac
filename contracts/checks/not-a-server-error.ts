import { eachExchange, fail, pass, type Check } from './check.ts';
import { refusedForSize } from './policy.ts';

export const notAServerError: Check = {
  name: 'not_a_server_error',
  summary: 'no request gets a 5xx or a connection dropped without an answer (a size refusal aside)',
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const sent = exchange.transmission;
    const check = 'not_a_server_error';
    switch (sent.kind) {
      case 'timeout':
        return undefined;
      case 'unreachable':
        return fail({ check, code: 'provider_unreachable', exchange: index, error: sent.code });
      case 'dropped':
        // Checked first: an answer too large to read is never a size refusal of the request.
        if (sent.capBytes !== undefined)
          return fail({ check, code: 'response_too_large', exchange: index, capBytes: sent.capBytes });
        return refusedForSize(exchange)
          ? pass(index)
          : fail({ check, code: 'connection_dropped', exchange: index, error: sent.code });
      case 'response':
        return sent.response.status >= 500
          ? fail({ check, code: 'server_error', exchange: index, status: sent.response.status })
          : pass(index);
    }
  }),
};
