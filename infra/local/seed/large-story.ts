import { ulid } from 'ulid';
import { fileAppeal } from '../../../functions/core/appeals/appeals';
import { decideAppeal } from '../../../functions/core/appeals/decide-appeal';
import type { Principal } from '../../../functions/core/auth/principal';
import type { CoreDeps } from '../../../functions/core/deps';
import { remindInvitation, expireInvitation } from '../../../functions/core/invitations/remind-and-expire';
import { sendInvitation } from '../../../functions/core/invitations/send-due';
import type { Invitation } from '../../../functions/core/invitations/invitation';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { escalateIssue, reopenIssue, startIssue } from '../../../functions/core/ledger/transitions';
import type { Enterprise, Team } from '../../../functions/core/org/org';
import type { SmsGateway, SmsMessage } from '../../../functions/core/ports';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { addMinutes } from '../../../functions/core/scheduling/shanghai-time';
import { completeTask } from '../../../functions/core/tasks/callback-tasks';
import { raiseOverdueTasks } from '../../../functions/core/tasks/overdue';
import type { CallbackTask } from '../../../functions/core/tasks/callback-task';
import { random } from './demo-seed';
import { planIssues, type IssuePlan } from './large-plans';
import type { LargeSeedSize } from './large-org';
import type { SeedingStores } from './memory-stores';

/** Keeps the links the seed's sends carry, so the seed can answer them; nothing is sent. */
class CapturingGateway implements SmsGateway {
  readonly tokens = new Map<string, string>();
  async send(message: SmsMessage) {
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (token) this.tokens.set(message.invitationId, token);
    return { providerMessageId: `seed-${message.invitationId}` };
  }
}

export interface StorySummary {
  issues: number;
  closed: number;
  open: number;
  surveysSent: number;
  answered: number;
  expired: number;
  rectifications: number;
  followUpsAnswered: number;
  reopened: number;
  flagged: number;
  lateCallbacks: number;
  appeals: number;
}

const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const member = (t: { id: string; zoneId: string }): Principal => ({ sub: `member-${t.id}`, username: `member-${t.id}`, role: 'team-member', teamId: t.id, zoneId: t.zoneId });
const dispatcher = (zoneId: string): Principal => ({ sub: `dispatcher-${zoneId}`, username: `dispatcher-${zoneId}`, role: 'zone-dispatcher', zoneId });

const rootCauses = ['首次答复未讲清政策条件', '协调部门办理超时', '未按约定时间反馈进展', '对企业实际困难了解不够'];
const actions = ['上门重新讲解并协助准备材料', '约谈责任部门，限期办结', '建立周报机制，专人跟进', '补充走访，落实到位'];

/**
 * A year (or `size.months`) of the district's life, told through the core's own functions at the
 * moment each step happened: issues recorded, escalated, closed; surveys sent, reminded, answered
 * or expired; callbacks made (some late, raised as overdue); low scores opening rectifications with
 * follow-up surveys; reopened issues; appeals. Everything goes into `stores` (in memory); nothing
 * happens after `now`, so the live sweeper takes over where the story stops.
 */
