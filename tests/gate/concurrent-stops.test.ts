/**
 * concurrent_stop_consistency: simultaneous stops of one session tell one story. The check on hand-made
 * records (what it compares, what it leaves to other checks), and the gate end to end: the reference
 * provider passes on every seed tried, and a provider that loses updates is caught with one worker or eight.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { concurrentStopConsistency } from '../../contracts/checks/concurrent-stop-consistency.ts';
import { GATE_CLOCK_TICK_MS, PROVIDER_STATES_PATH } from '../../contracts/config.ts';
import type { GateCase } from '../../contracts/model/case.ts';
import { classifyRequest } from '../../contracts/model/classify.ts';
import { executeCase } from '../../contracts/gate/execute.ts';
import { canonicalStop } from '../../contracts/gate/exchange.ts';
import type { CaseRecord, Exchange, ExchangeRole } from '../../contracts/model/record.ts';
import { curlReplay } from '../../contracts/report/curl.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import { StatesClient } from '../../contracts/gate/states-client.ts';
import { providerAddress } from '../../contracts/model/wire.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { createReferenceProvider, serveHandler, type ProviderHandler } from '../../provider/index.ts';
import { createPlantedBugProvider, plantedBug } from '../../fixtures/planted/providers.ts';
import { DISTINCTIVE_KEY, failedChecks, gateAgainst } from './helpers.ts';

const ID = '3f2a4c1e-9b8d-4e7f-a6b5-c4d3e2f1a0b9';
const STATE = PROVIDER_STATES.activeSessionWithRunningTasks;
const STOP = canonicalStop(ID);
const CASE: GateCase = { intent: 'valid', setup: { state: STATE, sessionId: ID }, request: STOP, concurrency: 3 };

interface Answer {
  readonly finishedAt?: unknown;
  readonly tasks?: ReadonlyArray<readonly [id: string, status: string]>;
  readonly status?: number;
}

const TASKS = [
  ['a1', 'stopped'],
  ['a2', 'stopped'],
  ['a3', 'finished'],
] as const;

function sent(
  role: ExchangeRole,
  { finishedAt = '2026-01-01T10:00:00.000Z', tasks = TASKS, status = 200 }: Answer = {},
): Exchange {
  const body = {
    id: ID,
    status: 'stopped',
    startedAt: '2026-01-01T09:00:00Z',
    finishedAt,
    tasks: tasks.map(([id, taskStatus]) => ({ id, status: taskStatus, sessionId: ID })),
  };
  return {
    role,
    setup: role === 'request' ? CASE.setup : undefined,
    pausedMs: role === 'after' ? GATE_CLOCK_TICK_MS : 0,
    request: STOP,
    class: classifyRequest(STOP, DISTINCTIVE_KEY),
    transmission: {
      kind: 'response',
      elapsedMs: 1,
      response: { status, headers: {}, contentType: 'application/json', text: JSON.stringify(body) },
    },
    body,
    verdict: undefined,
  };
}

/** Three simultaneous answers and the stop after them. */
function record(answers: readonly [Answer, Answer, Answer, Answer]): CaseRecord {
  const roles: ExchangeRole[] = ['request', 'concurrent', 'concurrent', 'after'];
  return {
    case: CASE,
    session: { kind: 'state', state: STATE, id: ID },
    exchanges: answers.map((answer, index) => sent(roles[index]!, answer)),
  };
}

const judge = (answers: readonly [Answer, Answer, Answer, Answer]) => concurrentStopConsistency.judge(record(answers));

describe('concurrent_stop_consistency on records', () => {
  it('passes the case, once, when all answers and the stop after them agree (finishedAt compared as an instant)', () => {
    const judgements = judge([
      {},
      { finishedAt: '2026-01-01T10:00:00+00:00' },
      { finishedAt: '2026-01-01T11:00:00.000000+01:00' },
      {},
    ]);
    // One judgement a case, on the stop after the burst, as a failure is one judgement a case.
    expect(judgements).toEqual([{ exchange: 3, failure: undefined }]);
  });

  it('fails an answer with another finishedAt, naming it and the one it should have agreed with', () => {
    const later = '2026-01-01T10:00:00.031Z';
    expect(judge([{}, {}, { finishedAt: later }, { finishedAt: later }])).toEqual([
      {
        exchange: 2,
        failure: {
          check: 'concurrent_stop_consistency',
          code: 'concurrent_stops_disagree',
          exchange: 2,
          concurrency: 3,
          agreedWith: 0,
          pointer: '/finishedAt',
          received: later,
          expected: '2026-01-01T10:00:00.000Z',
        },
      },
    ]);
  });

  it('compares task statuses by task id, whatever order the tasks are listed in', () => {
    expect(judge([{}, { tasks: [...TASKS].reverse() }, {}, {}]).every((judgement) => !judgement.failure)).toBe(true);
    const [judgement] = judge([
      {},
      {},
      {},
      {
        tasks: [
          ['a1', 'stopped'],
          ['a2', 'finished'],
          ['a3', 'finished'],
        ],
      },
    ]);
    expect(judgement?.failure).toMatchObject({
      exchange: 3,
      pointer: '/tasks/1/status',
      received: 'finished',
      expected: 'stopped',
    });
    expect(judge([{}, { tasks: TASKS.slice(1) }, {}, {}])[0]?.failure).toMatchObject({
      exchange: 1,
      pointer: '/tasks',
      received: ['a2', 'a3'],
    });
  });

  it('leaves other statuses and malformed finishedAt to the checks that own them: not judged, never passed', () => {
    expect(judge([{}, { status: 404 }, {}, {}])).toEqual([]);
    expect(judge([{}, { status: 500 }, {}, {}])).toEqual([]);
    expect(judge([{}, { finishedAt: 'yesterday' }, {}, {}])).toEqual([]);
    expect(judge([{}, { finishedAt: null }, {}, {}])).toEqual([]);
  });

  it('defers to stop_idempotence when the stop after them matches none of the answers (finishedAt moves on every stop)', () => {
    expect(
      judge([{}, { finishedAt: '2026-01-01T10:00:00.001Z' }, {}, { finishedAt: '2026-01-01T10:00:00.004Z' }]),
    ).toEqual([]);
  });

  it('judges nothing in a case without simultaneous stops, or one whose stops were not all answered', () => {
    const agreeing = record([{}, {}, {}, {}]);
    expect(
      concurrentStopConsistency.judge({ ...agreeing, case: { intent: 'valid', setup: CASE.setup, request: STOP } }),
    ).toEqual([]);
    expect(concurrentStopConsistency.judge({ ...agreeing, exchanges: agreeing.exchanges.slice(0, 3) })).toEqual([]);
  });

  it('replays the simultaneous stops in the background together, then waits, then the stop after them', () => {
    const lines = curlReplay(
      record([{}, {}, {}, {}]),
      'http://127.0.0.1:9',
      'http://127.0.0.1:9/_pact/provider-states',
      5_000,
    );
    expect(lines.map((line) => line.replace(/^curl .*-X PATCH .*?( &)?$/, 'PATCH$1'))).toEqual([
      expect.stringContaining('provider-states'),
      'PATCH &',
      'PATCH &',
      'PATCH &',
      'wait',
      `sleep ${(GATE_CLOCK_TICK_MS / 1000).toFixed(3)}`,
      'PATCH',
    ]);
  });
});

