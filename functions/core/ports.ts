import type { Scope } from './auth/principal';
import type { Appeal, AppealStatus } from './appeals/appeal';
import type { CallbackTask, OverdueLevel, TaskKind, TaskStatus } from './tasks/callback-task';
import type { Delivery } from './invitations/delivery';
import type { SmsProvider } from './invitations/sms-send-error';
import type { Invitation, InvitationListing } from './invitations/invitation';
import type { BundleWrite } from './invitations/survey-bundle';
import type { Issue, IssueStatus, LedgerEvent } from './ledger/issue';
import type { Enterprise, Team, Zone } from './org/org';
import type { CounterDelta, CounterKey, CounterRow, Dimension } from './scoring/counters';
import type { AnswerNumbers, AnswerNumbersRow } from './scoring/recount';
import type { Answers } from './surveys/answers';

/** The time every rule reads. The local host can set it; nothing else asks the wall clock. */
export interface Clock {
  now(): Date;
}

/** Time-sortable unique ids (ULIDs). */
export interface IdGen {
  next(): string;
}

/** Survey link tokens: at least 128 random bits; only the hash is ever stored. */
export interface SurveyTokens {
  mint(): { token: string; hash: string };
  hash(token: string): string;
}

export interface SmsMessage {
  to: string;
  body: string;
  invitationId: string;
  /**
   * The survey link in `body`, for providers whose registered templates carry it as a parameter
   * (Aliyun, Tencent); taken from the end of `body` when absent.
   */
  link?: string;
  /** Which registered template a template provider uses; `invitation` when absent. */
  purpose?: 'invitation' | 'reminder';
  /** Code mode: the survey code in `body`, which template providers pass as the variable instead of the link. */
  code?: string;
}

/** Sends one SMS; throws when the provider refuses (gateways to a provider throw `SmsSendError`). */
export interface SmsGateway {
  /** The real provider behind it, whose receipts may name only `providerMessageId`; absent for the log and local gateways. */
  readonly provider?: SmsProvider;
  send(message: SmsMessage, at: Date): Promise<{ providerMessageId: string }>;
}

