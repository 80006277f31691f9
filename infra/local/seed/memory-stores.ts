import { addCounterDelta, counterItem, type CounterTotal } from '../../../functions/adapters/dynamodb/counter-items';
import { appealItem, eventItem, invitationItem, issueItem, responseItem, taskItem, tokenItem } from '../../../functions/adapters/dynamodb/entity-items';
import type { Appeal } from '../../../functions/core/appeals/appeal';
import type { Scope } from '../../../functions/core/auth/principal';
import type { Invitation } from '../../../functions/core/invitations/invitation';
import type { Issue, LedgerEvent } from '../../../functions/core/ledger/issue';
import type { Enterprise, Team, Zone } from '../../../functions/core/org/org';
import type {
  AnswerWrite,
  AppealApproval,
  AppealStore,
  ClosureWrite,
  CounterStore,
  ExternalRef,
  InvitationStore,
  IssueStore,
  OrgStore,
  RateLimitStore,
  ResponseStore,
  SurveyCodeStore,
  SurveyResponse,
  TaskEffects,
  TaskStore,
  TransitionWrite,
} from '../../../functions/core/ports';
import { emptyWorkCounts, type CounterDelta, type CounterRow, type Dimension } from '../../../functions/core/scoring/counters';
import type { CallbackTask, OverdueLevel } from '../../../functions/core/tasks/callback-task';

const notForSeeding = (what: string) => (): never => {
  throw new Error(`${what} is not used while seeding`);
};

/**
 * The store ports held in memory, for the large seed: the core's own functions (close, answer,
 * complete, rectify, appeal) run against these exactly as against DynamoDB, each write applying
 * the condition and the change its DynamoDB transaction would, and counter deltas summed as the
 * transactions' ADDs would sum them. `items()` then gives every item to write, built by the same
 * item builders the DynamoDB stores use. Lists are not offered: the seed never reads one.
 */
export class SeedingStores {
  readonly zones = new Map<string, Zone>();
  readonly teams = new Map<string, Team>();
  readonly enterprises = new Map<string, Enterprise>();
  readonly issueMap = new Map<string, Issue>();
  readonly eventList: LedgerEvent[] = [];
  readonly taskMap = new Map<string, CallbackTask>();
  readonly invitationMap = new Map<string, Invitation & { cancelledAt?: string }>();
  readonly tokenMap = new Map<string, string>();
  readonly responseMap = new Map<string, SurveyResponse>();
  readonly appealMap = new Map<string, Appeal>();
  readonly counterTotals = new Map<string, CounterTotal>();
  /** The rectification a low answer opened, by the invitation answered (the seed follows it up). */
  readonly rectificationByInvitation = new Map<string, string>();
  /** The re-callback and follow-up survey a completed rectification scheduled. */
  readonly followUpsByRectification = new Map<string, { taskId: string; invitationId?: string }>();
  /** Tasks `tasks.overdue()` may return: the seed raises one task at a time, at that task's own moment. */
  overdueCandidates: string[] = [];

  constructor(org: { zones: Zone[]; teams: Team[]; enterprises: Enterprise[] }) {
    for (const z of org.zones) this.zones.set(z.id, z);
    for (const t of org.teams) this.teams.set(t.id, t);
    for (const e of org.enterprises) this.enterprises.set(e.id, e);
  }

  private count(deltas: CounterDelta[]): void {
    for (const delta of deltas) addCounterDelta(this.counterTotals, delta);
  }

  /** The enterprises as they are now (an opt-out changes one), for writing with the history. */
  enterpriseList(): Enterprise[] {
    return [...this.enterprises.values()];
  }

