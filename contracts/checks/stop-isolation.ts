/**
 * A stop changes only the session it names. In a case whose valid stop of an active session (the target)
 * got a 200, the gate had set up a second active session (the bystander) just before the target, then
 * after the stop reads the provider's clock (a stop of a fresh control session) and stops the bystander.
 * Once the provider's own clock has moved past the target's finishedAt (the control's finishedAt is
 * later), the bystander, stopped after that, must show a later finishedAt than the target: one at or
 * before it means the target's stop (or another stop that did not name it) had already stopped it — an
 * UPDATE that lost its WHERE.
 *
 * Only the provider's clock is compared, never the gate's. A clock that has not moved between the stop and
 * the control (one coarser than the gate's pause) proves nothing, and passes, as refused requests do (see
 * observations.ts); views that stop_semantics faults (a finishedAt that is not the stop's time) are its to
 * report, and are not judged here. Every session of the case is its own (a fresh id), so for a provider
 * that keeps sessions apart no other case, nor another run, can touch the bystander: the verdict is the
 * same for any number of workers.
 */
import type { CaseRecord } from '../model/record.ts';
import { fail, pass, type Check, type Judgement } from './check.ts';
import { compareInstants } from './instant.ts';
import { okView, stoppedViewProblems } from './observations.ts';
import { isValidAuthorised } from './policy.ts';

function judge(record: CaseRecord): Judgement[] {
  const [target] = record.exchanges;
  const controlIndex = record.exchanges.findIndex((exchange) => exchange.role === 'control');
  const bystanderIndex = record.exchanges.findIndex((exchange) => exchange.role === 'bystander');
  // Refused requests have a control too (their bystander's stop); they are not stops, and judged elsewhere.
  if (!target || !isValidAuthorised(target) || controlIndex < 0 || bystanderIndex < 0) return [];
  const control = record.exchanges[controlIndex]!;
  const bystander = record.exchanges[bystanderIndex]!;
  const views = [okView(target), okView(control), okView(bystander)];
  const [targetView, controlView, bystanderView] = views;
  if (!targetView || !controlView || !bystanderView) return [];
  const sent = [target, control, bystander];
  if (views.some((view, index) => stoppedViewProblems(view!, sent[index]!.request.sessionId, true).length > 0))
    return [];
  const finishedAt = targetView['finishedAt'];
  const clockMoved = compareInstants(controlView['finishedAt'], finishedAt) === 1;
  if (!clockMoved) return [pass(bystanderIndex)];
  const order = compareInstants(bystanderView['finishedAt'], finishedAt);
  if (order === undefined) return [];
  return order === 1
    ? [pass(bystanderIndex)]
    : [
        fail({
          check: 'stop_isolation',
          code: 'stop_reached_other_session',
          exchange: bystanderIndex,
          bystanderFinishedAt: bystanderView['finishedAt'] as string,
          targetFinishedAt: finishedAt as string,
          controlFinishedAt: controlView['finishedAt'] as string,
        }),
      ];
}

export const stopIsolation: Check = {
  name: 'stop_isolation',
  summary: 'a stop changes only the session it names: another active session is still running after it',
  withoutSessions: 'fresh',
  judge,
};
