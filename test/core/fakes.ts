/**
 * In-memory fakes of the core's ports, for unit tests of the rules alone (no network, no DynamoDB).
 * They keep the semantics the rules rely on (conditional writes), nothing more.
 */
import type { CoreDeps } from '../../functions/core/deps';
import type { Invitation } from '../../functions/core/invitations/invitation';
import type { Issue, LedgerEvent } from '../../functions/core/ledger/issue';
import type { AnswerWrite, ClosureWrite, SmsMessage, SurveyResponse } from '../../functions/core/ports';
import { defaultSettings, type Settings } from '../../functions/core/settings';
import { weekdaysOnlyCalendar } from '../../functions/core/scheduling/working-days';
import type { CounterDelta } from '../../functions/core/scoring/counters';
import type { CallbackTask } from '../../functions/core/tasks/callback-task';
import { defaultSurveyCatalog } from '../../functions/adapters/surveys/catalog';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';

const page = <T>(items: T[]) => ({ items, nextCursor: null });

export function fakeDeps(start: string, settings: Partial<Settings> = {}) {
  let now = new Date(start);
  let seq = 0;
  const issues = new Map<string, Issue>();
  const events: LedgerEvent[] = [];
  const tasks = new Map<string, CallbackTask>();
  const invitations = new Map<string, Invitation>();
  const tokens = new Map<string, string>();
  const responses: SurveyResponse[] = [];
  const counters: CounterDelta[] = [];
  const sent: SmsMessage[] = [];

  const deps: CoreDeps = {
    clock: { now: () => new Date(now.getTime()) },
    ids: { next: () => `id-${String(++seq).padStart(4, '0')}` },
    tokens: { mint: () => ({ token: `token-${seq}-abcdefghijklmnopqrst`, hash: `hash:token-${seq}-abcdefghijklmnopqrst` }), hash: (t) => `hash:${t}` },
    calendar: weekdaysOnlyCalendar,
    surveys: defaultSurveyCatalog(),
    sms: { send: async (m) => (sent.push(m), { providerMessageId: String(sent.length) }) },
    settings: { ...defaultSettings, ...settings },
    org: {
      listZones: async () => demoZones,
      listTeams: async () => demoTeams,
      listEnterprises: async () => page(demoEnterprises),
      getTeam: async (id) => demoTeams.find((t) => t.id === id),
      getEnterprise: async (id) => demoEnterprises.find((e) => e.id === id),
    },
    issues: {
      create: async (issue, event) => void (issues.set(issue.id, issue), events.push(event)),
      get: async (id) => issues.get(id),
      list: async () => page([...issues.values()]),
      events: async (id) => events.filter((e) => e.issueId === id),
      close: async (w: ClosureWrite, previous: Issue) => {
        if (issues.get(w.issue.id)?.updatedAt !== previous.updatedAt) return 'already_closed';
        issues.set(w.issue.id, w.issue);
        tasks.set(w.task.id, w.task);
        invitations.set(w.invitation.id, w.invitation);
        events.push(w.event);
        return 'closed';
      },
    },
    tasks: {
      get: async (id) => tasks.get(id),
      list: async () => page([...tasks.values()]),
      complete: async (t) => (tasks.get(t.id)?.status === 'open' ? (tasks.set(t.id, t), true) : false),
    },
    invitations: {
      get: async (id) => invitations.get(id),
      due: async (at) => [...invitations.values()].filter((i) => (i.status === 'scheduled' && i.sendAfter <= at.toISOString()) || (i.status === 'sending' && (i.leaseUntil ?? '') <= at.toISOString())),
      claim: async (inv, c) => {
        const cur = invitations.get(inv.id)!;
        if (cur.status !== inv.status || cur.attempts !== inv.attempts) return false;
        invitations.set(inv.id, { ...cur, status: 'sending', tokenHash: c.tokenHash, leaseUntil: c.leaseUntil.toISOString(), attempts: cur.attempts + 1 });
        tokens.set(c.tokenHash, inv.id);
        return true;
      },
      markSent: async (inv, s) => {
        invitations.set(inv.id, { ...invitations.get(inv.id)!, status: 'sent', sentAt: s.sentAt.toISOString(), expiresAt: s.expiresAt.toISOString() });
        counters.push(...s.counters);
      },
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
    },
    counters: { read: async () => [] },
    rateLimits: { hit: async () => 1 },
  };
  return {
    deps,
    setNow: (iso: string) => void (now = new Date(iso)),
    state: { issues, events, tasks, invitations, responses, counters, sent },
  };
}
