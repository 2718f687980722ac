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
