import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { SurveyDefinition } from '../surveys/definition';
import type { Invitation } from './invitation';

/** Tokens are 22+ characters of base64url; anything else is unknown without a database read. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

export interface OpenLink {
  invitation: Invitation;
  survey: SurveyDefinition;
  /** True once answered: the page says so and a submit is refused with 409. */
  answered: boolean;
}

/**
 * Resolves a survey link without changing anything the enterprise can see: an unknown token is
 * `invitation.not_found` (and counts toward the caller's address limit), an unanswered one past
 * its expiry is `invitation.expired`, checked here on every request rather than by the sweeper.
 */
export async function resolveSurveyLink(deps: CoreDeps, token: string, address: string): Promise<OpenLink> {
  const invitation = TOKEN_SHAPE.test(token) ? await deps.invitations.byTokenHash(deps.tokens.hash(token)) : undefined;
  if (!invitation) {
    await countUnknownToken(deps, address);
    throw new DomainError('invitation.not_found', 'This survey link is not valid.');
  }
  const survey = deps.surveys.get(invitation.surveyId, invitation.surveyVersion);
  if (!survey) throw new Error(`survey ${invitation.surveyId} v${invitation.surveyVersion} is not in the catalog`);
  const answered = invitation.status === 'answered';
  if (!answered && isExpired(invitation, deps.clock.now())) {
    throw new DomainError('invitation.expired', 'This survey link has expired.');
  }
  return { invitation, survey, answered };
}

/** True when an unanswered invitation is past its expiry time. */
export function isExpired(invitation: Invitation, now: Date): boolean {
  return invitation.status === 'expired' || (invitation.expiresAt !== undefined && invitation.expiresAt <= now.toISOString());
}

async function countUnknownToken(deps: CoreDeps, address: string): Promise<void> {
  const windowMs = deps.settings.unknownTokenWindowMinutes * 60_000;
  const now = deps.clock.now().getTime();
  const windowStart = new Date(now - (now % windowMs));
  const hits = await deps.rateLimits.hit(`unknown-token#${address}`, windowStart, new Date(windowStart.getTime() + 2 * windowMs));
  if (hits > deps.settings.unknownTokenLimit) {
    throw new DomainError('rate.limited', 'Too many invalid links from this address; try again later.', {
      retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now) / 1000),
    });
  }
}
