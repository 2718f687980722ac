/**
 * The suite's exit codes and the error for a user's mistake. Shared by the CLI and everything it runs
 * (the gate, the diff), so those never depend on the CLI to say "that input can't be acted on".
 */

export const EXIT = {
  /** Every check held / nothing breaking. */
  ok: 0,
  /** A contract was broken (or a breaking change found). */
  broken: 1,
  /** The user's input can't be acted on: a bad flag, a missing file, an unreachable provider. */
  usage: 2,
} as const;

/** A mistake in what the user gave us: printed as one line, exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'UsageError';
  }
}
