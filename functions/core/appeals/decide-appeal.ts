import type { Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { SurveyResponse } from '../ports';
import { workDeltas } from '../scoring/work-counters';
import { answerCounterDeltas } from '../scoring/answer-deltas';
import type { CounterDelta } from '../scoring/counters';
import type { Appeal, AppealDecision } from './appeal';

/**
 * The counter changes that take one recorded answer back out of the scores: the very buckets the
 * answer transaction added it to (its attribution, its Shanghai day and month, and its channel by
 * the same rule, so a follow-up survey's answer leaves the `followup` counters), each losing one
 * answer of its score.
 */
export function answerRemoval(response: SurveyResponse): CounterDelta[] {
  return answerCounterDeltas(response, { remove: true });
}

/**
 * The office's review (复核) of an appeal. Approving removes the rating from every counter it
 * counts in, counts `appealsApproved` in the work counters, marks the response excluded and closes
 * the appeal, all in ONE transaction that holds only while the appeal is pending; rejecting closes the appeal and the rating keeps counting.
 * A second decision is `appeal.already_decided` and changes nothing.
 *
 * @example
 * await decideAppeal(deps, office, appealId, { decision: 'approve', note: '经核实，企业误评' });
 */
export async function decideAppeal(deps: CoreDeps, principal: Principal, id: string, input: AppealDecision): Promise<Appeal> {
  if (principal.role !== 'office') throw new DomainError('auth.forbidden', 'Only the business-environment office decides appeals.');
  const appeal = await deps.appeals.get(id);
  if (!appeal) throw new DomainError('appeal.not_found', `No appeal ${id}.`);
  if (appeal.status !== 'pending') throw alreadyDecided(appeal);

  const now = deps.clock.now();
  const decided: Appeal = {
    ...appeal,
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: principal.username,
    decidedAt: now.toISOString(),
    decisionNote: input.note,
  };
  let outcome: 'approved' | 'rejected' | 'already_decided';
  if (input.decision === 'approve') {
    const response = await deps.responses.get(appeal.invitationId);
    if (!response) throw new DomainError('response.not_found', `The response of appeal ${id} is gone.`);
    // The answer leaves its own day's counters; the approval counts on the day it is decided.
    outcome = await deps.appeals.approve({ appeal: decided, counters: [...answerRemoval(response), ...workDeltas(response, now, { appealsApproved: 1 })] });
  } else {
    outcome = await deps.appeals.reject(decided);
  }
  if (outcome === 'already_decided') throw alreadyDecided((await deps.appeals.get(id)) ?? appeal);
  return decided;
}

function alreadyDecided(appeal: Appeal): DomainError {
  return new DomainError('appeal.already_decided', `Appeal ${appeal.id} was already decided.`, {
    status: appeal.status,
    decidedAt: appeal.decidedAt ?? null,
    decidedBy: appeal.decidedBy ?? null,
  });
}
