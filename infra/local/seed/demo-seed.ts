import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoOrgStore } from '../../../functions/adapters/dynamodb/org-store';
import type { Table } from '../../../functions/adapters/dynamodb/client';
import { seedMarkerKey } from '../../../functions/adapters/dynamodb/keys';
import { ulidIds } from '../../../functions/adapters/ids/ids';
import type { Principal } from '../../../functions/core/auth/principal';
import type { CoreDeps } from '../../../functions/core/deps';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { bounceIssue, escalateIssue, startIssue } from '../../../functions/core/ledger/transitions';
import type { SmsGateway, SmsMessage } from '../../../functions/core/ports';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { addDays, addMinutes, shanghaiDate, shanghaiInstant } from '../../../functions/core/scheduling/shanghai-time';
import { completeTask } from '../../../functions/core/tasks/callback-tasks';
import { sendInvitation } from '../../../functions/core/invitations/send-due';
import { demoCategories, demoEnterprises, demoTeams, demoZones } from './demo-org';

/** A small seeded PRNG (mulberry32), so every demo seed (and the large one) tells the same story. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T };
}

/** Keeps the links the sweeper sends while seeding history, so the seed can answer them; nothing reaches the outbox. */
class CapturingGateway implements SmsGateway {
  readonly tokens = new Map<string, string>();
  async send(message: SmsMessage) {
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (token) this.tokens.set(message.invitationId, token);
    return { providerMessageId: `seed-${message.invitationId}` };
  }
}

const titles: Record<string, string[]> = {
  水电费补贴: ['申请一季度水电费补贴', '电费补贴到账时间咨询'],
  房租补贴: ['厂房租金减免申请', '孵化器房租补贴政策'],
  金融支持: ['流动资金贷款对接', '申请贴息贷款'],
  用工短缺: ['招聘一线操作工30人', '缺少技术工人'],
  防疫物资: ['申请口罩和消毒液储备', '防疫物资采购渠道咨询'],
  核酸检测: ['员工集中核酸检测预约', '核酸检测费用补贴咨询'],
  政策咨询: ['高新技术企业认定咨询', '研发费用加计扣除政策'],
  审批手续: ['环评审批进度', '施工许可办理'],
  其他: ['厂区道路照明', '周边交通拥堵'],
};

export interface SeedSummary {
  zones: number;
  teams: number;
  enterprises: number;
  closed: number;
  answered: number;
  open: number;
  recent: number;
}

/** Runs `work` over `items`, at most `lanes` at a time (DynamoDB Local answers faster in parallel). */
async function inLanes<T>(items: T[], lanes: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/**
 * The demo data set, relative to the day it runs: zones, teams and enterprises; two months of
 * issues closed and answered through the real rules, each step run at its own moment in the past
 * (a clock fixed to that moment); some open issues; and a few closures from three hours ago whose
 * surveys the first sweep of `npm start` sends to the outbox. Only half of the enterprises ever
 * get an issue, so at least half have none. Runs once per table: a marker item records that it ran.
 * `seedDemoOrg` and `seedDemoHistory` are its two halves, for a host that serves while it seeds.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedSummary | 'already-seeded'> {
  if ((await seedDemoOrg(deps)) === 'already-seeded') return 'already-seeded';
  return seedDemoHistory(deps);
}

type SeedDeps = { core: CoreDeps; table: Table; org: DynamoOrgStore };

/**
 * The first, quick half of the seed: zones, teams and enterprises (so the demo users can sign in
 * at once). `already-seeded` when an earlier start finished the whole seed.
 */
export async function seedDemoOrg(deps: SeedDeps): Promise<'already-seeded' | 'seeded'> {
  const marker = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: seedMarkerKey('demo') }));
  if (marker.Item) return 'already-seeded';
  await deps.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });
  return 'seeded';
}

