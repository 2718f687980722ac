/**
 * The deeper oracle (issue 16): the exact oracle catches what only the session before a stop shows, and a
 * provider without it keeps today's checks; what may change after a stop is named once and never judged;
 * bodies are decoded strictly, a failure quoting the byte offset and the bytes.
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAY_CHANGE, MAY_CHANGE_FIELDS, SETTLED } from '../../contracts/checks/after-stop.ts';
import { UNCHANGED_BY_STOP } from '../../contracts/checks/exact-oracle.ts';
import { PROVIDER_STATES } from '../../contracts/model/states.ts';
import { describeFailure } from '../../contracts/report/describe.ts';
import { decodeBody, firstInvalidUtf8 } from '../../contracts/transport/decode.ts';
import { ORACLE_BUGS, ORACLE_ONLY_BUGS, withoutOracle } from '../../fixtures/planted/oracle.ts';
import { createPlantedBugProvider, plantedBug, TOLERATED_VARIANTS } from '../../fixtures/planted/providers.ts';
import { createReferenceProvider } from '../../provider/reference-provider.ts';
import { DISTINCTIVE_KEY, failedChecks, gateAgainst } from './helpers.ts';

const RUNS = '150';

async function failureOf(name: string) {
  const result = await gateAgainst(createPlantedBugProvider(plantedBug(name), { apiKey: DISTINCTIVE_KEY }).handler, {
    runs: RUNS,
  });
  const found = result.checks.find((check) => check.status === 'failed')?.failure;
  return { result, failure: found?.failure, body: found?.record.exchanges[found.failure.exchange]?.body };
}

describe('the exact oracle', () => {
  it('is offered by the reference provider: a setup answers the session it set up beside its id', async () => {
    const reference = createReferenceProvider({ apiKey: DISTINCTIVE_KEY });
    const answer = reference.states.apply({ state: PROVIDER_STATES.activeSessionWithRunningTasks, action: 'setup' });
    expect(answer).toMatchObject({ sessionId: expect.any(String) as unknown, session: { status: 'active' } });
    expect('session' in answer && answer.session?.id).toBe('sessionId' in answer && answer.sessionId);
    expect(reference.states.apply({ state: PROVIDER_STATES.noSession, action: 'setup' })).not.toHaveProperty('session');
  });

  for (const name of ORACLE_ONLY_BUGS) {
    it(`${name}: caught by the oracle (stop_semantics, differs_from_setup); passed by a gate without it`, async () => {
      const { result, failure } = await failureOf(name);
      expect(failedChecks(result)).toEqual(['stop_semantics']);
      expect(failure).toMatchObject({ code: 'differs_from_setup' });
      const blind = await gateAgainst(
        createPlantedBugProvider({ ...plantedBug(name), states: withoutOracle }, { apiKey: DISTINCTIVE_KEY }).handler,
        { runs: RUNS },
      );
      expect(failedChecks(blind)).toEqual([]);
      expect(blind.exitCode).toBe(0);
    });
  }

  it('says which task the stop rewrote and what the setup had', async () => {
    const { failure, body } = await failureOf('stop-redates-tasks');
    const words = describeFailure(failure!, body);
    expect(words.title).toMatch(/exact oracle/);
    expect(words.documented).toMatch(/^\/tasks\/\d+\/createdAt: "[^"]+", as the states URL set it up/);
  });
});

describe('what a stop settles, and what may change after it', () => {
  it('never judges a field it names as free to change, and every group of them has a tolerated variant', () => {
    for (const field of [...SETTLED.task, ...UNCHANGED_BY_STOP.task])
      expect(MAY_CHANGE_FIELDS.task).not.toContain(field);
    for (const field of [...SETTLED.session, ...UNCHANGED_BY_STOP.session])
      expect(MAY_CHANGE_FIELDS.session).not.toContain(field);
    for (const group of MAY_CHANGE) {
      expect(group.reason.length).toBeGreaterThan(20);
      expect(TOLERATED_VARIANTS.some((variant) => variant.description.includes(group.reason))).toBe(true);
    }
  });

  it('a repeat that re-dates the tasks the first stop stopped fails stop_idempotence, naming the task', async () => {
    const { failure, body } = await failureOf('repeat-redates-stopped-tasks');
    expect(failure).toMatchObject({ check: 'stop_idempotence', code: 'settled_changed' });
    expect(describeFailure(failure!, body).documented).toMatch(/finishedAt: "[^"]+", as the first stop settled it$/);
  });

  it.each([
    ['stopped-task-finished-before-created', /finishedAt$/, /not before \/tasks\/\d+\/createdAt/],
    ['task-started-before-created', /startedAt$/, /not before \/tasks\/\d+\/createdAt/],
    ['stopped-task-without-finished-at', /finishedAt$/, /set: this stop stopped the task/],
  ])('%s: a task timeline out of order fails stop_semantics', async (name, pointer, expected) => {
    const { failure } = await failureOf(name);
    expect(failure).toMatchObject({ check: 'stop_semantics' });
    const problems = failure && 'problems' in failure ? failure.problems : [];
    expect(problems.some((problem) => pointer.test(problem.pointer) && expected.test(problem.expected))).toBe(true);
  });

  it('every planted fault of issue 16 is listed with the check that owns it', () => {
    expect(ORACLE_BUGS.map((bug) => bug.breaks).every((check) => check !== undefined)).toBe(true);
  });
});

describe('strict bytes', () => {
  it.each([
    ['valid', Buffer.from('{"a":"é 😀"}'), -1],
    ['a Latin-1 é', Buffer.from([0x7b, 0x22, 0x52, 0xe9, 0x73, 0x22, 0x7d]), 3],
    ['a lone continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong /', Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ['a surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a sequence cut short at the end', Buffer.from([0x61, 0xe2, 0x82]), 1],
  ])('finds the first byte that is not UTF-8: %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(bytes)).toBe(offset);
  });

  it('agrees with the native check on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        expect(firstInvalidUtf8(bytes) === -1).toBe(isUtf8(bytes));
      }),
      { seed: 16, numRuns: 2_000 },
    );
  });

  it('quotes the offset and the bytes there', () => {
    expect(decodeBody(Buffer.from([0x7b, 0xe9, 0x7d]))).toEqual({
      text: '{\ufffd}',
      undecodable: { offset: 1, bytes: 'e9 7d' },
    });
    expect(decodeBody(Buffer.from('{"ok":"é"}'))).toEqual({ text: '{"ok":"é"}' });
  });

  it('a Latin-1 body labelled JSON fails response_schema_conformance, worded with the offset and the bytes', async () => {
    const { failure, body } = await failureOf('latin-1-output');
    expect(failure).toMatchObject({ check: 'response_schema_conformance', code: 'body_not_utf8', bytes: /^e9/ });
    expect(describeFailure(failure!, body).received).toMatch(/^bytes e9( [0-9a-f]{2}){0,3} at byte offset \d+$/);
  });
});
