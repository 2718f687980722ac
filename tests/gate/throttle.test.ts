/**
 * The sender against providers that throttle or must not be overrun: the in-flight cap and the burst that
 * bypasses it, the rate cap, 429 / 503 + Retry-After waited out and resent (seconds, HTTP-date, backoff),
 * a bare 503 left as the provider's answer, and a provider that never stops throttling ending as exit 2.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, UsageError } from '../../contracts/errors.ts';
import { Pacer, RateLearner } from '../../contracts/transport/pacer.ts';
import { Sender } from '../../contracts/transport/sender.ts';
import type { Transmission, WireRequest } from '../../contracts/transport/types.ts';
import {
  DEFAULT_THROTTLE_POLICY,
  rateLimitOf,
  retryAfterMs,
  throttleOf,
  waitMs,
} from '../../contracts/transport/throttle.ts';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly delayMs?: number;
}

interface Scripted {
  readonly origin: URL;
  /** performance.now() at each request's arrival. */
  readonly arrivals: number[];
  readonly maxConcurrent: () => number;
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A server answering its n-th request (0-based) as `script(n)` says, counting requests in flight. */
async function scripted(script: (n: number, req: IncomingMessage) => Answer): Promise<Scripted> {
  const arrivals: number[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const server = createServer((req, res) => {
    const n = arrivals.length;
    arrivals.push(performance.now());
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    req.resume();
    req.on('end', () => {
      const answer = script(n, req);
      const body = JSON.stringify({ n });
      setTimeout(() => {
        concurrent--;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(body);
      }, answer.delayMs ?? 0);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: new URL(`http://127.0.0.1:${port}`),
    arrivals,
    maxConcurrent: () => maxConcurrent,
    close: async () => {},
  };
}

const get = (origin: URL, n = 0): WireRequest => ({
  method: 'PATCH',
  origin,
  target: `/sessions/${n}`,
  headers: { 'content-type': 'application/json' },
  body: '{"action":"stop"}',
});

function status(sent: Transmission): number | string {
  return sent.kind === 'response' ? sent.response.status : sent.kind;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('the in-flight cap', () => {
  it('keeps at most maxInFlight requests at the provider at once', async () => {
    const server = await scripted(() => ({ status: 200, delayMs: 80 }));
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 3 });
    const sent = await Promise.all(Array.from({ length: 12 }, (_, n) => sender.send(get(server.origin, n))));
    sender.close();
    expect(sent.map(status)).toEqual(Array(12).fill(200));
    expect(server.maxConcurrent()).toBe(3);
  });

  it('does not hold back a burst: K simultaneous requests are at the provider together even with a cap of 1', async () => {
    const server = await scripted(() => ({ status: 200, delayMs: 300 }));
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 1 });
    await Promise.all(Array.from({ length: 4 }, (_, n) => sender.send(get(server.origin, n), { burst: true })));
    sender.close();
    expect(server.maxConcurrent()).toBe(4);
  });
});

describe('the rate cap', () => {
  it('starts no more than maxRps requests in any second', async () => {
    const server = await scripted(() => ({ status: 200 }));
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 12, maxRps: 5 });
    const { ms } = await timed(() =>
      Promise.all(Array.from({ length: 12 }, (_, n) => sender.send(get(server.origin, n)))),
    );
    sender.close();
    // 12 starts at 5 a second, spaced 200 ms: the last one 2.2 s after the first.
    expect(ms).toBeGreaterThan(2_000);
    // Any 900 ms window (a margin for arrival jitter on a loaded machine) saw at most 5 of them.
    for (const [i, at] of server.arrivals.entries()) {
      expect(server.arrivals.slice(i).filter((later) => later - at < 900).length).toBeLessThanOrEqual(5);
    }
  });

  it('does not space out a burst that fits in the second: its requests still arrive together', async () => {
    const server = await scripted(() => ({ status: 200, delayMs: 300 }));
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 1, maxRps: 5 });
    await Promise.all(Array.from({ length: 4 }, (_, n) => sender.send(get(server.origin, n), { burst: true })));
    sender.close();
    expect(server.maxConcurrent()).toBe(4);
  });

  it('without a cap sends as fast as the in-flight limit allows', async () => {
    const server = await scripted(() => ({ status: 200 }));
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 12 });
    const { ms } = await timed(() =>
      Promise.all(Array.from({ length: 12 }, (_, n) => sender.send(get(server.origin, n)))),
    );
    sender.close();
    expect(ms).toBeLessThan(1_500);
  });
});