describe('executing a case with simultaneous stops', () => {
  it('sends the K stops at once, even with one worker, then one stop after them', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const seen = { inFlight: 0, most: 0 };
    // Each stop held 20 ms: stops sent one by one would never be in flight together.
    const handler: ProviderHandler = async (request) => {
      if (request.url === PROVIDER_STATES_PATH) return reference.handler(request);
      seen.most = Math.max(seen.most, ++seen.inFlight);
      try {
        await sleep(20);
        return await reference.handler(request);
      } finally {
        seen.inFlight--;
      }
    };
    const server = await serveHandler(handler, {});
    const sender = new Sender({ timeoutMs: 5_000, maxInFlight: 1 });
    const states = new StatesClient(server.url + PROVIDER_STATES_PATH, sender);
    try {
      const record = await executeCase(
        { address: providerAddress(server.url), apiKey: DISTINCTIVE_KEY, sender, states },
        { ...CASE, concurrency: 5 },
      );
      expect(record.exchanges.map((exchange) => exchange.role)).toEqual([
        'request',
        'concurrent',
        'concurrent',
        'concurrent',
        'concurrent',
        'after',
      ]);
      expect(seen.most).toBe(5);
      // Set up under a fresh id, never the drawn one (runs sharing the provider must not meet): the one the states URL answered.
      expect(record.session).toEqual({ kind: 'state', state: STATE, id: record.exchanges[0]!.setup!.sessionId });
      expect(record.session.kind === 'state' && record.session.id).not.toBe(ID);
      expect(concurrentStopConsistency.judge(record)).toEqual([{ exchange: 5, failure: undefined }]);
    } finally {
      sender.close();
      await server.close();
    }
  });
});

/** Enough runs for a dozen or so cases with simultaneous stops (about one case in twenty has them). */
const RUNS = '250';

describe('concurrent_stop_consistency end to end', () => {
  it.each(['1', '20251129', '31337', '777', '9001'])(
    'the reference provider passes every check on seed %s',
    async (seed) => {
      const result = await gateAgainst(createReferenceProvider({ apiKey: DISTINCTIVE_KEY }).handler, {
        seed,
        runs: RUNS,
        workers: '4',
      });
      expect(failedChecks(result)).toEqual([]);
      const consistency = result.checks.find((check) => check.name === 'concurrent_stop_consistency')!;
      expect(consistency.status).toBe('passed');
      // One judgement a case with simultaneous stops: a handful of them in 250 runs.
      expect(consistency.judged).toBeGreaterThanOrEqual(5);
    },
    60_000,
  );

  // The default seed: fewer runs than the default draw the same first cases, a dozen of them with simultaneous stops.
  it.each(['1', '8'])(
    'catches a provider that loses updates, with --workers %s',
    async (workers) => {
      const bug = plantedBug('lost-update-on-concurrent-stops');
      const result = await gateAgainst(createPlantedBugProvider(bug, { apiKey: DISTINCTIVE_KEY }).handler, {
        workers,
        runs: '150',
        checks: 'concurrent_stop_consistency,stop_idempotence,stop_semantics',
      });
      expect(failedChecks(result)).toEqual(['concurrent_stop_consistency']);
      const failed = result.checks.find((check) => check.name === 'concurrent_stop_consistency')!;
      expect(failed.failure?.failure).toMatchObject({ code: 'concurrent_stops_disagree', pointer: '/finishedAt' });
    },
    120_000,
  );

  it('leaves a provider that moves finishedAt on every stop to stop_idempotence', async () => {
    const result = await gateAgainst(
      createPlantedBugProvider(plantedBug('finished-at-moves'), { apiKey: DISTINCTIVE_KEY }).handler,
      { runs: RUNS },
    );
    expect(failedChecks(result)).toEqual(['stop_idempotence']);
    expect(result.checks.find((check) => check.name === 'concurrent_stop_consistency')!.failed).toBe(0);
  }, 60_000);
});
