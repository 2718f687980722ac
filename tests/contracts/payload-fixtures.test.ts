/**
 * The example payloads in provider/payloads keep their promises: every valid one passes zod, the spec
 * validator's component check and (for a response body) its response check; every invalid one is
 * rejected by all of them; and the examples have the variety they claim.
 */
import { describe, expect, it } from 'vitest';
import { invalidPayloads, sessionActive, sessionStopped, validPayloads } from '../../provider/payloads/index.ts';
import { isDateTime } from '../../contracts/formats.ts';
import { componentSchemas, TaskStatus, type SessionView } from '../../contracts/schemas.ts';
import { specValidator } from '../../contracts/validator.ts';

const validator = specValidator();

function verdicts({
  component,
  status,
  value,
}: {
  component: keyof typeof componentSchemas;
  status?: number;
  value: unknown;
}) {
  return {
    zod: componentSchemas[component].safeParse(value).success,
    component: validator.validateComponent(component, value).valid,
    ...(status === undefined
      ? {}
      : { response: validator.validateResponse({ status, contentType: 'application/json', body: value }).valid }),
  };
}
const all = (valid: boolean, status?: number) => ({
  zod: valid,
  component: valid,
  ...(status === undefined ? {} : { response: valid }),
});

describe('valid example payloads', () => {
  it.each(validPayloads)('$name is valid for zod and the spec validator', (payload) => {
    expect(verdicts(payload)).toEqual(all(true, payload.status));
  });

  it('a request body passes the spec validator as a request too', () => {
    const body = JSON.stringify(validPayloads.find((p) => p.component === 'UpdateSessionRequest')!.value);
    const verdict = validator.validateRequest({
      sessionId: sessionActive.id,
      headers: { 'content-type': 'application/json', 'x-browser-use-api-key': 'example' },
      body,
    });
    expect(verdict.issues).toEqual([]);
  });

  it('cover every TaskStatus, null and set optional fields, the decimal forms promised, UTC date-times with Z', () => {
    const sessions = validPayloads.filter((p) => p.component === 'SessionView').map((p) => p.value as SessionView);
    const tasks = sessions.flatMap((s) => s.tasks);
    expect(new Set(sessionActive.tasks.map((t) => t.status))).toEqual(new Set(TaskStatus.options));
    expect(tasks.some((t) => t.output === null) && tasks.some((t) => typeof t.output === 'string')).toBe(true);
    expect(tasks.some((t) => !('output' in t))).toBe(true);
    const decimals = [...sessions.flatMap((s) => [s.proxyUsedMb, s.proxyCost]), ...tasks.map((t) => t.cost)];
    expect(decimals).toEqual(expect.arrayContaining(['0', '12.50', '0.000123', '.5']));
    const dateTimes = [
      ...sessions.flatMap((s) => [s.startedAt, s.finishedAt]),
      ...tasks.flatMap((t) => [t.createdAt, t.startedAt, t.finishedAt]),
    ].filter((d): d is string => typeof d === 'string');
    expect(dateTimes.every((d) => isDateTime(d) && d.endsWith('Z'))).toBe(true);
    expect(sessionStopped.status).toBe('stopped');
    expect(sessionStopped.finishedAt).not.toBeNull();
  });

  it('are frozen, so no test can change one under another', () => {
    expect(() => {
      (sessionActive.tasks[0] as { llm: string }).llm = 'changed';
    }).toThrow(TypeError);
  });
});

describe('invalid counterparts', () => {
  it('have unique names and say why', () => {
    expect(new Set(invalidPayloads.map((p) => p.name)).size).toBe(invalidPayloads.length);
    expect(invalidPayloads.every((p) => p.why.length > 0)).toBe(true);
  });

  it.each(invalidPayloads)('$name is rejected by zod and the spec validator ($why)', (payload) => {
    expect(verdicts(payload)).toEqual(all(false, payload.status));
  });

  it('cover every component the examples cover', () => {
    expect(new Set(invalidPayloads.map((p) => p.component))).toEqual(new Set(validPayloads.map((p) => p.component)));
  });
});
