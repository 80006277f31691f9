import type { Scope } from './auth/principal';
import type { CallbackTask, TaskKind, TaskStatus } from './tasks/callback-task';
import type { Invitation } from './invitations/invitation';
import type { Issue, IssueStatus, LedgerEvent } from './ledger/issue';
import type { Enterprise, Team, Zone } from './org/org';
import type { CounterDelta, CounterRow, Dimension } from './scoring/counters';
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
}

/** Sends one SMS; throws when the provider refuses. */
export interface SmsGateway {
  send(message: SmsMessage, at: Date): Promise<{ providerMessageId: string }>;
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
}

/** Everything the closing transaction writes, all or nothing. */
export interface ClosureWrite {
  issue: Issue;
  task: CallbackTask;
  invitation: Invitation;
  event: LedgerEvent;
}

export interface IssueStore {
  create(issue: Issue, event: LedgerEvent): Promise<void>;
  get(id: string): Promise<Issue | undefined>;
  list(scope: Scope, status: IssueStatus | undefined, page: PageRequest): Promise<Page<Issue>>;
  events(issueId: string): Promise<LedgerEvent[]>;
  /** Writes the closure in one transaction if `previous` is still current; `already_closed` when another write won. */
  close(write: ClosureWrite, previous: Issue): Promise<'closed' | 'already_closed'>;
}

export interface TaskStore {
  get(id: string): Promise<CallbackTask | undefined>;
  list(scope: Scope, filter: { kind?: TaskKind; status?: TaskStatus }, page: PageRequest): Promise<Page<CallbackTask>>;
  /** Stores the completed task if it is still open; false when it was done already. */
  complete(task: CallbackTask): Promise<boolean>;
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
  surveyId: string;
  surveyVersion: number;
  channel: 'sms';
  score: number;
  answers: Answers;
  answeredAt: string;
}

export interface InvitationStore {
  get(id: string): Promise<Invitation | undefined>;
  /** Invitations whose next action time is at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<Invitation[]>;
  /** Takes the invitation for sending under a lease and records the new token hash; false when another sweeper has it. */
  claim(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date }): Promise<boolean>;
  /** Marks a claimed invitation sent and counts it as invited. */
  markSent(invitation: Invitation, sent: { sentAt: Date; expiresAt: Date; counters: CounterDelta[] }): Promise<void>;
  byTokenHash(hash: string): Promise<Invitation | undefined>;
  /** The answer transaction; `already_answered` when the invitation was answered (or raced). */
  recordAnswer(write: AnswerWrite): Promise<'recorded' | 'already_answered'>;
}

export interface CounterStore {
  /** Every counter row of a dimension in the given buckets, for the sms channel. */
  read(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<CounterRow[]>;
}

/** Fixed-window counters for abuse limits. */
export interface RateLimitStore {
  /** Adds one hit for `key` in the window starting at `windowStart`; returns the hits so far. */
  hit(key: string, windowStart: Date, expiresAt: Date): Promise<number>;
}
