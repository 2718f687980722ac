/**
 * SIGINT and SIGTERM for a command that starts things (requests, Pact's child process, the built-in
 * provider): the first signal aborts `signal` with an `Interrupted` reason, so the run stops what it started
 * and returns what it has; the command then writes its partial reports and exits 130/143. Docker and CI
 * runners signal only the main process, so the child processes are this process's to stop.
 *
 * If stopping takes longer than GATE_INTERRUPT_GRACE_MS, or a second signal comes, the process exits at
 * once with the same code (Pact's child was killed on the first signal already).
 */
import { GATE_INTERRUPT_GRACE_MS } from '../config.ts';
import { INTERRUPT_EXIT, Interrupted, type InterruptSignal } from '../errors.ts';

export interface InterruptWatch {
  /** Aborted on the first SIGINT/SIGTERM, its reason an `Interrupted`. */
  readonly signal: AbortSignal;
  /** Stops listening (the grace timer of a signal already received keeps running: it ends a stuck exit). */
  dispose(): void;
}

export interface InterruptOptions {
  /** Says once that the run was interrupted (one line, no newline). */
  readonly say: (line: string) => void;
  readonly graceMs?: number;
}

export function watchInterrupts(options: InterruptOptions): InterruptWatch {
  const controller = new AbortController();
  const handlers = new Map<InterruptSignal, () => void>();
  for (const name of Object.keys(INTERRUPT_EXIT) as InterruptSignal[]) {
    const handler = () => {
      if (controller.signal.aborted) {
        process.exit(INTERRUPT_EXIT[name]);
      }
      options.say(`interrupted by ${name}: stopping everything it started and writing what it has`);
      controller.abort(new Interrupted(name));
      // unref: a process that ends on its own is not held up by this timer.
      setTimeout(() => process.exit(INTERRUPT_EXIT[name]), options.graceMs ?? GATE_INTERRUPT_GRACE_MS).unref();
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
