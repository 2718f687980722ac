import { eachExchange, fail, pass, type Check } from './check.ts';

export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  summary: 'a documented response has the media type the spec documents for it (application/json)',
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const sent = exchange.transmission;
    if (sent.kind !== 'response' || !exchange.verdict) return undefined;
    const issues = exchange.verdict.issues.filter((issue) => issue.keyword === 'content-type');
    return issues.length === 0
      ? pass(index)
      : fail({
          check: 'content_type_conformance',
          code: 'wrong_content_type',
          exchange: index,
          status: sent.response.status,
          received: sent.response.contentType,
          issues,
        });
  }),
};