/** The second half: the history of issues, closures, answers and callbacks (about 20 s on DynamoDB Local). */
export async function seedDemoHistory(deps: SeedDeps): Promise<SeedSummary> {
  const startedAt = deps.core.clock.now();
  const rnd = random(20_261_129);

  const capture = new CapturingGateway();
  /** The core as it was at `instant`: every rule, id and counter sees that time. */
  const asOf = (instant: Date, sms: SmsGateway = capture): CoreDeps => {
    const clock = { now: () => new Date(instant.getTime()) };
    // History is replayed in lanes, out of time order, and sent one invitation at a time: the
    // frequency cap (which needs closures in time order and the bundle sweeper) stays off for it.
    return { ...deps.core, clock, ids: ulidIds(clock), sms, settings: { ...deps.core.settings, frequencyCapDays: 0 } };
  };
  const office: Principal = { sub: 'office', username: 'office', role: 'office' };
  const member = (teamId: string): Principal => {
    const team = demoTeams.find((t) => t.id === teamId);
    return { sub: `member-${teamId}`, username: `member-${teamId}`, role: 'team-member', teamId, zoneId: team?.zoneId ?? '' };
  };
  // Some teams do better than others, so the rankings have something to show.
  const quality = new Map(demoTeams.map((t) => [t.id, 0.55 + rnd.next() * 0.4]));
  // Every other run of four enterprises (one per zone): all zones get issues, half the enterprises none.
  const eligible = demoEnterprises.filter((_, i) => Math.floor(i / demoZones.length) % 2 === 0);
  const today = shanghaiDate(startedAt);
  const at = (date: string, hour: number, minute = 0) => shanghaiInstant(date, hour * 60 + minute);

  // Every random choice is drawn up front, so the story does not depend on the order lanes finish in.
  const plans = Array.from({ length: 140 }, () => {
    const enterprise = rnd.pick(eligible);
    const closedOn = addDays(today, -rnd.int(3, 62));
    const category = rnd.pick(demoCategories);
    const good = rnd.next() < (quality.get(enterprise.teamId) ?? 0.7);
    const overall = good ? (rnd.next() < 0.6 ? 5 : 4) : rnd.pick([3, 3, 2, 1]);
    return {
      enterprise,
      category,
      title: rnd.pick(titles[category] ?? ['企业诉求']),
      openedAt: at(addDays(closedOn, -rnd.int(1, 6)), 9, rnd.int(0, 300)),
      closedAt: at(closedOn, 10, rnd.int(0, 420)),
      answersAfterMinutes: rnd.next() < 0.8 ? rnd.int(5, 36 * 60) : null,
      answers: {
        overall,
        resolved: overall >= 4 ? 'yes' : overall === 3 ? 'partly' : 'no',
        ...(overall <= 2 ? { reasons: [rnd.pick(['attitude', 'speed', 'unresolved', 'policy'])] } : {}),
        ...(rnd.next() < 0.3 ? { comment: overall >= 4 ? '办事效率高，感谢助企队！' : '希望进一步跟进落实。' } : {}),
      },
      calledBack: rnd.next() < 0.75,
    };
  });
  const openIssues = Array.from({ length: 24 }, (_, i) => {
    const enterprise = rnd.pick(eligible);
    const category = rnd.pick(demoCategories);
    return { enterprise, category, title: rnd.pick(titles[category] ?? ['企业诉求']), by: i % 3 === 0 ? office : member(enterprise.teamId), at: at(addDays(today, -rnd.int(0, 10)), 9, rnd.int(0, 480)) };
  });

  const summary: SeedSummary = { zones: demoZones.length, teams: demoTeams.length, enterprises: demoEnterprises.length, closed: 0, answered: 0, open: 0, recent: 0 };
  await inLanes(plans, 6, async (plan) => {
    const who = member(plan.enterprise.teamId);
    const issue = await createIssue(asOf(plan.openedAt), who, { enterpriseId: plan.enterprise.id, teamId: plan.enterprise.teamId, category: plan.category, title: plan.title });
    const closure = await closeIssue(asOf(plan.closedAt), who, issue.id, { resolution: '已协调相关部门办结，并向企业反馈。' });
    summary.closed++;
    const sentAt = addMinutes(new Date(closure.invitation.sendAfter), 1);
    await sendInvitation(asOf(sentAt), closure.invitation);
    const token = capture.tokens.get(closure.invitation.id);
    if (token && plan.answersAfterMinutes !== null) {
      await recordAnswer(asOf(addMinutes(sentAt, plan.answersAfterMinutes)), token, plan.answers, 'seed');
      summary.answered++;
    }
    if (plan.calledBack) {
      await completeTask(asOf(at(addDays(shanghaiDate(plan.closedAt), 1), 15)), who, closure.callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
    }
  });
  // Some open issues climb the escalation chain (and one is sent back), so every level has work.
  const dispatcherOf = (zoneId: string): Principal => ({ sub: `dispatcher-${zoneId}`, username: `dispatcher-${zoneId}`, role: 'zone-dispatcher', zoneId });
  await inLanes(openIssues, 6, async (open, i) => {
    const issue = await createIssue(asOf(open.at), open.by, { enterpriseId: open.enterprise.id, teamId: open.enterprise.teamId, category: open.category, title: open.title });
    summary.open++;
    const later = (hours: number) => asOf(addMinutes(open.at, hours * 60));
    const team = member(open.enterprise.teamId);
    const dispatcher = dispatcherOf(open.enterprise.zoneId);
    if (i % 4 === 1) await startIssue(later(1), team, issue.id, {});
    if (i % 6 === 2 || i % 6 === 4) await escalateIssue(later(2), team, issue.id, { note: '需开发区协调相关部门' });
    if (i % 6 === 4) await escalateIssue(later(3), dispatcher, issue.id, { note: '涉及跨部门，报总调度室' });
    if (i % 12 === 4) await escalateIssue(later(4), office, issue.id, { note: '转金融服务组办理', functionGroupId: 'finance' });
    if (i % 12 === 8) await bounceIssue(later(5), dispatcher, issue.id, { reason: '请补充企业用工需求明细' });
  });
  // Closures from three hours ago: their surveys are due, and the first sweep sends them to the outbox.
  const threeHoursAgo = new Date(startedAt.getTime() - 3 * 60 * 60 * 1000);
  await inLanes(eligible.slice(0, 4), 4, async (enterprise) => {
    const who = member(enterprise.teamId);
    const issue = await createIssue(asOf(addMinutes(threeHoursAgo, -60)), who, { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '政策咨询', title: '研发费用加计扣除政策' });
    await closeIssue(asOf(threeHoursAgo), who, issue.id, { resolution: '已当面讲解政策并提供申报指引。' });
    summary.recent++;
  });
  await deps.table.doc.send(new PutCommand({ TableName: deps.table.name, Item: { ...seedMarkerKey('demo'), type: 'seed', at: startedAt.toISOString(), ...summary } }));
  return summary;
}
