/**
 * Sets up the next case's session while the current case runs: against a provider 50 ms away that saves
 * a states URL round trip on most cases. It changes no case and no judgement:
 * - a case touches only its own session and its control sibling, and setting up one session must leave
 *   the others alone (the control stop relies on that already); so a session is set up ahead only under
 *   an id the running case does not touch, and only while the states URL has set up every session under
 *   the id it was asked for;
 * - whatever runs next waits for a set-up under way, and takes it only if it asks for exactly that one.
 * Should the states URL answer with another id after all, it is not trusted again, and a case that other
 * id may have disturbed is run again.
 */
import type { SessionSetup } from './case.ts';
import type { StatesClient } from './states-client.ts';

type Outcome = { readonly setup: SessionSetup } | { readonly error: unknown };

export class SetupAhead {
  private pending: { readonly asked: SessionSetup; readonly outcome: Promise<Outcome> } | undefined;

  constructor(private readonly states: StatesClient) {}

  /** Starts setting up `asked`, unless the running case touches its id (`touched`: lower-case ids) or the states URL is not trusted. */
  start(asked: SessionSetup, touched: ReadonlySet<string>): void {
    if (this.pending || !this.states.honoursIds || touched.has(asked.sessionId)) return;
    const outcome = this.states.setUp(asked.state, asked.sessionId).then(
      (sessionId): Outcome => ({ setup: { state: asked.state, sessionId: sessionId.toLowerCase() } }),
      (error: unknown): Outcome => ({ error }),
    );
    this.pending = { asked, outcome };
  }

  /**
   * Whether the set-up under way may have disturbed the case that touches `touched`: only when the states
   * URL answered with an id other than the one asked for (the set-up is then dropped) and the case touches it.
   */
  async disturbed(touched: ReadonlySet<string>): Promise<boolean> {
    const pending = this.pending;
    if (!pending) return false;
    const outcome = await pending.outcome;
    if (!('setup' in outcome) || outcome.setup.sessionId === pending.asked.sessionId) return false;
    this.pending = undefined;
    return touched.has(outcome.setup.sessionId);
  }

  /** The set-up of `asked` if it is the one under way; otherwise waits until any under way has ended, and gives undefined. */
  async take(asked: SessionSetup | undefined): Promise<SessionSetup | undefined> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return undefined;
    const outcome = await pending.outcome;
    if (asked?.state !== pending.asked.state || asked.sessionId !== pending.asked.sessionId) return undefined;
    if ('error' in outcome) throw outcome.error;
    return outcome.setup;
  }
}
