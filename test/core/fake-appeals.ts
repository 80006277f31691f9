/**
 * In-memory fakes of the response and appeal stores, with the conditions the appeal rules rely on:
 * one open appeal per response, a decision only while pending, an excluded response stays excluded.
 */
import type { Appeal } from '../../functions/core/appeals/appeal';
import type { AppealApproval, AppealStore, ResponseStore, SurveyResponse } from '../../functions/core/ports';
import type { CounterDelta } from '../../functions/core/scoring/counters';

export function fakeAppealStores(responses: SurveyResponse[], counters: CounterDelta[] = []) {
  const appeals = new Map<string, Appeal>();
  const approvals: AppealApproval[] = [];
  const at = (invitationId: string) => responses.findIndex((r) => r.invitationId === invitationId);
  const update = (invitationId: string, change: (r: SurveyResponse) => SurveyResponse) => {
    const i = at(invitationId);
    responses[i] = change(responses[i]!);
  };
  const responseStore: ResponseStore = {
    get: async (id) => responses[at(id)],
    // The drill-down in memory: the group, the range and the rating; one page, newest first.
    list: async (q, page) => ({
      items: responses
        .filter((r) => r.answeredAt >= q.from && r.answeredAt <= q.to && (q.rating === undefined || r.score === q.rating))
        .filter((r) => (q.group.kind === 'team' ? r.teamId === q.group.teamId : q.group.kind === 'zone' ? r.zoneId === q.group.zoneId : q.group.kind === 'category' ? r.category === q.group.category : true))
        .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt))
        .slice(0, page.limit),
      nextCursor: null,
    }),
    answeredBetween: async (range) => ({
      items: responses.filter((r) => r.answeredAt >= range.from && r.answeredAt < range.to).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt)),
      nextCursor: null,
    }),
  };
  const appealStore: AppealStore = {
    get: async (id) => appeals.get(id),
    list: async (scope, filter) => ({
      items: [...appeals.values()].filter(
        (a) => (!filter.status || a.status === filter.status) && (scope.kind === 'all' || (scope.kind === 'zone' ? a.zoneId === scope.zoneId : a.teamId === scope.teamId)),
      ),
      nextCursor: null,
    }),
    file: async (appeal, filed = []) => {
      const r = responses[at(appeal.invitationId)];
      if (!r || r.openAppealId || r.excludedAt) return false;
      appeals.set(appeal.id, appeal);
      counters.push(...filed);
      update(appeal.invitationId, (x) => ({ ...x, openAppealId: appeal.id }));
      return true;
    },
    approve: async (write) => {
      if (appeals.get(write.appeal.id)?.status !== 'pending') return 'already_decided';
      appeals.set(write.appeal.id, write.appeal);
      approvals.push(write);
      const { openAppealId: _, ...rest } = responses[at(write.appeal.invitationId)]!;
      update(write.appeal.invitationId, () => ({ ...rest, excludedAt: write.appeal.decidedAt!, excludedBy: write.appeal.decidedBy!, appealId: write.appeal.id }));
      return 'approved';
    },
    reject: async (appeal) => {
      if (appeals.get(appeal.id)?.status !== 'pending') return 'already_decided';
      appeals.set(appeal.id, appeal);
      const { openAppealId: _, ...rest } = responses[at(appeal.invitationId)]!;
      update(appeal.invitationId, () => rest);
      return 'rejected';
    },
  };
  return { stores: { responses: responseStore, appeals: appealStore }, state: { appeals, approvals } };
}
