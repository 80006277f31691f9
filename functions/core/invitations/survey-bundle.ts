import { nextSendTime } from '../scheduling/send-window';
import type { WorkingDayCalendar } from '../scheduling/working-days';
import { addMinutes } from '../scheduling/shanghai-time';
import { sendWindowOf, type Invitation } from './invitation';
import type { CodeClaim } from '../ports';

/**
 * The per-enterprise frequency cap (default: one survey SMS per 7 days). Every issue keeps its own
 * invitation (attribution, counters, answer-once and appeals stay per issue); invitations of one
 * enterprise that fall within the cap share a *bundle*, sent as ONE SMS with one link whose page
 * lists each issue to rate.
 *
 * The enterprise's survey state is one item, read and written under a version condition in the
 * closure transaction, so two closures racing for one enterprise never lose a member: the loser's
 * transaction fails and it decides again on the state as the winner left it.
 */
export interface EnterpriseSurveyState {
  enterpriseId: string;
  /** Bumped by every closure that joins or opens a bundle, and by the send that closes it. */
  version: number;
  /** When the enterprise's last bundle was claimed for sending. */
  lastSentAt?: string;
  /** The bundle that is scheduled and not yet sent: a new closure joins it. */
  openBundleId?: string;
  openBundleSendAfter?: string;
}

/** Invitations sent together as one SMS. Its members never change once it is claimed for sending (`closedAt`). */
export interface SurveyBundle {
  id: string;
  enterpriseId: string;
  sendAfter: string;
  memberIds: string[];
  createdAt: string;
  closedAt?: string;
}

/** What the closure transaction writes for the cap: the state (if still at `previousVersion`) and the bundle joined or opened. */
export interface BundleWrite {
  state: EnterpriseSurveyState;
  previousVersion: number;
  join?: { bundleId: string; invitationId: string };
  open?: SurveyBundle;
}

/** The sweeper's claim of a bundle: the token lists every member; `close` seals the open bundle and records the send. */
export interface BundleClose {
  bundleId: string;
  enterpriseId: string;
  stateVersion: number;
}

/** Storage of the cap's state, bundles and multi-invitation links. */
export interface SurveyBundleStore {
  state(enterpriseId: string): Promise<EnterpriseSurveyState | undefined>;
  get(bundleId: string): Promise<SurveyBundle | undefined>;
  /**
   * Claims every member for sending in ONE transaction under one token, each only if still
   * scheduled (or claimed with a lapsed lease); with `close`, the same transaction seals the open
   * bundle and records `lastSentAt`, only if the state is still at `stateVersion`. False when anything changed.
   */
  claim(members: Invitation[], claim: { tokenHash: string; leaseUntil: Date; now: Date; close?: BundleClose; code?: CodeClaim }): Promise<boolean>;
  /** Claims the one reminder of every pending member in ONE transaction under one new token (and, in code mode, code) listing `linked`. */
  claimReminder(members: Invitation[], claim: { tokenHash: string; leaseUntil: Date; now: Date; linked: string[]; code?: CodeClaim }): Promise<boolean>;
  /** The invitation ids a link token opens (one for a single survey), or undefined for an unknown token. */
  tokenMembers(hash: string): Promise<string[] | undefined>;
}

const DAY_MINUTES = 24 * 60;

/**
 * Places a newly scheduled invitation under the cap, given the enterprise's survey state:
 * - a bundle of this enterprise is scheduled and not yet sent: the invitation joins it (same send time);
 * - the enterprise was surveyed less than `frequencyCapDays` ago: it opens a new bundle at the
 *   first send-window moment after last send + cap (never earlier than it would go anyway);
 * - otherwise it opens a new bundle at its own send time, as without the cap.
 * Cap 0, or an invitation that is never sent (suppressed), is left as it is, with nothing to write.
 */
export function placeUnderCap(
  deps: { ids: { next(): string }; calendar: WorkingDayCalendar; settings: { frequencyCapDays: number; sendWindow: { start: string; end: string } } },
  invitation: Invitation,
  state: EnterpriseSurveyState | undefined,
  now: Date,
): { invitation: Invitation; write?: BundleWrite } {
  if (deps.settings.frequencyCapDays === 0 || invitation.status !== 'scheduled') return { invitation };
  const previousVersion = state?.version ?? 0;
  if (state?.openBundleId && state.openBundleSendAfter) {
    return {
      invitation: { ...invitation, bundleId: state.openBundleId, sendAfter: state.openBundleSendAfter },
      write: { state: { ...state, version: previousVersion + 1 }, previousVersion, join: { bundleId: state.openBundleId, invitationId: invitation.id } },
    };
  }
  const sendAfter = cappedSendAfter(deps, invitation.sendAfter, state?.lastSentAt);
  const bundle: SurveyBundle = { id: deps.ids.next(), enterpriseId: invitation.enterpriseId, sendAfter, memberIds: [invitation.id], createdAt: now.toISOString() };
  const next: EnterpriseSurveyState = {
    enterpriseId: invitation.enterpriseId,
    version: previousVersion + 1,
    ...(state?.lastSentAt ? { lastSentAt: state.lastSentAt } : {}),
    openBundleId: bundle.id,
    openBundleSendAfter: sendAfter,
  };
  return { invitation: { ...invitation, bundleId: bundle.id, sendAfter }, write: { state: next, previousVersion, open: bundle } };
}

/** The send time of a new bundle: its own, or the first send-window moment once the cap since `lastSentAt` has run out. */
export function cappedSendAfter(
  deps: { calendar: WorkingDayCalendar; settings: { frequencyCapDays: number; sendWindow: { start: string; end: string } } },
  sendAfter: string,
  lastSentAt: string | undefined,
): string {
  if (!lastSentAt || deps.settings.frequencyCapDays === 0) return sendAfter;
  const capEnds = addMinutes(new Date(lastSentAt), deps.settings.frequencyCapDays * DAY_MINUTES);
  if (capEnds.toISOString() <= sendAfter) return sendAfter;
  return nextSendTime(deps.calendar, sendWindowOf(deps.settings), capEnds).toISOString();
}