describe('throttling answers are waited out and the request sent again', () => {
  it('429 with Retry-After in seconds', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000 });
    const { value, ms } = await timed(() => sender.send(get(server.origin)));
    sender.close();
    expect(status(value)).toBe(200);
    expect(server.arrivals).toHaveLength(2);
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(950);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(sender.stats().throttled).toBe(1);
    expect(sender.stats().throttledMs).toBeGreaterThanOrEqual(990);
    expect(sender.stats().throttledMs).toBeLessThanOrEqual(1_010);
  });

  it('429 with Retry-After as an HTTP-date', async () => {
    // Whole seconds only: two seconds ahead is at least one second ahead once truncated.
    const server = await scripted((n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString() } }
        : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000 });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(200);
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(900);
    expect(sender.stats().throttled).toBe(1);
  });

  it('429 without Retry-After: backs off, doubling', async () => {
    const server = await scripted((n) => (n < 2 ? { status: 429 } : { status: 200 }));
    const sender = new Sender({ timeoutMs: 10_000, throttle: { backoffMs: 200 } });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(200);
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(190);
    expect(server.arrivals[2]! - server.arrivals[1]!).toBeGreaterThanOrEqual(390);
    expect(sender.stats().throttled).toBe(2);
  });

  it('503 with Retry-After', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000 });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(200);
    expect(sender.stats().throttled).toBe(1);
  });

  it('but a 503 without Retry-After is the provider failing: returned as it is, for not_a_server_error to judge', async () => {
    const server = await scripted(() => ({ status: 503 }));
    const sender = new Sender({ timeoutMs: 10_000 });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(503);
    expect(server.arrivals).toHaveLength(1);
    expect(sender.stats()).toEqual({ throttled: 0, throttledMs: 0 });
  });

  it('the deadline covers one attempt, never the wait: a 1 s wait under a 400 ms timeout is no timeout', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, delayMs: 50 },
    );
    const sender = new Sender({ timeoutMs: 400 });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(200);
    expect(sent.kind === 'response' && sent.elapsedMs).toBeLessThan(400);
  });

  it('a wait is capped, whatever Retry-After asks', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '3600' } } : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000, throttle: { maxWaitMs: 300 } });
    const { value, ms } = await timed(() => sender.send(get(server.origin)));
    sender.close();
    expect(status(value)).toBe(200);
    expect(ms).toBeLessThan(3_000);
  });
});

describe('a provider that throttles without end', () => {
  it('is given up on by the time waited (exit 2, naming the provider, the bound and the fix), not by a count', async () => {
    const server = await scripted(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    const sender = new Sender({ timeoutMs: 10_000, throttle: { giveUpMs: 1_600, backoffMs: 200 } });
    const { value: error, ms } = await timed(() => sender.send(get(server.origin)).catch((caught: unknown) => caught));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(EXIT.usage);
    expect((error as UsageError).message).toMatch(
      new RegExp(
        `^the provider at ${server.origin.origin} keeps throttling \\(one request was answered 429 for 1\\.\\d s, \\d+ times, the bound being 1\\.6 s\\)`,
      ),
    );
    expect((error as UsageError).message).toMatch(/lower --workers or set --max-rps/);
    // Not before the bound: Retry-After 0, then 200, 400, 800 ms of backoff, the last wait cut to end at the bound.
    expect(ms).toBeGreaterThanOrEqual(1_590);
    const sentBefore = server.arrivals.length;
    expect(sentBefore).toBeGreaterThanOrEqual(5);
    expect(sentBefore).toBeLessThanOrEqual(7);
    // Every later request ends the same way, without being sent: the run is over.
    await expect(sender.send(get(server.origin))).rejects.toBe(error);
    expect(server.arrivals).toHaveLength(sentBefore);
    sender.close();
  });

  it('Retry-After: 0 answered again and again is backed off from, doubling, after the first time', async () => {
    const server = await scripted((n) => (n < 4 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 }));
    const sender = new Sender({ timeoutMs: 10_000, throttle: { backoffMs: 100 } });
    const sent = await sender.send(get(server.origin));
    sender.close();
    expect(status(sent)).toBe(200);
    const gaps = server.arrivals.slice(1).map((at, i) => at - server.arrivals[i]!);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
    expect(gaps[3]).toBeGreaterThanOrEqual(395);
  });

  it('or once the whole run has been paused too long', async () => {
    const server = await scripted(() => ({ status: 503, headers: { 'retry-after': '1' } }));
    const sender = new Sender({ timeoutMs: 10_000, throttle: { runBudgetMs: 500 } });
    await expect(sender.send(get(server.origin))).rejects.toThrow(
      /the run has been paused 1\.0 s by 1 throttled answers/,
    );
    sender.close();
  });
});

