import { statusOf } from '../model/record.ts';
import { eachExchange, fail, pass, type Check } from './check.ts';

export const responseSchemaConformance: Check = {
  name: 'response_schema_conformance',
  summary:
    "a documented response's body is UTF-8 and matches its schema: every format and pattern, ECMA-262 semantics, every error listed",
  withoutSessions: 'whole',
  judge: eachExchange((exchange, index) => {
    const status = statusOf(exchange);
    if (status === undefined || !exchange.verdict) return undefined;
    const undecodable =
      exchange.transmission.kind === 'response' ? exchange.transmission.response.undecodable : undefined;
    if (undecodable)
      return fail({
        check: 'response_schema_conformance',
        code: 'body_not_utf8',
        exchange: index,
        status,
        ...undecodable,
      });
    const issues = exchange.verdict.issues.filter((issue) => issue.in === 'body');
    return issues.length === 0
      ? pass(index)
      : fail({ check: 'response_schema_conformance', code: 'schema_violation', exchange: index, status, issues });
  }),
};