  /**
   * Every item of the history: issues, events, tasks, invitations, responses, appeals and counters.
   * Link tokens only with `tokens: true`: the seed's links were never sent to anyone and a token is
   * stored only as its hash, so nobody could ever open one; leaving them out saves a tenth of the writes.
   */
  items(options: { tokens?: boolean } = {}): Array<Record<string, unknown>> {
    return [
      ...[...this.issueMap.values()].map(issueItem),
      ...this.eventList.map(eventItem),
      ...[...this.taskMap.values()].map(taskItem),
      ...[...this.invitationMap.values()].map(invitationItem),
      ...(options.tokens ? [...this.tokenMap].map(([hash, invitationId]) => tokenItem(hash, invitationId)) : []),
      ...[...this.responseMap.values()].map(responseItem),
      ...[...this.appealMap.values()].map(appealItem),
      ...[...this.counterTotals.values()].map(counterItem),
    ];
  }

  readonly org: OrgStore = {
    listZones: async () => [...this.zones.values()],
    listTeams: async (scope: Scope) => [...this.teams.values()].filter((t) => scope.kind === 'all' || t.zoneId === scope.zoneId),
    listEnterprises: notForSeeding('listEnterprises'),
    getTeam: async (id) => this.teams.get(id),
    getEnterprise: async (id) => this.enterprises.get(id),
    setOptOut: async (id, optOut) => {
      const e = this.enterprises.get(id);
      if (!e) return undefined;
      const next = { ...e, optedOutAt: e.optedOutAt ?? optOut.at, optOutReason: e.optOutReason ?? optOut.reason };
      this.enterprises.set(id, next);
      return next;
    },
    enterprisesByPhone: async (phone) => [...this.enterprises.values()].filter((e) => e.contactPhone === phone),
  };

  readonly issues: IssueStore = {
    create: async (issue: Issue, event: LedgerEvent, _ref?: ExternalRef) => {
      if (this.issueMap.has(issue.id)) throw new Error(`issue ${issue.id} exists`);
      this.issueMap.set(issue.id, issue);
      this.eventList.push(event);
    },
    issueIdByExternalRef: async () => undefined,
    get: async (id) => this.issueMap.get(id),
    list: notForSeeding('issues.list'),
    events: async (issueId) => this.eventList.filter((e) => e.issueId === issueId),
    close: async ({ issue, task, invitation, event, counters }: ClosureWrite, previous: Issue) => {
      const stored = this.issueMap.get(issue.id);
      if (!stored || (stored.version ?? 0) !== (previous.version ?? 0) || stored.status === 'closed') return 'already_closed';
      this.issueMap.set(issue.id, issue);
      this.taskMap.set(task.id, task);
      if (invitation) this.invitationMap.set(invitation.id, invitation);
      this.eventList.push(event);
      this.count(counters ?? []);
      return 'closed';
    },
    transition: async ({ issue, previous, event, cancel, counters }: TransitionWrite) => {
      const stored = this.issueMap.get(issue.id);
      if (!stored || (stored.version ?? 0) !== (previous.version ?? 0)) return 'conflict';
      const inv = cancel?.invitation && this.invitationMap.get(cancel.invitation.id);
      if (cancel?.invitation && inv?.status !== 'scheduled') return 'conflict';
      const task = cancel?.task && this.taskMap.get(cancel.task.id);
      if (cancel?.task && task?.status !== 'open') return 'conflict';
      this.issueMap.set(issue.id, issue);
      this.eventList.push(event);
      if (inv) this.invitationMap.set(inv.id, { ...inv, status: 'cancelled', cancelledAt: event.at });
      if (task && cancel?.task) this.taskMap.set(task.id, { ...cancel.task, status: 'cancelled' });
      this.count(counters ?? []);
      return 'done';
    },
  };