describe('the pacer lowers concurrency on a throttle and raises it back', () => {
  const options = { maxInFlight: 8, maxRps: undefined, recoverAfter: 3, rateStepMs: 2_000, rateBackoff: 0.9 };

  it('halves the limit once per throttle event (never below 1), and adds one after enough unthrottled answers', async () => {
    const pacer = new Pacer(options);
    // Something accepted: a provider overrun, not one not yet ready.
    pacer.answered(await pacer.startWhenAllowed(false));
    const first = await pacer.startWhenAllowed(false);
    const sameEvent = await pacer.startWhenAllowed(false);
    pacer.throttled(0, first);
    expect(pacer.currentLimit()).toBe(4);
    // Started before the halving: the same event, no second halving.
    pacer.throttled(0, sameEvent);
    expect(pacer.currentLimit()).toBe(4);
    for (let i = 0; i < 3; i++) pacer.throttled(0, await pacer.startWhenAllowed(false));
    expect(pacer.currentLimit()).toBe(1);
    const start = await pacer.startWhenAllowed(false);
    pacer.answered(start);
    pacer.answered(start);
    expect(pacer.currentLimit()).toBe(1);
    pacer.answered(start);
    expect(pacer.currentLimit()).toBe(2);
    for (let i = 0; i < 100; i++) pacer.answered(start);
    expect(pacer.currentLimit()).toBe(8);
  });

  it('learns the rate the provider accepted before a throttle (a margin off), and suggests it as --max-rps', async () => {
    const pacer = new Pacer(options);
    // A rate is learned only from a full second of sending.
    await new Promise((resolve) => setTimeout(resolve, 1_010));
    for (let i = 0; i < 20; i++) pacer.answered(await pacer.startWhenAllowed(false));
    pacer.throttled(0, await pacer.startWhenAllowed(false));
    expect(pacer.currentRps()).toBe(18);
    expect(pacer.suggestedMaxRps()).toBe(18);
  });

  it('learns no rate from a second cut short, nor from a provider that accepted nothing yet (a cold start), and takes a declared rate as a cap', async () => {
    const cold = new Pacer(options);
    cold.throttled(0, await cold.startWhenAllowed(false));
    expect(cold.currentLimit()).toBe(8);
    const pacer = new Pacer(options);
    for (let i = 0; i < 4; i++) pacer.answered(await pacer.startWhenAllowed(false));
    pacer.throttled(0, await pacer.startWhenAllowed(false));
    expect(pacer.currentRps()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_010));
    pacer.throttled(0, await pacer.startWhenAllowed(false));
    expect(pacer.currentRps()).toBeUndefined();
    expect(pacer.suggestedMaxRps()).toBeUndefined();
    pacer.declare(30);
    expect(pacer.currentRps()).toBe(30);
  });

  it('so a sender that met a 429 sends one request at a time for a while', async () => {
    const server = await scripted((n) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, delayMs: 60 },
    );
    const sender = new Sender({ timeoutMs: 10_000, maxInFlight: 2 });
    await sender.send(get(server.origin));
    await sender.send(get(server.origin));
    await Promise.all(Array.from({ length: 3 }, (_, n) => sender.send(get(server.origin, n))));
    sender.close();
    expect(server.maxConcurrent()).toBe(1);
  });
});

