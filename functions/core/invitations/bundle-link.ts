import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { RawAnswers } from '../surveys/answers';
import type { SurveyDefinition } from '../surveys/definition';
import type { SurveyResponse } from '../ports';
import { recordAnswerTo } from '../responses/record-answer';
import type { Invitation } from './invitation';
import { isExpired, TOKEN_SHAPE } from './survey-link';

/** One issue on a bundle link's page: what it was, and whether it can still be rated. */
export interface BundleMember {
  invitation: Invitation;
  survey: SurveyDefinition;
  issueTitle: string;
  teamName: string;
  closedAt: string | undefined;
  state: 'open' | 'answered' | 'expired';
}

export interface BundleLink {
  members: BundleMember[];
}

/**
 * Resolves a link that opens several invitations (a bundle sent as one SMS under the frequency
 * cap), reading only. `undefined` when the token opens one invitation or none: the single survey
 * page answers those exactly as before (and counts unknown tokens toward the address limit). A
 * bundle whose every unanswered issue is past expiry, with none answered, is `invitation.expired`.
 */
export async function resolveBundleLink(deps: CoreDeps, token: string): Promise<BundleLink | undefined> {
  const ids = TOKEN_SHAPE.test(token) ? await deps.bundles.tokenMembers(deps.tokens.hash(token)) : undefined;
  if (!ids || ids.length < 2) return undefined;
  const now = deps.clock.now();
  const found = await Promise.all(ids.map((id) => deps.invitations.get(id)));
  const members = await Promise.all(
    found
      .filter((i): i is Invitation => i !== undefined)
      .map(async (invitation): Promise<BundleMember> => {
        const survey = deps.surveys.get(invitation.surveyId, invitation.surveyVersion);
        if (!survey) throw new Error(`survey ${invitation.surveyId} v${invitation.surveyVersion} is not in the catalog`);
        const [issue, team] = await Promise.all([deps.issues.get(invitation.issueId), deps.org.getTeam(invitation.teamId)]);
        const state = invitation.status === 'answered' ? 'answered' : isExpired(invitation, now) ? 'expired' : 'open';
        return { invitation, survey, issueTitle: issue?.title ?? '', teamName: team?.name ?? invitation.teamId, closedAt: issue?.closedAt, state };
      }),
  );
  if (members.every((m) => m.state === 'expired')) throw new DomainError('invitation.expired', 'This survey link has expired.');
  return { members };
}

/**
 * Records the answer to one issue of a bundle link, exactly once, as a single link's answer is
 * recorded. An invitation that the link does not open is `invitation.not_found`: nothing is recorded.
 */
export async function recordBundleAnswer(deps: CoreDeps, link: BundleLink, invitationId: string, raw: RawAnswers): Promise<SurveyResponse> {
  const member = link.members.find((m) => m.invitation.id === invitationId);
  if (!member) throw new DomainError('invitation.not_found', 'This issue is not part of this survey link.');
  if (member.state === 'expired') throw new DomainError('invitation.expired', 'This survey link has expired.');
  return recordAnswerTo(deps, { invitation: member.invitation, survey: member.survey, answered: member.state === 'answered' }, raw);
}
