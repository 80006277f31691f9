/**
 * In-memory fakes of the core's ports, for unit tests of the rules alone (no network, no DynamoDB).
 * They keep the semantics the rules rely on (conditional writes), nothing more.
 */
import type { CoreDeps } from '../../functions/core/deps';
import { DomainError } from '../../functions/core/errors';
import { listingOf, nextActionAt, type Invitation } from '../../functions/core/invitations/invitation';
import type { Issue, LedgerEvent } from '../../functions/core/ledger/issue';
import type { AnswerWrite, ClosureWrite, SmsMessage, StoredSurveyCode, SurveyResponse, TransitionWrite } from '../../functions/core/ports';
import { defaultSettings, type Settings } from '../../functions/core/settings';
import { weekdaysOnlyCalendar } from '../../functions/core/scheduling/working-days';
import type { CounterDelta } from '../../functions/core/scoring/counters';
import type { CallbackTask } from '../../functions/core/tasks/callback-task';
import { defaultSurveyCatalog } from '../../functions/adapters/surveys/catalog';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';
import { fakeAppealStores } from './fake-appeals';
import { fakeBundleStore } from './fake-bundles';

const page = <T>(items: T[]) => ({ items, nextCursor: null });

export function fakeDeps(start: string, settings: Partial<Settings> = {}) {
  let now = new Date(start);
  let seq = 0;
  let minted = 0;
  const issues = new Map<string, Issue>();
  const events: LedgerEvent[] = [];
  const externalRefs = new Map<string, string>();
  const tasks = new Map<string, CallbackTask>();
  const invitations = new Map<string, Invitation>();
  /** `provider#messageId` -> invitation id, as markSent / markReminded record it. */
  const messages = new Map<string, string>();
  const tokens = new Map<string, string>();
  const codes = new Map<string, StoredSurveyCode>();
  const responses: SurveyResponse[] = [];
  const counters: CounterDelta[] = [];
  const sent: SmsMessage[] = [];
  const enterprises = new Map(demoEnterprises.map((e) => [e.id, { ...e }]));
  const bundles = fakeBundleStore(invitations, tokens, codes);
  const update = (id: string, when: (cur: Invitation) => boolean, change: Partial<Invitation>, remove: Array<keyof Invitation> = []) => {
    const cur = invitations.get(id);
    if (!cur || !when(cur)) return false;
    const next = { ...cur, ...change };
    for (const k of remove) delete next[k];
    invitations.set(id, next);
    return true;
  };

  const deps: CoreDeps = {
    clock: { now: () => new Date(now.getTime()) },
    ids: { next: () => `id-${String(++seq).padStart(4, '0')}` },
    tokens: { mint: () => (minted++, { token: `token-${minted}-abcdefghijklmnopqrst`, hash: `hash:token-${minted}-abcdefghijklmnopqrst` }), hash: (t) => `hash:${t}` },
    calendar: weekdaysOnlyCalendar,
    surveys: defaultSurveyCatalog(),
    sms: { send: async (m) => (sent.push(m), { providerMessageId: String(sent.length) }) },
    settings: { ...defaultSettings, ...settings },
    org: {
      listZones: async () => demoZones,
      listTeams: async () => demoTeams,
      listEnterprises: async () => page([...enterprises.values()]),
      getTeam: async (id) => demoTeams.find((t) => t.id === id),
      getEnterprise: async (id) => enterprises.get(id),
      setOptOut: async (id, o) => {
        const e = enterprises.get(id);
        if (!e) return undefined;
        const next = { ...e, optedOutAt: e.optedOutAt ?? o.at, optOutReason: e.optOutReason ?? o.reason };
        enterprises.set(id, next);
        return next;
      },
      enterprisesByPhone: async (phone) => [...enterprises.values()].filter((e) => e.contactPhone === phone),
    },
    issues: {
      create: async (issue, event, ref) => {
        const key = ref && `${ref.source}#${ref.externalId}`;
        if (key && externalRefs.has(key)) throw new DomainError('issue.duplicate', `duplicate ${key}`, { issueId: externalRefs.get(key) });
        if (key) externalRefs.set(key, issue.id);
        issues.set(issue.id, issue);
        events.push(event);
      },
      issueIdByExternalRef: async (ref) => externalRefs.get(`${ref.source}#${ref.externalId}`),
      get: async (id) => issues.get(id),
      list: async () => page([...issues.values()]),
      events: async (id) => events.filter((e) => e.issueId === id),
      close: async (w: ClosureWrite, previous: Issue) => {
        if (issues.get(w.issue.id)?.version !== previous.version) return 'already_closed';
        if (w.bundle && !bundles.apply(w.bundle)) return 'bundle_changed';
        issues.set(w.issue.id, w.issue);
        tasks.set(w.task.id, w.task);
        if (w.invitation) invitations.set(w.invitation.id, w.invitation);
        events.push(w.event);
        counters.push(...(w.counters ?? []));
        return 'closed';
      },
      transition: async (w: TransitionWrite) => {
        if (issues.get(w.issue.id)?.version !== w.previous.version) return 'conflict';
        issues.set(w.issue.id, w.issue);
        events.push(w.event);
        const inv = w.cancel?.invitation;
        if (inv && invitations.get(inv.id)?.status === 'scheduled') invitations.set(inv.id, { ...inv, status: 'cancelled' });
        const task = w.cancel?.task;
        if (task && tasks.get(task.id)?.status === 'open') tasks.set(task.id, { ...task, status: 'cancelled' });
        counters.push(...(w.counters ?? []));
        return 'done';
      },
    },
    tasks: {
      get: async (id) => tasks.get(id),
      list: async () => page([...tasks.values()]),
      complete: async (t, effects) => {
        const cur = tasks.get(t.id);
        if (cur?.status !== 'open' || (cur.overdueLevel === undefined) !== (t.overdueLevel === undefined)) return false;
        if (effects?.bundle && !bundles.apply(effects.bundle)) return false;
        tasks.set(t.id, t);
        counters.push(...(effects?.counters ?? []));
        if (effects?.followUpTask) tasks.set(effects.followUpTask.id, effects.followUpTask);
        if (effects?.followUpInvitation) invitations.set(effects.followUpInvitation.id, effects.followUpInvitation);
        return true;
      },
      recordAttempt: async (t, n) => (tasks.get(t.id)?.status === 'open' && (tasks.get(t.id)?.attempts ?? []).length === n ? (tasks.set(t.id, t), true) : false),
      overdue: async (at) =>
        [...tasks.values()].filter((t) => t.status === 'open' && t.overdueLevel !== 'office' && (t.overdueLevel === 'zone' ? t.nextOverdueCheckAt! : t.dueAt) <= at.toISOString()),
      markOverdue: async (t, previous, c = []) =>
        tasks.get(t.id)?.status === 'open' && tasks.get(t.id)?.overdueLevel === previous ? (tasks.set(t.id, t), counters.push(...c), true) : false,
    },
    invitations: {
      get: async (id) => invitations.get(id),
      due: async (at) => [...invitations.values()].filter((i) => (nextActionAt(i) ?? '~') <= at.toISOString()),
      claim: async (inv, c) => {
        const cur = invitations.get(inv.id)!;
        if (cur.status !== inv.status || cur.attempts !== inv.attempts) return false;
        invitations.set(inv.id, { ...cur, status: 'sending', tokenHash: c.tokenHash, leaseUntil: c.leaseUntil.toISOString(), attempts: cur.attempts + 1 });
        tokens.set(c.tokenHash, inv.id);
        if (c.code) codes.set(c.code.hash, { invitationIds: [inv.id], failures: 0 });
        return true;
      },
      markSent: async (inv, s) => {
        const reminderAt = s.reminderAt ? { reminderAt: s.reminderAt.toISOString() } : {};
        const held = update(inv.id, (c) => c.status === 'sending' && c.tokenHash === inv.tokenHash, { status: 'sent', sentAt: s.sentAt.toISOString(), expiresAt: s.expiresAt.toISOString(), ...reminderAt }, ['leaseUntil']);
        if (held) counters.push(...s.counters);
        if (held && s.message) messages.set(`${s.message.provider}#${s.message.providerMessageId}`, inv.id);
        return held;
      },
      defer: async (inv, at, now) => {
        const t = now.toISOString();
        if (inv.status === 'sent') {
          return update(inv.id, (c) => c.status === 'sent' && !c.remindedAt && !c.reminderFailure && (c.reminderLeaseUntil ?? '') <= t, { reminderAt: at.toISOString() }, ['reminderLeaseUntil']);
        }
        return update(inv.id, (c) => (c.status === 'scheduled' && c.sendAfter <= t) || (c.status === 'sending' && (c.leaseUntil ?? '') <= t), { status: 'scheduled', sendAfter: at.toISOString() }, ['leaseUntil']);
      },
      markSendFailed: async (inv, f) => {
        const when = (c: Invitation) => c.status === 'sending' && c.tokenHash === inv.tokenHash;
        if (f.retryAt) update(inv.id, when, { status: 'scheduled', sendAfter: f.retryAt.toISOString(), failureReason: f.reason }, ['leaseUntil']);
        else update(inv.id, when, { status: 'failed', failureReason: f.reason, failedAt: f.at.toISOString() }, ['leaseUntil']);
      },
      suppress: async (inv, reason, at) =>
        update(inv.id, (c) => c.status === 'scheduled' || (c.status === 'sending' && (c.leaseUntil ?? '') <= at.toISOString()), { status: 'suppressed', suppressedReason: reason, suppressedAt: at.toISOString() }, ['leaseUntil']),
      claimReminder: async (inv, c) => {
        const t = c.now.toISOString();
        const ok = update(inv.id, (cur) => cur.status === 'sent' && !cur.remindedAt && !cur.reminderFailure && (cur.reminderAt ?? '~') <= t && (cur.reminderLeaseUntil ?? '') <= t, {
          tokenHash: c.tokenHash,
          reminderLeaseUntil: c.leaseUntil.toISOString(),
        });
        if (ok) tokens.set(c.tokenHash, inv.id);
        if (ok && c.code) codes.set(c.code.hash, { invitationIds: [inv.id], failures: 0 });
        return ok;
      },
      markReminded: async (inv, o) =>
        void update(inv.id, (c) => c.status === 'sent', o.failure === undefined ? { remindedAt: o.at.toISOString() } : { reminderFailure: o.failure }, ['reminderLeaseUntil']),
      markExpired: async (inv, at) => update(inv.id, (c) => c.status === 'sent' && (c.expiresAt ?? '~') <= at.toISOString(), { status: 'expired', expiredAt: at.toISOString() }, ['reminderLeaseUntil']),
      list: async (_scope, status) => page([...invitations.values()].filter((i) => listingOf(i) === status).reverse()),
      byTokenHash: async (hash) => invitations.get(tokens.get(hash) ?? ''),
      recordAnswer: async (w: AnswerWrite) => {
        const cur = invitations.get(w.invitation.id)!;
        if (cur.status !== 'sent' && cur.status !== 'sending') return 'already_answered';
        invitations.set(w.invitation.id, w.invitation);
        responses.push(w.response);
        counters.push(...w.counters);
        if (w.rectification) tasks.set(w.rectification.id, w.rectification);
        return 'recorded';
      },
      recordDelivery: async (id, providerMessageId, delivery) => {
        const cur = invitations.get(id);
        if (!cur) return 'unknown';
        if (cur.delivery && cur.delivery.at >= delivery.at) return 'stale';
        invitations.set(id, { ...cur, delivery: { ...delivery, ...(providerMessageId ? { providerMessageId } : {}) } });
        return 'recorded';
      },
      invitationOfMessage: async (provider, providerMessageId) => messages.get(`${provider}#${providerMessageId}`),
    },
    counters: { read: async () => [], readAnswerNumbers: async () => [], correctAnswerNumbers: async () => false },
    rateLimits: { hit: async () => 1, count: async () => 0 },
    codes: {
      get: async (hash) => (codes.has(hash) ? { ...codes.get(hash)! } : undefined),
      takeAttempt: async (hash, limit) => {
        const code = codes.get(hash);
        if (!code || code.failures >= limit) return undefined;
        return ++code.failures;
      },
      giveBackAttempt: async (hash) => void (codes.get(hash)!.failures -= 1),
      addLinkToken: async (invitationIds, hash) => bundles.link(hash, invitationIds),
    },
    ...fakeAppealStores(responses, counters).stores,
    bundles: bundles.store,
  };
  return {
    deps,
    setNow: (iso: string) => void (now = new Date(iso)),
    state: { issues, events, tasks, invitations, responses, counters, sent, enterprises, codes, surveyStates: bundles.states, bundles: bundles.bundles },
  };
}