  readonly tasks: TaskStore = {
    get: async (id) => this.taskMap.get(id),
    list: notForSeeding('tasks.list'),
    complete: async (task: CallbackTask, effects: TaskEffects = {}) => {
      const stored = this.taskMap.get(task.id);
      // As the transaction's condition: still open, and raised as overdue exactly if `task` says so.
      if (stored?.status !== 'open' || (stored.overdueLevel !== undefined) !== (task.overdueLevel !== undefined)) return false;
      this.taskMap.set(task.id, task);
      this.count(effects.counters ?? []);
      if (effects.followUpTask) this.taskMap.set(effects.followUpTask.id, effects.followUpTask);
      if (effects.followUpInvitation) this.invitationMap.set(effects.followUpInvitation.id, effects.followUpInvitation);
      if (effects.followUpTask) this.followUpsByRectification.set(task.id, { taskId: effects.followUpTask.id, ...(effects.followUpInvitation ? { invitationId: effects.followUpInvitation.id } : {}) });
      return true;
    },
    recordAttempt: async (task: CallbackTask, previousAttempts: number) => {
      const stored = this.taskMap.get(task.id);
      if (stored?.status !== 'open' || (stored.attempts?.length ?? 0) !== previousAttempts) return false;
      this.taskMap.set(task.id, { ...stored, attempts: task.attempts ?? [] });
      return true;
    },
    overdue: async (now: Date) =>
      this.overdueCandidates
        .map((id) => this.taskMap.get(id))
        .filter((t): t is CallbackTask => {
          if (!t || t.status !== 'open' || t.overdueLevel === 'office') return false;
          const at = t.overdueLevel === 'zone' ? t.nextOverdueCheckAt : t.dueAt;
          return at !== undefined && at <= now.toISOString();
        }),
    markOverdue: async (raised: CallbackTask, previous: OverdueLevel | undefined, counters: CounterDelta[] = []) => {
      const stored = this.taskMap.get(raised.id);
      if (stored?.status !== 'open' || stored.overdueLevel !== previous) return false;
      const next: CallbackTask = { ...stored, overdueLevel: raised.overdueLevel, overdueAt: raised.overdueAt };
      if (raised.nextOverdueCheckAt) next.nextOverdueCheckAt = raised.nextOverdueCheckAt;
      else delete next.nextOverdueCheckAt;
      this.taskMap.set(raised.id, next);
      this.count(counters);
      return true;
    },
  };

  /** The invitation as stored, after `change` (a DynamoDB update on it). */
  private update(id: string, change: (inv: Invitation & { cancelledAt?: string }) => Invitation): void {
    const inv = this.invitationMap.get(id);
    if (inv) this.invitationMap.set(id, change({ ...inv }));
  }

