import { eachExchange, fail, pass, type Check } from './check.ts';

export const noHang: Check = {
  name: 'no_hang',
  summary: 'every request is answered in full within --timeout-ms',
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const sent = exchange.transmission;
    if (sent.kind === 'unreachable') return undefined;
    return sent.kind === 'timeout'
      ? fail({ check: 'no_hang', code: 'timeout', exchange: index, timeoutMs: sent.timeoutMs })
      : pass(index);
  }),
};
