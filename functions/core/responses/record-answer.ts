import type { CoreDeps } from '../deps';
import { DomainError, validationError } from '../errors';
import { isExpired, resolveSurveyLink, type OpenLink } from '../invitations/survey-link';
import type { Invitation } from '../invitations/invitation';
import type { SurveyResponse } from '../ports';
import { answerCounterDeltas } from '../scoring/answer-deltas';
import { callbackDueAt } from '../scheduling/working-days';
import { checkAnswers, type RawAnswers } from '../surveys/answers';
import { FOLLOWUP_SURVEY_ID } from '../surveys/definition';
import { checkResolutionAgreement } from '../ledger/two-sided-check';
import type { CallbackTask } from '../tasks/callback-task';

/** Ratings that are 差评 under the national rules and open a rectification (整改). */
export const isLowScore = (score: number) => score <= 2;

/**
 * Records an enterprise's answer exactly once. One transaction writes the response, moves the
 * invitation to `answered` under a condition, ADDs the rating to every counter it counts in, and,
 * for a 差评, opens a rectification task for the team the closure was credited to. A second submit
 * is `invitation.already_answered` whatever its body; invalid answers record nothing.
 */
export async function recordAnswer(deps: CoreDeps, token: string, raw: RawAnswers, address: string): Promise<SurveyResponse> {
  return recordAnswerTo(deps, await resolveSurveyLink(deps, token, address), raw);
}

/**
 * Records the answer to one resolved, unexpired invitation (a single link's, or one issue of a
 * bundle link's page): the same one transaction and the same exactly-once rules as `recordAnswer`.
 */
export async function recordAnswerTo(deps: CoreDeps, link: OpenLink, raw: RawAnswers): Promise<SurveyResponse> {
  if (link.answered) throw alreadyAnswered(link.invitation);
  const checked = checkAnswers(link.survey, raw);
  if (!checked.ok) throw validationError(checked.problems);

  const now = deps.clock.now();
  const at = now.toISOString();
  const inv = link.invitation;
  const response: SurveyResponse = {
    invitationId: inv.id,
    issueId: inv.issueId,
    enterpriseId: inv.enterpriseId,
    teamId: inv.teamId,
    zoneId: inv.zoneId,
    category: inv.category,
    ...(inv.functionGroupId ? { functionGroupId: inv.functionGroupId } : {}),
    surveyId: inv.surveyId,
    surveyVersion: inv.surveyVersion,
    channel: 'sms',
    score: checked.score,
    answers: checked.answers,
    answeredAt: at,
  };
  // Only the main survey's 差评 opens a rectification; the follow-up survey measures the fix.
  const followup = inv.surveyId === FOLLOWUP_SURVEY_ID;
  const rectification: CallbackTask | undefined = !followup && isLowScore(checked.score)
    ? {
        id: deps.ids.next(),
        kind: 'rectification',
        issueId: inv.issueId,
        enterpriseId: inv.enterpriseId,
        teamId: inv.teamId,
        zoneId: inv.zoneId,
        category: inv.category,
        ...(inv.functionGroupId ? { functionGroupId: inv.functionGroupId } : {}),
        status: 'open',
        createdAt: at,
        dueAt: callbackDueAt(deps.calendar, now, deps.settings.rectificationDueWorkingDays).toISOString(),
        invitationId: inv.id,
      }
    : undefined;
  const outcome = await deps.invitations.recordAnswer({
    invitation: { ...inv, status: 'answered', answeredAt: at },
    response,
    counters: answerCounterDeltas(response),
    ...(rectification ? { rectification } : {}),
  });
  if (outcome === 'already_answered') {
    const current = await deps.invitations.get(inv.id);
    if (current && current.status !== 'answered' && isExpired(current, now)) {
      throw new DomainError('invitation.expired', 'This survey link has expired.');
    }
    throw alreadyAnswered(current ?? inv);
  }
  if (!followup) await checkResolutionAgreement(deps, inv.issueId);
  return response;
}

function alreadyAnswered(inv: Invitation): DomainError {
  return new DomainError('invitation.already_answered', 'This survey has already been answered. Thank you.', { answeredAt: inv.answeredAt ?? null });
}
