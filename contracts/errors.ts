/**
 * The suite's exit codes, the error for a user's mistake, and the check of a number the user gave.
 * Shared by the CLI and everything it runs (the gate, the diff), so those never depend on the CLI to say
 * "that input can't be acted on".
 */

export const EXIT = {
  /** Every check held / nothing breaking. */
  ok: 0,
  /** A contract was broken (or a breaking change found). */
  broken: 1,
  /** The user's input can't be acted on: a bad flag, a missing file, an unreachable provider. */
  usage: 2,
  /** Something could not be judged (Pact verification, a check) and the user did not accept skips. */
  incomplete: 3,
} as const;

/** A mistake in what the user gave us: printed as one line, exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The signals the gate stops on, and its exit code for each (128 + the signal's number, as shells report it). */
export const INTERRUPT_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_EXIT;

/**
 * The run was stopped by SIGINT/SIGTERM: every request still waiting or in flight ends with this, so the
 * engine stops where it is and keeps what it has judged (reports marked interrupted).
 */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(readonly signal: InterruptSignal) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
    this.exitCode = INTERRUPT_EXIT[signal];
  }
}

/**
 * A flag value that must be a whole number in a range; the message names the flag and what it wants.
 * `shownAs`: how the message names the value's source, when it came from elsewhere (an environment variable).
 */
export function integerFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  shownAs = `--${name}`,
): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`${shownAs} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}
