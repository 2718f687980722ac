/**
 * Sends one HTTP request and says what happened, as data. node:http rather than fetch, because the gate
 * needs raw control: any body (malformed, empty, a megabyte), any Content-Type or none, and a hard
 * deadline after which the request is torn down, so a hanging provider fails `no_hang` and never stalls
 * the run. Keep-alive connections carry the run's thousands of small requests.
 */
import http from 'node:http';
import https from 'node:https';
import { GATE_DEFAULT_WORKERS, GATE_MAX_RESPONSE_BYTES, GATE_STALE_SOCKET_RETRY_BODY_BYTES } from '../config.ts';
import { Interrupted, UsageError } from '../errors.ts';
import { decodeBody } from './decode.ts';
import { LastSecond, Pacer } from './pacer.ts';
import {
  hostOf,
  type RequestCost,
  type RequestPurpose,
  type ThrottleStats,
  type Transmission,
  type WireRequest,
} from './types.ts';
import { DEFAULT_THROTTLE_POLICY, rateLimitOf, throttleOf, waitMs, type ThrottlePolicy } from './throttle.ts';

/** Connection errors that mean nothing is listening there (as opposed to a listener that misbehaved). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ECONNABORTED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

interface SenderOptions {
  /** Per request: no complete answer by then is a `timeout`. */
  readonly timeoutMs: number;
  /**
   * Requests in flight at once (a burst may exceed it: see `send`); default GATE_DEFAULT_WORKERS, the
   * sockets a sender kept open before it had a cap, so a sender made without one overlaps as it did.
   */
  readonly maxInFlight?: number;
  /** Requests started per second at most; undefined for no cap. */
  readonly maxRps?: number | undefined;
  /** How throttling is waited out and when the gate gives up; the defaults come from contracts/config.ts. */
  readonly throttle?: Partial<ThrottlePolicy>;
  /** The most bytes of a response body read before the connection is cut (default GATE_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
}

function mebibytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class Sender {
  // No socket limit here: the pacer is the one cap. A request queued inside an agent would spend its
  // deadline waiting for a socket and fail no_hang for the client's slowness, not the provider's.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly policy: ThrottlePolicy;
  private readonly pacer: Pacer;
  private throttled = 0;
  private throttledMs = 0;
  private readonly requests: Record<RequestPurpose, number> = { operation: 0, states: 0, pact: 0 };
  /** Start times of the last second's requests, and the most there ever were. */
  private readonly lastSecond = new LastSecond();
  private peakRps = 0;
  /** Requests on the wire, so an interrupt can cut them at once. */
  private readonly onTheWire = new Set<http.ClientRequest>();
  /** Once the gate gave up on a throttling provider, or was interrupted, every request ends the same way: the run is over. */
  private gaveUp: UsageError | Interrupted | undefined;

  /**
   * What the provider sends back is recorded byte for byte: checks judge what was received, and the
   * redaction of the key happens on the way out (contracts/redact.ts, applied to everything written).
   */
  constructor(options: SenderOptions) {
    this.timeoutMs = options.timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? GATE_MAX_RESPONSE_BYTES;
    this.policy = { ...DEFAULT_THROTTLE_POLICY, ...options.throttle };
    this.pacer = new Pacer({
      maxInFlight: Math.max(1, options.maxInFlight ?? GATE_DEFAULT_WORKERS),
      maxRps: options.maxRps,
      recoverAfter: this.policy.recoverAfter,
      rateStepMs: this.policy.rateStepMs,
      rateBackoff: this.policy.rateBackoff,
    });
  }

  /**
   * Throttled answers (each one waited out and the request sent again), the wall time the run spent paused
   * by them, and the --max-rps that would have avoided them.
   */
  stats(): ThrottleStats {
    const suggested = this.throttled > 0 ? this.pacer.suggestedMaxRps() : undefined;
    return {
      throttled: this.throttled,
      throttledMs: Math.round(this.throttledMs),
      ...(suggested === undefined ? {} : { suggestedMaxRps: suggested }),
    };
  }

  /** How long one request may go on being throttled before the sender gives up: a client behind it must wait that long. */
  throttleGiveUpMs(): number {
    return this.policy.giveUpMs;
  }

  /** Every request sent so far, by whom it was for (each resend of a throttled one counted), and the peak rate. */
  cost(): RequestCost {
    const { operation, states, pact } = this.requests;
    return { requests: { operation, states, pact, total: operation + states + pact }, peakRps: this.peakRps };
  }

  /**
   * Stops the run: requests waiting start no more, those on the wire are cut, and every `send` from now on
   * (and every one in progress) throws `reason`.
   */
  interrupt(reason: Interrupted): void {
    this.gaveUp ??= reason;
    this.pacer.interrupt();
    for (const req of this.onTheWire) req.destroy();
    this.close();
  }

  private counted(purpose: RequestPurpose): void {
    this.requests[purpose]++;
    const now = performance.now();
    this.lastSecond.add(now);
    this.peakRps = Math.max(this.peakRps, this.lastSecond.count(now));
  }

  /**
   * Sends `request` and returns the provider's answer to it: a throttling answer (429, or 503 with
   * Retry-After) is no answer to judge, so it is waited out and the same request sent again. Throws
   * UsageError when the provider keeps throttling past the policy's bounds. The deadline (no_hang) covers
   * each attempt alone, never the waits. `burst`: one of several requests that must be in flight together
   * (concurrent stops); not held back by maxInFlight.
   */
  async send(
    request: WireRequest,
    options: { readonly burst?: boolean; readonly purpose?: RequestPurpose } = {},
  ): Promise<Transmission> {
    const burst = options.burst === true;
    let throttles = 0;
    let firstThrottleAt = 0;
    for (;;) {
      if (this.gaveUp) throw this.gaveUp;
      await this.pacer.acquire(burst, throttles > 0);
      let sent: Transmission;
      let start;
      try {
        start = await this.pacer.startWhenAllowed(burst);
        if (this.gaveUp) throw this.gaveUp;
        this.counted(options.purpose ?? 'operation');
        sent = await this.sendOnce(request);
      } finally {
        this.pacer.release();
      }
      if (this.gaveUp) throw this.gaveUp;
      if (sent.kind !== 'response') return sent;
      const now = Date.now();
      const declared = rateLimitOf(sent.response.headers, now);
      if (declared.rps !== undefined) this.pacer.declare(declared.rps);
      const throttle = throttleOf(sent.response, now);
      if (throttle === undefined) {
        if (declared.resetMs !== undefined) this.pacer.pause(Math.min(declared.resetMs, this.policy.maxWaitMs));
        this.pacer.answered(start);
        return sent;
      }
      throttles++;
      this.throttled++;
      if (throttles === 1) firstThrottleAt = performance.now();
      const throttledFor = performance.now() - firstThrottleAt;
      if (throttledFor >= this.policy.giveUpMs) {
        throw this.giveUp(
          request,
          `one request was answered ${throttle.status} for ${seconds(throttledFor)}, ${throttles} times, the bound being ${seconds(this.policy.giveUpMs)}`,
        );
      }
      // Never past the bound: the last try goes when it is reached, so the gate gives up on time.
      const wait = Math.min(
        Math.max(waitMs(throttle.toldMs, throttles, this.policy), declared.resetMs ?? 0),
        this.policy.maxWaitMs,
        this.policy.giveUpMs - throttledFor,
      );
      this.throttledMs += this.pacer.throttled(wait, start);
      if (this.throttledMs > this.policy.runBudgetMs) {
        throw this.giveUp(
          request,
          `the run has been paused ${seconds(this.throttledMs)} by ${this.throttled} throttled answers`,
        );
      }
    }
  }

  private giveUp(request: WireRequest, what: string): UsageError | Interrupted {
    const suggested = this.pacer.suggestedMaxRps();
    this.gaveUp ??= new UsageError(
      `the provider at ${request.origin.origin} keeps throttling (${what}): ${suggested === undefined ? 'lower --workers or set --max-rps to what it accepts' : `set --max-rps ${suggested} (what it accepted before it throttled), or lower --workers`}`,
    );
    return this.gaveUp;
  }

  /** One request, the stale-socket resend included: what the provider answered, throttle or not. */
  private async sendOnce(request: WireRequest): Promise<Transmission> {
    const first = await this.attempt(request, true);
    // A keep-alive socket the server closed while idle fails before a single byte comes back; that is the
    // connection's fault, not the provider's answer, so the request goes once more on a fresh socket.
    // Not a large body, though: a server refusing it on size hangs up the same way, and would again.
    const small = Buffer.byteLength(request.body ?? '') <= GATE_STALE_SOCKET_RETRY_BODY_BYTES;
    if (first.kind === 'dropped' && first.code === 'STALE_SOCKET')
      return small ? this.attempt(request, false) : { ...first, code: 'ECONNRESET' };
    return first;
  }

  private attempt(request: WireRequest, reuse: boolean): Promise<Transmission> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const isHttps = request.origin.protocol === 'https:';
    const agent = reuse ? this.agents[isHttps ? 'https:' : 'http:'] : false;
    return new Promise<Transmission>((resolve) => {
      let settled = false;
      const settle = (result: Transmission) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(result);
      };
      const req = (isHttps ? https : http).request({
        protocol: request.origin.protocol,
        hostname: hostOf(request.origin),
        port: request.origin.port,
        path: request.target,
        method: request.method,
        agent,
        headers: { ...request.headers, 'content-length': String(body?.length ?? 0) },
      });
      const deadline = setTimeout(() => {
        settle({ kind: 'timeout', elapsedMs: elapsed(), timeoutMs: this.timeoutMs });
        req.destroy();
      }, this.timeoutMs);
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        const finish = () => {
          const headers = flatHeaders(res.headers);
          settle({
            kind: 'response',
            elapsedMs: elapsed(),
            response: {
              status: res.statusCode ?? 0,
              headers,
              contentType: headers['content-type'],
              ...decodeBody(Buffer.concat(chunks)),
            },
          });
        };
        // The connection closed before the end of the body: what arrived is an answer only if it is all of it
        // (a server that refuses a large upload may answer 413 in full, then reset). A body cut short is a
        // dropped connection, never a response to judge by its schema.
        // Bytes of the body read so far (the cap below stops reading past GATE_MAX_RESPONSE_BYTES).
        let received = 0;
        const cut = () => {
          const declared = Number(res.headers['content-length']);
          if (Number.isFinite(declared) && received >= declared && res.headers['content-length'] !== undefined) {
            finish();
            return;
          }
          const of = Number.isFinite(declared) && res.headers['content-length'] !== undefined ? ` of ${declared}` : '';
          settle({ kind: 'dropped', code: `closed mid-body after ${received}${of} bytes`, elapsedMs: elapsed() });
        };
        // Past the cap the rest is not read: the connection is cut, and the exchange judged as cut off.
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received <= this.maxResponseBytes) {
            chunks.push(chunk);
            return;
          }
          chunks.length = 0;
          settle({
            kind: 'dropped',
            code: `the gate cut the answer off: its body ran past ${mebibytes(this.maxResponseBytes)} (GATE_MAX_RESPONSE_BYTES)`,
            elapsedMs: elapsed(),
            capBytes: this.maxResponseBytes,
          });
          req.destroy();
        });
        res.on('end', finish);
        res.on('error', cut);
        res.on('aborted', cut);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        const code = error.code ?? 'EUNKNOWN';
        if (UNREACHABLE.has(code)) {
          settle({ kind: 'unreachable', code, message: error.message });
        } else if (reuse && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
          settle({ kind: 'dropped', code: 'STALE_SOCKET', elapsedMs: elapsed() });
        } else {
          settle({ kind: 'dropped', code, elapsedMs: elapsed() });
        }
      });
      this.onTheWire.add(req);
      req.once('close', () => this.onTheWire.delete(req));
      req.end(body);
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