/** The message a provider accepted, so a receipt that names only the provider's id finds its invitation. */
export interface SentMessage {
  provider: SmsProvider;
  providerMessageId: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OrgStore {
  listZones(): Promise<Zone[]>;
  listTeams(scope: Scope): Promise<Team[]>;
  listEnterprises(scope: Scope, page: PageRequest): Promise<Page<Enterprise>>;
  getTeam(id: string): Promise<Team | undefined>;
  getEnterprise(id: string): Promise<Enterprise | undefined>;
  /** Marks an enterprise opted out (never messaged again); the enterprise as it becomes, or undefined when unknown. */
  setOptOut(enterpriseId: string, optOut: { at: string; reason: string }): Promise<Enterprise | undefined>;
  /** The enterprises whose contact phone is `phone` (an SMS reply names only its sender). */
  enterprisesByPhone(phone: string): Promise<Enterprise[]>;
}

/** Everything the closing transaction writes, all or nothing. */
export interface ClosureWrite {
  issue: Issue;
  task: CallbackTask;
  /** Absent on a re-close whose enterprise was already surveyed about this issue. */
  invitation?: Invitation;
  event: LedgerEvent;
  /** The closure's `work` counters (`closed`), in the same transaction. */
  counters?: CounterDelta[];
  /** The frequency cap's state and bundle, written only if the state is still the version read. */
  bundle?: BundleWrite;
}

/** One hop of the ledger: the issue as it becomes, its event, and what the hop withdraws. */
export interface TransitionWrite {
  issue: Issue;
  /** The issue as read; the write happens only if it is still that version. */
  previous: Issue;
  event: LedgerEvent;
  cancel?: { invitation?: Invitation; task?: CallbackTask };
  /** The hop's `work` counters (`reopened` when a closed issue opens again), in the same transaction. */
  counters?: CounterDelta[];
}

/**
 * An issue's id in an outside ledger: `source` names the ledger (lower-case letters, digits, `-`),
 * `externalId` is its own id there. One issue per ref, ever, so an import can be sent twice.
 */
export interface ExternalRef {
  source: string;
  externalId: string;
}

export interface IssueStore {
  /**
   * Writes a new issue and its first event in one transaction. With `externalRef` the same
   * transaction claims the ref, and nothing is written when an issue holds it already: that throws
   * `issue.duplicate` with `details.issueId`, the issue that holds it.
   */
  create(issue: Issue, event: LedgerEvent, externalRef?: ExternalRef): Promise<void>;
  /** The id of the issue that holds an outside ledger's ref, if any. */
  issueIdByExternalRef(ref: ExternalRef): Promise<string | undefined>;
  get(id: string): Promise<Issue | undefined>;
  list(scope: Scope, status: IssueStatus | undefined, page: PageRequest): Promise<Page<Issue>>;
  events(issueId: string): Promise<LedgerEvent[]>;
  /**
   * Writes the closure in one transaction if `previous` is still current; `already_closed` when another write won;
   * `bundle_changed` when the enterprise's survey state moved since read (decide again and retry).
   */
  close(write: ClosureWrite, previous: Issue): Promise<'closed' | 'already_closed' | 'bundle_changed'>;
  /** Writes a hop in one transaction; `conflict` when the issue moved meanwhile. */
  transition(write: TransitionWrite): Promise<'done' | 'conflict'>;
}

/** What completing a task writes besides the task itself. */
export interface TaskEffects {
  counters?: CounterDelta[];
  followUpTask?: CallbackTask;
  followUpInvitation?: Invitation;
  /** The follow-up survey's place under the frequency cap, written only if the enterprise's survey state is still the version read. */
  bundle?: BundleWrite;
}

export interface TaskStore {
  get(id: string): Promise<CallbackTask | undefined>;
  /** `overdueAt`: only open tasks due before that instant (a key range, not a filter). */
  list(scope: Scope, filter: { kind?: TaskKind; status?: TaskStatus; overdueAt?: Date }, page: PageRequest): Promise<Page<CallbackTask>>;
  /**
   * Stores the completed task if it is still open, with what completing it causes, in ONE
   * transaction: phone-rating and work counters, and for a rectification the re-callback and follow-up survey.
   * False when it was done already, or was raised as overdue since it was read (`task.overdueLevel` is
   * what completing it counted on: raised or not), or, with `effects.bundle`, when the enterprise's survey state moved.
   */
  complete(task: CallbackTask, effects?: TaskEffects): Promise<boolean>;
  /** Stores one more unanswered call, if the task is still open with `previousAttempts` calls. */
  recordAttempt(task: CallbackTask, previousAttempts: number): Promise<boolean>;
  /** Open tasks whose next overdue step is due at or before `now`, oldest first. */
  overdue(now: Date, limit: number): Promise<CallbackTask[]>;
  /**
   * Records an overdue step (`raised` carries the new level and next check) if the task is still open at `previous`,
   * with its `work` counters (late, on the first raise) in the same transaction.
   */
  markOverdue(raised: CallbackTask, previous: OverdueLevel | undefined, counters?: CounterDelta[]): Promise<boolean>;
}

/** The answer transaction: response, invitation -> answered, counters, maybe a rectification. */
export interface AnswerWrite {
  invitation: Invitation;
  response: SurveyResponse;
  counters: CounterDelta[];
  rectification?: CallbackTask;
}

export interface SurveyResponse {
  invitationId: string;
  issueId: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  category: string;
  /** The service function group credited with the closure, if any (its counters are the `functionGroup` dimension). */
  functionGroupId?: string;
  surveyId: string;
  surveyVersion: number;
  channel: 'sms';
  score: number;
  answers: Answers;
  answeredAt: string;
  /** The appeal under review, while one is pending: a response has at most one open appeal. */
  openAppealId?: string;
  /** Set by an approved appeal: the answer no longer counts in any score, but is kept, marked. */
  excludedAt?: string;
  excludedBy?: string;
  appealId?: string;
}

export interface InvitationStore {
  get(id: string): Promise<Invitation | undefined>;
  /** Invitations whose next action time is at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<Invitation[]>;
  /** Takes the invitation for sending under a lease and records the new token hash; false when another sweeper has it. */
  claim(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date; code?: CodeClaim }): Promise<boolean>;
  /** Marks a claimed invitation sent and counts it as invited; the DUE time becomes the reminder, or else the expiry. */
  /** False when the claim lapsed and another sweeper took the invitation over (it records the send then). */
  markSent(invitation: Invitation, sent: { sentAt: Date; expiresAt: Date; reminderAt?: Date; counters: CounterDelta[]; message?: SentMessage }): Promise<boolean>;
  /** Moves a due invitation (scheduled, or claimed with a lapsed lease) to a later send time; false when it changed meanwhile. */
  defer(invitation: Invitation, sendAfter: Date, now: Date): Promise<boolean>;
  /** A claimed send failed: back to `scheduled` at `retryAt`, or `failed` for good without it (leaving the DUE index). */
  markSendFailed(invitation: Invitation, failure: { reason: string; at: Date; retryAt?: Date }): Promise<void>;
  /** A due invitation (scheduled, or claimed with a lapsed lease) -> `suppressed` with the reason; false when it changed meanwhile. */
  suppress(invitation: Invitation, reason: string, at: Date): Promise<boolean>;
  /** Takes a sent, unanswered invitation for its one reminder under a lease, with a new token (the old one stays valid). */
  claimReminder(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date; code?: CodeClaim }): Promise<boolean>;
  /** Records the reminder as sent (or its failure: it is not tried again); the DUE time becomes the expiry. */
  markReminded(invitation: Invitation, outcome: { at: Date; failure?: string; message?: SentMessage }): Promise<void>;
  /** A sent invitation past its expiry -> `expired`, leaving the DUE index; false when answered meanwhile. */
  markExpired(invitation: Invitation, at: Date): Promise<boolean>;
  /** Invitations in a final state the office acts on (failed, suppressed, expired), newest first. */
  list(scope: Scope, status: InvitationListing, page: PageRequest): Promise<Page<Invitation>>;
  byTokenHash(hash: string): Promise<Invitation | undefined>;
  /** The answer transaction; `already_answered` when the invitation was answered (or raced). */
  recordAnswer(write: AnswerWrite): Promise<'recorded' | 'already_answered'>;
  /**
   * Keeps a provider's delivery receipt on the invitation (`delivery`), unless it holds one reported
   * at the same time or later (receipts come late, twice, out of order); `unknown` when no such invitation.
   */
  recordDelivery(invitationId: string, providerMessageId: string | undefined, delivery: Delivery): Promise<'recorded' | 'stale' | 'unknown'>;
  /** The invitation a provider's message id was sent for (written by `markSent` / `markReminded`), if any. */
  invitationOfMessage(provider: SmsProvider, providerMessageId: string): Promise<string | undefined>;
}