describe('the learned rate (AIMD, decided on explicit times: no clock)', () => {
  const options = { rateStepMs: 2_000, rateRegainMs: 250, rateBackoff: 0.9 };
  /** `count` requests accepted, spread evenly over the second before `end`. */
  function accept(rate: RateLearner, count: number, end: number): void {
    for (let i = 0; i < count; i++) rate.answered(end - 999 + (i * 999) / count, end);
  }
  /** One answer at `now` while the cap holds starts back (the rate binds). */
  function bound(rate: RateLearner, now: number): void {
    rate.held(now);
    rate.answered(now, now);
  }

  it('climbs back quickly to just under what the provider took, then probes past it ever more rarely', () => {
    const rate = new RateLearner(options);
    accept(rate, 30, 1_000);
    rate.throttled(1_000, 1_000, false);
    expect(rate.current()).toBe(27);
    // Below 29 (30 taken, less one) one request a second every 250 ms...
    bound(rate, 1_250);
    bound(rate, 1_500);
    expect(rate.current()).toBe(29);
    // ...then a probe past it only every 2 s.
    bound(rate, 1_750);
    bound(rate, 3_000);
    expect(rate.current()).toBe(29);
    bound(rate, 3_500);
    expect(rate.current()).toBe(30);
    bound(rate, 5_500);
    expect(rate.current()).toBe(31);
    // The probe is throttled at the same limit (30 taken in its second, the answer at 5.5 s one of them):
    // back to 27, and the next probe past 29 waits twice as long.
    accept(rate, 29, 6_000);
    rate.throttled(6_000, 6_000, false);
    expect(rate.current()).toBe(27);
    bound(rate, 6_250);
    bound(rate, 6_500);
    expect(rate.current()).toBe(29);
    bound(rate, 8_500);
    expect(rate.current()).toBe(29);
    bound(rate, 10_500);
    expect(rate.current()).toBe(30);
    expect(rate.suggestedMaxRps()).toBe(27);
  });

  it('neither raises nor lowers a rate the run does not reach', () => {
    const rate = new RateLearner(options);
    accept(rate, 20, 1_000);
    rate.throttled(1_000, 1_000, false);
    expect(rate.current()).toBe(18);
    rate.answered(5_000, 5_000);
    expect(rate.current()).toBe(18);
    accept(rate, 5, 6_000);
    rate.throttled(6_000, 6_000, false);
    expect(rate.current()).toBe(18);
  });

  it('lowers a rate that climbed past the limit, though the provider took only its limit in that second', () => {
    const rate = new RateLearner(options);
    accept(rate, 30, 1_000);
    rate.throttled(1_000, 1_000, false);
    for (let now = 1_250; now <= 30_000; now += 250) bound(rate, now);
    expect(rate.current()).toBeGreaterThan(31);
    accept(rate, 30, 31_000);
    rate.held(31_000);
    rate.throttled(31_000, 31_000, false);
    expect(rate.current()).toBe(27);
  });

  it('counts what was accepted up to the throttled request, not answers read later', () => {
    const rate = new RateLearner(options);
    accept(rate, 30, 1_000);
    // Started after the throttled request, answered before its 429 was read.
    for (let i = 1; i <= 5; i++) rate.answered(1_000 + 10 * i, 1_080);
    rate.throttled(1_100, 1_000, false);
    expect(rate.current()).toBe(27);
  });

  it('learns from a second cut short by a pause, but forgets it when the provider throttles again before taking as many more (a throttle by count)', () => {
    const windowed = new RateLearner(options);
    accept(windowed, 30, 1_030);
    windowed.throttled(1_030, 1_030, true);
    expect(windowed.current()).toBe(27);
    bound(windowed, 2_500);
    accept(windowed, 30, 6_000);
    windowed.held(6_000);
    windowed.throttled(6_000, 6_000, false);
    expect(windowed.current()).toBe(27);

    // Every 5th request refused, however slowly they come: 4 taken, a 429, 4 taken at the rate learned, a 429.
    const byCount = new RateLearner(options);
    accept(byCount, 4, 1_005);
    byCount.throttled(1_005, 1_005, true);
    expect(byCount.current()).toBe(3);
    // Having climbed meanwhile does not bear it out: only taking more than 4 would.
    bound(byCount, 3_100);
    expect(byCount.current()).toBe(4);
    accept(byCount, 3, 3_340);
    byCount.held(3_340);
    byCount.throttled(3_340, 3_340, false);
    expect(byCount.current()).toBeUndefined();
    // From then on a second cut short teaches nothing; a whole one still does.
    accept(byCount, 4, 4_345);
    byCount.throttled(4_345, 4_345, true);
    expect(byCount.current()).toBeUndefined();
    accept(byCount, 20, 9_000);
    byCount.throttled(9_000, 9_000, false);
    expect(byCount.current()).toBe(18);
  });
});

