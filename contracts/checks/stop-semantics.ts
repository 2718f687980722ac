/**
 * What a stop must do, judged on every valid, authorised request that names a session whose presence the
 * gate knows: an existing session answers 200 (never 404), an absent one never 200, and a 200 shows the
 * session stopped, every task's timeline in order; when the states URL said which session it set up, the
 * 200 is compared with that session too (the exact oracle, exact-oracle.ts). Other statuses belong to other checks (422 to positive_data_acceptance, 5xx to
 * not_a_server_error, …), so one fault is reported once.
 */
import { statusOf, type CaseRecord } from '../model/record.ts';
import { fail, pass, type Check, type Judgement } from './check.ts';
import { oracleProblems, setUpSession } from './exact-oracle.ts';
import { okView, presenceAt, stoppedViewProblems } from './observations.ts';
import { isValidAuthorised } from './policy.ts';

function judge(record: CaseRecord): Judgement[] {
  return record.exchanges.flatMap((exchange, index) => {
    const status = statusOf(exchange);
    const presence = presenceAt(record, index);
    if (!isValidAuthorised(exchange) || status === undefined || presence === 'unknown') return [];
    const check = 'stop_semantics';
    if (presence === 'absent') {
      return status === 200
        ? [fail({ check, code: 'absent_session_stopped', exchange: index, status })]
        : status === 404
          ? [pass(index)]
          : [];
    }
    if (status === 404)
      return [
        fail({ check, code: 'existing_session_not_found', exchange: index, state: exchange.setup?.state ?? presence }),
      ];
    const view = okView(exchange);
    if (!view) return [];
    const problems = stoppedViewProblems(view, exchange.request.sessionId, presence === 'active');
    if (problems.length > 0) return [fail({ check, code: 'not_stopped', exchange: index, problems })];
    // The exact oracle, when the states URL said which session it set up right before this stop.
    const before = setUpSession(exchange.setup?.session);
    const departures = before ? oracleProblems(before, view) : [];
    return [
      departures.length === 0
        ? pass(index)
        : fail({ check, code: 'differs_from_setup', exchange: index, problems: departures }),
    ];
  });
}

export const stopSemantics: Check = {
  name: 'stop_semantics',
  summary:
    'a stop of an existing session gets 200 showing it stopped: same id (any case), finishedAt set and not before startedAt, no task created/started, every task its own and its timeline in order; with the exact oracle, the tasks set up, the running ones stopped, the ended ones untouched',
  withoutSessions: 'skipped',
  judge,
};
