import type { CoreDeps } from '../deps';
import type { CodeClaim, SmsMessage } from '../ports';
import { addMinutes } from '../scheduling/shanghai-time';
import { bundleInvitationCodeSms, bundleReminderCodeSms, invitationCodeSms, reminderCodeSms } from './sms-code-text';
import { bundleInvitationSms, bundleReminderSms, invitationSms, reminderSms, surveyLink } from './sms-text';
import { codeEntryUrl, codeFromRandom } from './survey-code';

/**
 * What one survey SMS hands over. A link token always: its hash is the claim's identity (the
 * sweeper's conditional writes check it) and opens `/s/{token}`. In code mode also a code, which
 * is what the SMS shows; the token is then never sent to anyone.
 */
export interface SurveyAccess {
  token: string;
  tokenHash: string;
  code?: string;
  codeHash?: string;
}

/** Codes stay findable this long after the link's expiry, so a late entry is told "expired", not "wrong code". */
const CODE_KEPT_AFTER_EXPIRY_DAYS = 30;

/**
 * Mints the access of one send or reminder under `settings.surveyLinkMode`. The code draws on a
 * token of its own, so it is independent of the link token whose hash is stored.
 */
export function mintSurveyAccess(deps: Pick<CoreDeps, 'tokens' | 'settings'>): SurveyAccess {
  const { token, hash } = deps.tokens.mint();
  if (deps.settings.surveyLinkMode !== 'code') return { token, tokenHash: hash };
  const code = codeFromRandom(deps.tokens.mint().token);
  return { token, tokenHash: hash, code, codeHash: deps.tokens.hash(code) };
}

/** The code part of a claim: written in the claim's transaction and kept well past the link's expiry. Empty in token mode. */
export function codeClaimOf(access: SurveyAccess, settings: { invitationTtlDays: number }, now: Date): { code?: CodeClaim } {
  if (!access.codeHash) return {};
  return { code: { hash: access.codeHash, keepUntil: addMinutes(now, (settings.invitationTtlDays + CODE_KEPT_AFTER_EXPIRY_DAYS) * 24 * 60) } };
}

/**
 * The body of the invitation or reminder SMS for `access`, and what template providers fill their
 * variable with: the link in token mode; in code mode the fixed page as `link` and the code as `code`.
 * `issues` (a bundle of the frequency cap) takes the bundle text that counts them; undefined, the single text.
 */
export function surveySmsContent(
  settings: { smsSignature: string; publicBaseUrl: string },
  access: SurveyAccess,
  purpose: 'invitation' | 'reminder',
  issues?: number,
): Pick<SmsMessage, 'body' | 'link' | 'code'> {
  const reminder = purpose === 'reminder';
  const sig = settings.smsSignature;
  if (access.code) {
    const url = codeEntryUrl(settings.publicBaseUrl);
    const body =
      issues === undefined
        ? (reminder ? reminderCodeSms : invitationCodeSms)(sig, url, access.code)
        : (reminder ? bundleReminderCodeSms : bundleInvitationCodeSms)(sig, url, access.code, issues);
    return { body, link: url, code: access.code };
  }
  const link = surveyLink(settings.publicBaseUrl, access.token);
  const body = issues === undefined ? (reminder ? reminderSms : invitationSms)(sig, link) : (reminder ? bundleReminderSms : bundleInvitationSms)(sig, link, issues);
  return { body, link };
}