describe('rate-limit headers', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it.each([
    [{ 'ratelimit-policy': '30;w=1' }, { rps: 30 }],
    [{ 'ratelimit-policy': '"default";q=600;w=60' }, { rps: 10 }],
    [{ 'ratelimit-policy': '100;w=1, 5000;w=3600' }, { rps: 5000 / 3600 }],
    [{ ratelimit: 'limit=10, remaining=0, reset=2' }, { resetMs: 2_000 }],
    [{ ratelimit: '"default";r=0;t=3' }, { resetMs: 3_000 }],
    [{ 'ratelimit-remaining': '0', 'ratelimit-reset': '1' }, { resetMs: 1_000 }],
    [
      { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 4) },
      { resetMs: 4_000 },
    ],
    [{ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '30' }, {}],
    [{ 'ratelimit-policy': 'soon' }, {}],
  ])('reads %j as %j', (headers, expected) => {
    expect(rateLimitOf(headers, now)).toEqual(expected);
  });

  it('a used-up quota pauses the sender until it resets, though the answer was no throttle', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } } : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000 });
    await sender.send(get(server.origin));
    await sender.send(get(server.origin, 1));
    sender.close();
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(950);
  });
});

describe('what a run costs the provider', () => {
  it('counts every request by whom it was for, resends of throttled ones included, and the peak rate', async () => {
    const server = await scripted((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200 },
    );
    const sender = new Sender({ timeoutMs: 10_000 });
    await sender.send(get(server.origin));
    await sender.send(get(server.origin), { purpose: 'states' });
    await sender.send(get(server.origin), { purpose: 'pact' });
    sender.close();
    expect(sender.cost()).toEqual({ requests: { operation: 2, states: 1, pact: 1, total: 4 }, peakRps: 4 });
  });
});

describe('a response body past the cap', () => {
  it('is cut off (the connection destroyed) and returned as dropped, naming the cap', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Never ends: as much as the socket takes, until the client hangs up.
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
      req.socket.on('close', () => res.destroy());
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const sender = new Sender({ timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 });
    const sent = await sender.send(get(origin));
    sender.close();
    expect(sent).toMatchObject({ kind: 'dropped', capBytes: 1024 * 1024 });
    expect(sent.kind === 'dropped' && sent.code).toMatch(/past 1 MiB \(GATE_MAX_RESPONSE_BYTES\)/);
  });
});

describe('the throttle policy', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it.each([
    ['1', 1_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Sun, 29 Nov 2026 12:00:05 GMT', 5_000],
    ['Sun, 29 Nov 2026 11:00:00 GMT', 0],
  ])('reads Retry-After %j as %d ms', (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });

  it.each([undefined, '', '-1', '1.5', 'soon', 'Sun, 29 Nov 2026', 'in 2026 GMT'])(
    'backs off instead for Retry-After %j',
    (value) => {
      expect(retryAfterMs(value, now)).toBeUndefined();
    },
  );

  it('is a throttle only for 429, or 503 with Retry-After', () => {
    const response = (statusCode: number, headers: Record<string, string> = {}) => ({
      status: statusCode,
      headers,
      contentType: undefined,
      text: '',
    });
    expect(throttleOf(response(429), now)).toEqual({ status: 429, toldMs: undefined });
    expect(throttleOf(response(503, { 'retry-after': '2' }), now)).toEqual({ status: 503, toldMs: 2_000 });
    expect(throttleOf(response(503), now)).toBeUndefined();
    expect(throttleOf(response(500, { 'retry-after': '2' }), now)).toBeUndefined();
    expect(throttleOf(response(200, { 'retry-after': '2' }), now)).toBeUndefined();
  });

  it('doubles the backoff and caps every wait; Retry-After: 0 is backed off from after the first time; a time told is waited', () => {
    const policy = { ...DEFAULT_THROTTLE_POLICY, backoffMs: 100, maxWaitMs: 1_000 };
    expect([1, 2, 3, 4, 5, 60].map((n) => waitMs(undefined, n, policy))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(waitMs(5_000, 1, policy)).toBe(1_000);
    expect([1, 2, 3, 4, 5].map((n) => waitMs(0, n, policy))).toEqual([0, 100, 200, 400, 800]);
    expect([1, 2, 9].map((n) => waitMs(300, n, policy))).toEqual([300, 300, 300]);
  });
});