export interface CounterStore {
  /** Every counter row of a dimension in the given buckets, every channel. */
  read(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<CounterRow[]>;
  /** Reconciliation: the answer numbers (levels, n, sum) of every counter row of a dimension in the buckets. */
  readAnswerNumbers(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<AnswerNumbersRow[]>;
  /** Reconciliation's repair: sets a counter's answer numbers to `to` only if they still are `was`; false when they changed. */
  correctAnswerNumbers(key: CounterKey, was: AnswerNumbers, to: AnswerNumbers): Promise<boolean>;
}

/** Fixed-window counters for abuse limits. */
export interface RateLimitStore {
  /** Adds one hit for `key` in the window starting at `windowStart`; returns the hits so far. */
  hit(key: string, windowStart: Date, expiresAt: Date): Promise<number>;
  /** The hits for `key` in the window starting at `windowStart`, without adding one. */
  count(key: string, windowStart: Date): Promise<number>;
}

/** Code mode: a survey code's hash, written with the claim that sends it; kept until `keepUntil` (then dropped by TTL). */
export interface CodeClaim {
  hash: string;
  keepUntil: Date;
}

/** A survey code as stored: the invitation(s) it opens (a bundle's code opens all its members) and the wrong phone digits it has taken. */
export interface StoredSurveyCode {
  invitationIds: string[];
  failures: number;
}

/** Survey codes of code mode, by the hash of the code; written by `InvitationStore.claim`/`claimReminder`. */
export interface SurveyCodeStore {
  get(codeHash: string): Promise<StoredSurveyCode | undefined>;
  /**
   * Takes one try of the phone digits, counted as a failure until given back, only while the code
   * has fewer than `limit` failures: so no number of parallel tries gets past the limit. The
   * failures counted with this try, or undefined when the code is locked.
   */
  takeAttempt(codeHash: string, limit: number): Promise<number | undefined>;
  /** Gives back the try taken for digits that were right. */
  giveBackAttempt(codeHash: string): Promise<void>;
  /** One more link token (its hash) for the invitation(s) an entered code opened. */
  addLinkToken(invitationIds: string[], tokenHash: string): Promise<void>;
}

/** Recorded answers, read one at a time by the invitation they answer. */
export interface ResponseStore {
  get(invitationId: string): Promise<SurveyResponse | undefined>;
  /** A group's answers with `answeredAt` in `[from, to]` (UTC instants), newest first: the drill-down. */
  list(query: ResponseQuery, page: PageRequest): Promise<Page<SurveyResponse>>;
  /** Responses answered in `[from, to)` (UTC ISO instants), oldest first, excluded ones included; keyed, never a Scan. */
  answeredBetween(range: { from: string; to: string }, page: PageRequest): Promise<Page<SurveyResponse>>;
}

/**
 * Whose answers the drill-down reads: one team, one zone, one category (district-wide) or the
 * whole district; optionally only one rating. A page may hold fewer than `limit` answers when a
 * filter leaves few; `nextCursor` is null only at the end.
 */
export interface ResponseQuery {
  group: { kind: 'team'; teamId: string } | { kind: 'zone'; zoneId: string } | { kind: 'category'; category: string } | { kind: 'all' };
  from: string;
  to: string;
  rating?: number;
}

/** The approval transaction: appeal -> approved, its response marked excluded, the answer taken out of its counters. */
export interface AppealApproval {
  appeal: Appeal;
  counters: CounterDelta[];
}

/** Appeals (申诉) against ratings and their review; every appeal is kept. */
export interface AppealStore {
  get(id: string): Promise<Appeal | undefined>;
  list(scope: Scope, filter: { status?: AppealStatus }, page: PageRequest): Promise<Page<Appeal>>;
  /** Stores a pending appeal and marks its response as under appeal, with its `work` counters (`appealsFiled`); false when the response has an open appeal, is excluded, or is gone. */
  file(appeal: Appeal, counters?: CounterDelta[]): Promise<boolean>;
  /** ONE transaction, applied only while the appeal is pending; `already_decided` changes nothing. */
  approve(write: AppealApproval): Promise<'approved' | 'already_decided'>;
  /** The appeal -> rejected (the rating keeps counting), only while it is pending. */
  reject(appeal: Appeal): Promise<'rejected' | 'already_decided'>;
}