  readonly invitations: InvitationStore = {
    get: async (id) => this.invitationMap.get(id),
    due: notForSeeding('invitations.due'),
    claim: async (invitation, claim) => {
      const stored = this.invitationMap.get(invitation.id);
      const now = claim.now.toISOString();
      const claimable = stored && ((stored.status === 'scheduled' && stored.sendAfter <= now) || (stored.status === 'sending' && (stored.leaseUntil ?? '') <= now));
      if (!claimable) return false;
      this.update(invitation.id, (i) => ({ ...i, status: 'sending', leaseUntil: claim.leaseUntil.toISOString(), tokenHash: claim.tokenHash, attempts: (i.attempts ?? 0) + 1 }));
      this.tokenMap.set(claim.tokenHash, invitation.id);
      return true;
    },
    markSent: async (invitation, sent) => {
      const stored = this.invitationMap.get(invitation.id);
      if (stored?.status !== 'sending' || stored.tokenHash !== invitation.tokenHash) return false;
      this.update(invitation.id, (i) => {
        const next: Invitation = { ...i, status: 'sent', sentAt: sent.sentAt.toISOString(), expiresAt: sent.expiresAt.toISOString() };
        if (sent.reminderAt) next.reminderAt = sent.reminderAt.toISOString();
        delete next.leaseUntil;
        return next;
      });
      this.count(sent.counters);
      return true;
    },
    defer: async (invitation, at, now) => {
      const stored = this.invitationMap.get(invitation.id);
      const n = now.toISOString();
      if (invitation.status === 'sent') {
        if (stored?.status !== 'sent' || stored.remindedAt || stored.reminderFailure || (stored.reminderLeaseUntil ?? '') > n) return false;
        this.update(invitation.id, (i) => {
          delete i.reminderLeaseUntil;
          return { ...i, reminderAt: at.toISOString() };
        });
        return true;
      }
      if (!stored || !((stored.status === 'scheduled' && stored.sendAfter <= n) || (stored.status === 'sending' && (stored.leaseUntil ?? '') <= n))) return false;
      this.update(invitation.id, (i) => {
        delete i.leaseUntil;
        return { ...i, status: 'scheduled', sendAfter: at.toISOString() };
      });
      return true;
    },
    markSendFailed: async (invitation, failure) => {
      const stored = this.invitationMap.get(invitation.id);
      if (stored?.status !== 'sending' || stored.tokenHash !== invitation.tokenHash) return;
      const reason = failure.reason.slice(0, 500);
      this.update(invitation.id, (i) => {
        delete i.leaseUntil;
        return failure.retryAt
          ? { ...i, status: 'scheduled', sendAfter: failure.retryAt.toISOString(), failureReason: reason }
          : { ...i, status: 'failed', failureReason: reason, failedAt: failure.at.toISOString() };
      });
    },
    suppress: async (invitation, reason, at) => {
      const stored = this.invitationMap.get(invitation.id);
      const now = at.toISOString();
      if (!stored || !(stored.status === 'scheduled' || (stored.status === 'sending' && (stored.leaseUntil ?? '') <= now))) return false;
      this.update(invitation.id, (i) => {
        delete i.leaseUntil;
        return { ...i, status: 'suppressed', suppressedReason: reason, suppressedAt: now };
      });
      return true;
    },
    claimReminder: async (invitation, claim) => {
      const stored = this.invitationMap.get(invitation.id);
      const now = claim.now.toISOString();
      if (stored?.status !== 'sent' || stored.remindedAt || stored.reminderFailure || (stored.reminderAt ?? '~') > now || (stored.reminderLeaseUntil ?? '') > now) return false;
      this.update(invitation.id, (i) => ({ ...i, tokenHash: claim.tokenHash, reminderLeaseUntil: claim.leaseUntil.toISOString() }));
      this.tokenMap.set(claim.tokenHash, invitation.id);
      return true;
    },
    markReminded: async (invitation, outcome) => {
      if (this.invitationMap.get(invitation.id)?.status !== 'sent') return;
      this.update(invitation.id, (i) => {
        delete i.reminderLeaseUntil;
        return outcome.failure === undefined ? { ...i, remindedAt: outcome.at.toISOString() } : { ...i, reminderFailure: outcome.failure.slice(0, 500) };
      });
    },
    markExpired: async (invitation, at) => {
      const stored = this.invitationMap.get(invitation.id);
      const now = at.toISOString();
      if (stored?.status !== 'sent' || (stored.expiresAt ?? '~') > now) return false;
      this.update(invitation.id, (i) => {
        delete i.reminderLeaseUntil;
        return { ...i, status: 'expired', expiredAt: now };
      });
      return true;
    },
    list: notForSeeding('invitations.list'),
    byTokenHash: async (hash) => {
      const id = this.tokenMap.get(hash);
      return id ? this.invitationMap.get(id) : undefined;
    },
    recordAnswer: async ({ invitation, response, counters, rectification }: AnswerWrite) => {
      const stored = this.invitationMap.get(invitation.id);
      const open = stored && (stored.status === 'sending' || stored.status === 'sent') && (stored.expiresAt === undefined || stored.expiresAt > response.answeredAt);
      if (!open || this.responseMap.has(invitation.id)) return 'already_answered';
      this.update(invitation.id, (i) => {
        delete i.leaseUntil;
        return { ...i, status: 'answered', answeredAt: response.answeredAt };
      });
      this.responseMap.set(response.invitationId, response);
      this.count(counters);
      if (rectification) {
        this.taskMap.set(rectification.id, rectification);
        this.rectificationByInvitation.set(invitation.id, rectification.id);
      }
      return 'recorded';
    },
    recordDelivery: async (invitationId, providerMessageId, delivery) => {
      if (!this.invitationMap.has(invitationId)) return 'unknown';
      this.update(invitationId, (i) => ({ ...i, delivery: { ...delivery, ...(providerMessageId ? { providerMessageId } : {}) } }));
      return 'recorded';
    },
    // The seed sends through the log gateway, which names no provider: no message is ever kept to look up.
    invitationOfMessage: async () => undefined,
  };

