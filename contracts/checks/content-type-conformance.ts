import { statusOf } from '../gate/record.ts';
import { fail, pass, type Check } from './check.ts';

export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  summary: 'a documented response has the media type the spec documents for it (application/json)',
  withoutSessions: 'whole',
  judge: (record) => record.exchanges.flatMap((exchange, index) => {
    const status = statusOf(exchange);
    if (status === undefined || !exchange.verdict || exchange.transmission.kind !== 'response') return [];
    const issues = exchange.verdict.issues.filter((issue) => issue.keyword === 'content-type');
    return [issues.length === 0 ? pass(index) : fail({
      check: 'content_type_conformance', code: 'wrong_content_type', exchange: index, status,
      received: exchange.transmission.response.contentType, issues,
    })];
  }),
};