export async function tellLargeStory(
  core: CoreDeps,
  stores: SeedingStores,
  org: { teams: Team[]; enterprises: Enterprise[] },
  size: LargeSeedSize,
  now: Date,
  onProgress: (done: number, total: number) => void,
): Promise<StorySummary> {
  const capture = new CapturingGateway();
  // The story is told out of time order and sends one invitation at a time: the frequency cap is off for it, as for the demo seed.
  const seeded: CoreDeps = { ...core, ...storesOf(stores), sms: capture, settings: { ...core.settings, frequencyCapDays: 0 } };
  // Ids from a seeded generator: stamped with each step's moment like the live ULIDs, and the same on every run.
  const idRandom = random(20_261_131);
  const asOf = (instant: Date): CoreDeps => {
    const clock = { now: () => new Date(instant.getTime()) };
    return { ...seeded, clock, ids: { next: () => ulid(instant.getTime(), idRandom.next) } };
  };
  const past = (t: Date) => t.getTime() <= now.getTime();
  const plans = planIssues(org, size, now, core.settings.categories.map((c) => c.name));
  const rnd = random(20_261_130);
  const summary: StorySummary = { issues: 0, closed: 0, open: 0, surveysSent: 0, answered: 0, expired: 0, rectifications: 0, followUpsAnswered: 0, reopened: 0, flagged: 0, lateCallbacks: 0, appeals: 0 };
  const teamOf = new Map(org.teams.map((t) => [t.id, t]));

  /** Sends an invitation at its send time, then answers it (after the reminder if it comes late) or lets it expire. */
  const survey = async (invitation: Invitation, answer: { afterMinutes: number; answers: Record<string, unknown> } | null): Promise<'answered' | 'expired' | 'waiting'> => {
    if (invitation.status !== 'scheduled') return 'waiting';
    const sentAt = new Date(invitation.sendAfter);
    if (!past(sentAt) || (await sendInvitation(asOf(sentAt), invitation)) !== 'sent') return 'waiting';
    summary.surveysSent++;
    const sent = stores.invitationMap.get(invitation.id)!;
    const answerAt = answer ? addMinutes(sentAt, answer.afterMinutes) : undefined;
    if (sent.reminderAt && (!answerAt || answerAt.toISOString() > sent.reminderAt)) {
      const remindAt = new Date(sent.reminderAt);
      if (past(remindAt)) await remindInvitation(asOf(remindAt), sent);
    }
    const token = capture.tokens.get(invitation.id);
    if (answer && answerAt && token && sent.expiresAt && answerAt.toISOString() < sent.expiresAt) {
      if (!past(answerAt)) return 'waiting';
      await recordAnswer(asOf(answerAt), token, answer.answers, 'seed');
      return 'answered';
    }
    const expiresAt = new Date(sent.expiresAt ?? now.toISOString());
    if (!past(expiresAt)) return 'waiting';
    await expireInvitation(asOf(expiresAt), stores.invitationMap.get(invitation.id)!);
    summary.expired++;
    return 'expired';
  };

  /** Completes a task on time, or late after the sweeper raised it as overdue; leaves it open when the moment is still to come. */
  const complete = async (task: CallbackTask, who: Principal, late: boolean, input: Parameters<typeof completeTask>[3]): Promise<boolean> => {
    const created = new Date(task.createdAt);
    const due = new Date(task.dueAt);
    const at = late ? addMinutes(due, rnd.int(1, 4) * 24 * 60 + rnd.int(0, 300)) : new Date(created.getTime() + rnd.next() * Math.max(60 * 60_000, due.getTime() - created.getTime() - 60 * 60_000));
    if (late) {
      stores.overdueCandidates = [task.id];
      const raiseAt = addMinutes(due, 1);
      if (past(raiseAt)) await raiseOverdueTasks(asOf(raiseAt));
      const next = stores.taskMap.get(task.id)?.nextOverdueCheckAt;
      if (next && next < at.toISOString() && past(new Date(next))) await raiseOverdueTasks(asOf(addMinutes(new Date(next), 1)));
      stores.overdueCandidates = [];
    }
    if (!past(at)) return false;
    await completeTask(asOf(at), who, task.id, input);
    return true;
  };

  for (const [index, plan] of plans.entries()) {
    if (index % 50 === 0) onProgress(index, plans.length);
    await tell(plan);
  }
  onProgress(plans.length, plans.length);
  return summary;

  async function tell(plan: IssuePlan): Promise<void> {
    const team = teamOf.get(plan.enterprise.teamId)!;
    const who = member(team);
    const issue = await createIssue(asOf(plan.openedAt), who, { enterpriseId: plan.enterprise.id, teamId: team.id, category: plan.category, title: plan.title });
    summary.issues++;
    if (!plan.closedAt || !past(plan.closedAt)) {
      summary.open++;
      if (plan.escalate && past(addMinutes(plan.openedAt, 120))) await escalateIssue(asOf(addMinutes(plan.openedAt, 120)), who, issue.id, { note: '需开发区协调相关部门' });
      return;
    }
    const opened = (h: number) => asOf(addMinutes(plan.openedAt, h * 60));
    await startIssue(opened(1), who, issue.id, {});
    let closer = who;
    if (plan.escalate) {
      await escalateIssue(opened(3), who, issue.id, { note: '需开发区协调相关部门' });
      closer = dispatcher(team.zoneId);
      if (plan.escalate === 'function-group') {
        await escalateIssue(opened(5), closer, issue.id, { note: '涉及跨部门，报总调度室' });
        await escalateIssue(opened(7), office, issue.id, { note: '转服务功能组办理', functionGroupId: plan.functionGroupId });
        closer = office;
      }
    }
    let closure = await closeIssue(asOf(plan.closedAt), closer, issue.id, { resolution: '已协调相关部门办结，并向企业反馈。' });
    summary.closed++;
    if (plan.reopenAfterMinutes !== null) {
      // Reopened before the survey went out: the survey and the callback are withdrawn, and the issue is closed again days later.
      await reopenIssue(asOf(addMinutes(plan.closedAt, plan.reopenAfterMinutes)), who, issue.id, { reason: '企业反映问题仍未解决' });
      summary.reopened++;
      const again = addMinutes(plan.closedAt, plan.reopenAfterMinutes + rnd.int(1, 4) * 24 * 60);
      if (!past(again)) return;
      closure = await closeIssue(asOf(again), who, issue.id, { resolution: '二次协调后办结。' });
    }
    const answer = plan.answersAfterMinutes === null ? null : { afterMinutes: plan.answersAfterMinutes, answers: plan.answers };
    const surveyed = await survey(closure.invitation, answer);
    if (surveyed === 'answered') summary.answered++;

    const callback = closure.callbackTask;
    if (plan.callback) {
      if (plan.callback.lateness === 'late') summary.lateCallbacks++;
      if (plan.callback.unreachableFirst) {
        const tryAt = addMinutes(new Date(callback.createdAt), 24 * 60);
        if (past(tryAt)) await completeTask(asOf(tryAt), who, callback.id, { outcome: 'unreachable', note: '电话无人接听' });
      }
      const flaggedBefore = stores.issueMap.get(issue.id)?.flags?.length ?? 0;
      await complete(callback, who, plan.callback.lateness === 'late', {
        outcome: plan.callback.outcome,
        ...(plan.callback.outcome === 'reached' ? { enterpriseSaysResolved: plan.callback.says } : {}),
        ...(plan.callback.rating ? { rating: plan.callback.rating } : {}),
      });
      if ((stores.issueMap.get(issue.id)?.flags?.length ?? 0) > flaggedBefore) summary.flagged++;
    }
    const flagged = stores.issueMap.get(issue.id);
    if (flagged?.status === 'escalated' && flagged.flags?.length) {
      // The dispatcher looks into the disagreement and closes the issue again (no second survey).
      const reclose = addMinutes(new Date(flagged.updatedAt), rnd.int(1, 3) * 24 * 60);
      if (past(reclose)) {
        const second = await closeIssue(asOf(reclose), dispatcher(team.zoneId), issue.id, { resolution: '分调度室核实后办结。' });
        await complete(second.callbackTask, who, false, { outcome: 'reached', enterpriseSaysResolved: 'partly' });
      }
    }

    if (surveyed !== 'answered') return;
    const response = stores.responseMap.get(closure.invitation.id)!;
    const rectificationId = stores.rectificationByInvitation.get(closure.invitation.id);
    const rectification = rectificationId ? stores.taskMap.get(rectificationId) : undefined;
    if (rectification) {
      summary.rectifications++;
      if (plan.rectification && (await complete(rectification, who, plan.rectification.late, { outcome: 'reached', rootCause: rnd.pick(rootCauses), actionTaken: rnd.pick(actions) }))) {
        const followUp = stores.followUpsByRectification.get(rectification.id);
        const followUpInvitation = followUp?.invitationId ? stores.invitationMap.get(followUp.invitationId) : undefined;
        if (followUpInvitation && (await survey(followUpInvitation, plan.rectification.followUp)) === 'answered') summary.followUpsAnswered++;
        const reCallback = followUp && stores.taskMap.get(followUp.taskId);
        if (reCallback && plan.rectification.reCallback) await complete(reCallback, who, false, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
      }
    }
    if (plan.appeal) {
      const filedAt = addMinutes(new Date(response.answeredAt), plan.appeal.afterMinutes);
      if (!past(filedAt)) return;
      const appeal = await fileAppeal(asOf(filedAt), who, response.invitationId, { reason: '企业误评，问题已于当日解决，附沟通记录' });
      summary.appeals++;
      const decidedAt = addMinutes(filedAt, plan.appeal.decideAfterMinutes);
      if (past(decidedAt)) {
        await decideAppeal(asOf(decidedAt), office, appeal.id, { decision: plan.appeal.approve ? 'approve' : 'reject', note: plan.appeal.approve ? '经核实，企业误评' : '评价属实，维持原评' });
      }
    }
  }
}

/** The store ports of `stores`, in the shape CoreDeps takes them. */
function storesOf(stores: SeedingStores) {
  return {
    org: stores.org,
    issues: stores.issues,
    tasks: stores.tasks,
    invitations: stores.invitations,
    counters: stores.counters,
    rateLimits: stores.rateLimits,
    responses: stores.responses,
    appeals: stores.appeals,
    codes: stores.codes,
  };
}