  readonly responses: ResponseStore = {
    get: async (invitationId) => this.responseMap.get(invitationId),
    list: notForSeeding('responses.list'),
    answeredBetween: notForSeeding('responses.answeredBetween'),
  };

  readonly appeals: AppealStore = {
    get: async (id) => this.appealMap.get(id),
    list: notForSeeding('appeals.list'),
    file: async (appeal: Appeal, counters: CounterDelta[] = []) => {
      const response = this.responseMap.get(appeal.invitationId);
      if (!response || response.openAppealId || response.excludedAt) return false;
      this.appealMap.set(appeal.id, appeal);
      this.responseMap.set(response.invitationId, { ...response, openAppealId: appeal.id });
      this.count(counters);
      return true;
    },
    approve: async ({ appeal, counters }: AppealApproval) => {
      if (this.appealMap.get(appeal.id)?.status !== 'pending') return 'already_decided';
      const response = this.responseMap.get(appeal.invitationId);
      if (!response || response.openAppealId !== appeal.id || response.excludedAt) throw new Error(`appeal ${appeal.id}: its response does not hold the appealed answer`);
      const excluded: SurveyResponse = { ...response, excludedAt: appeal.decidedAt ?? '', excludedBy: appeal.decidedBy ?? '', appealId: appeal.id };
      delete excluded.openAppealId;
      this.responseMap.set(response.invitationId, excluded);
      this.appealMap.set(appeal.id, appeal);
      this.count(counters);
      return 'approved';
    },
    reject: async (appeal: Appeal) => {
      if (this.appealMap.get(appeal.id)?.status !== 'pending') return 'already_decided';
      const response = this.responseMap.get(appeal.invitationId);
      if (response?.openAppealId === appeal.id) {
        const kept = { ...response };
        delete kept.openAppealId;
        this.responseMap.set(response.invitationId, kept);
      }
      this.appealMap.set(appeal.id, appeal);
      return 'rejected';
    },
  };

  readonly counters: CounterStore = {
    read: async (dimension: Dimension, periods) => {
      const wanted = new Set(periods.map((p) => `${p.granularity}#${p.period}`));
      return [...this.counterTotals.values()]
        .filter((t) => t.key.dimension === dimension && wanted.has(`${t.key.granularity}#${t.key.period}`))
        .map(
          (t): CounterRow => ({
            ...t.key,
            invited: t.invited,
            sum: t.sum,
            counts: { '1': t.levels[1] ?? 0, '2': t.levels[2] ?? 0, '3': t.levels[3] ?? 0, '4': t.levels[4] ?? 0, '5': t.levels[5] ?? 0 },
            work: { ...emptyWorkCounts(), ...t.work },
          }),
        );
    },
    readAnswerNumbers: notForSeeding('counters.readAnswerNumbers'),
    correctAnswerNumbers: notForSeeding('counters.correctAnswerNumbers'),
  };

  readonly rateLimits: RateLimitStore = { hit: async () => 1, count: async () => 0 };

  /** The seed's surveys are links, never codes (code mode's claims would write here; nobody could enter one). */
  readonly codes: SurveyCodeStore = {
    get: notForSeeding('codes.get'),
    takeAttempt: notForSeeding('codes.takeAttempt'),
    giveBackAttempt: notForSeeding('codes.giveBackAttempt'),
    addLinkToken: notForSeeding('codes.addLinkToken'),
  };
}

