import type { CoreDeps } from '../deps';
import { normalizeCode, normalizeDigits, lastDigitsMatch } from './survey-code';
import type { Invitation } from './invitation';
import { isExpired } from './survey-link';

/**
 * What an entry on `/c` comes to:
 * - `open`: code and digits are right and the survey (of a bundle's code: any of its issues) is
 *   open; `token` is a fresh link token for every invitation the code opens;
 * - `answered` / `expired`: right, but nothing is left to rate: answered (any), or past its expiry (nothing minted);
 * - `malformed`: a field cannot be a code or 4 digits (nothing looked up, nothing counted);
 * - `wrong-code`: no such code; `wrong-digits`: the code exists, the digits are not its phone's;
 * - `locked`: the code has taken `codeAttemptLimit` wrong digits and opens nothing any more;
 * - `limited`: too many failed entries from this address; every entry from it is refused for now.
 */
export type CodeEntry =
  | { outcome: 'open'; token: string; invitationIds: string[] }
  | { outcome: 'answered' | 'expired' | 'wrong-code' | 'locked' }
  | { outcome: 'malformed'; fields: Array<'code' | 'digits'> }
  | { outcome: 'wrong-digits'; triesLeft: number }
  | { outcome: 'limited'; retryAfterSeconds: number };

/**
 * Checks a survey code and the last 4 digits of the contact phone, under two limits: failed
 * entries per address (`codeEntryLimit` per `codeEntryWindowMinutes`, then every entry from it is
 * refused, so a 429 tells nothing of whether a code exists), and wrong digits per code
 * (`codeAttemptLimit` from any number of addresses, then the code is locked for good; the callback
 * team still calls the enterprise). Codes are compared by hash, digits in constant time (against
 * the phone of the code's first invitation: a bundle's members are one enterprise's, sent to one
 * phone). A right entry to an open survey adds a link token for the code's invitations, as a
 * reminder does, and the survey (or the bundle page) goes on at `/s/{token}`; nothing else changes.
 */
export async function enterSurveyCode(deps: CoreDeps, input: { code: string; digits: string }, address: string): Promise<CodeEntry> {
  const now = deps.clock.now();
  const { settings } = deps;
  const windowMs = settings.codeEntryWindowMinutes * 60_000;
  const windowStart = new Date(now.getTime() - (now.getTime() % windowMs));
  const limited = { outcome: 'limited', retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000) } as const;
  const addressKey = `code-entry#${address}`;
  if ((await deps.rateLimits.count(addressKey, windowStart)) >= settings.codeEntryLimit) return limited;
  /** Counts a failed entry against the address; `limited` when that went past the limit (a race). */
  const failed = async <T extends CodeEntry>(entry: T): Promise<T | typeof limited> => {
    const hits = await deps.rateLimits.hit(addressKey, windowStart, new Date(windowStart.getTime() + 2 * windowMs));
    return hits > settings.codeEntryLimit ? limited : entry;
  };

  const code = normalizeCode(input.code);
  const digits = normalizeDigits(input.digits);
  if (!code || !digits) return { outcome: 'malformed', fields: [...(code ? [] : ['code' as const]), ...(digits ? [] : ['digits' as const])] };

  const codeHash = deps.tokens.hash(code);
  const stored = await deps.codes.get(codeHash);
  const invitations = stored ? (await Promise.all(stored.invitationIds.map((id) => deps.invitations.get(id)))).filter((i): i is Invitation => i !== undefined) : [];
  const invitation = invitations[0];
  if (!stored || !invitation) return failed({ outcome: 'wrong-code' });
  const limit = settings.codeAttemptLimit;
  const failures = stored.failures >= limit ? undefined : await deps.codes.takeAttempt(codeHash, limit);
  if (failures === undefined) return { outcome: 'locked' };
  if (!lastDigitsMatch(invitation.phone, digits)) {
    const triesLeft = limit - failures;
    return failed(triesLeft > 0 ? { outcome: 'wrong-digits', triesLeft } : { outcome: 'locked' });
  }
  await deps.codes.giveBackAttempt(codeHash);

  if (!invitations.some((i) => i.status !== 'answered' && !isExpired(i, now))) {
    return { outcome: invitations.some((i) => i.status === 'answered') ? 'answered' : 'expired' };
  }
  const invitationIds = invitations.map((i) => i.id);
  const { token, hash } = deps.tokens.mint();
  await deps.codes.addLinkToken(invitationIds, hash);
  return { outcome: 'open', token, invitationIds };
}
