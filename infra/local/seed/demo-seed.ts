import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoOrgStore } from '../../../functions/adapters/dynamodb/org-store';
import type { Table } from '../../../functions/adapters/dynamodb/client';
import { seedMarkerKey } from '../../../functions/adapters/dynamodb/keys';
import type { SettableClock } from '../../../functions/adapters/clock/clocks';
import type { Principal } from '../../../functions/core/auth/principal';
import type { CoreDeps } from '../../../functions/core/deps';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import type { SmsGateway, SmsMessage } from '../../../functions/core/ports';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { addDays, addMinutes, shanghaiDate, shanghaiInstant } from '../../../functions/core/scheduling/shanghai-time';
import { completeTask } from '../../../functions/core/tasks/callback-tasks';
import { runSweeper } from '../../../functions/jobs/sweeper';
import { demoCategories, demoEnterprises, demoTeams, demoZones } from './demo-org';

/** A small seeded PRNG (mulberry32), so every demo seed tells the same story. */
function random(seed: number) {
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

/**
 * The demo data set, relative to the day it runs: zones, teams and enterprises; two months of
 * issues closed and answered through the real rules (the clock pinned to each moment); some open
 * issues; and a few closures from three hours ago whose surveys the first sweep sends to the
 * outbox. Only half of the enterprises ever get an issue, so at least half have none.
 * Runs once per table: a marker item records that it ran.
 */
export async function seedDemo(deps: { core: CoreDeps; clock: SettableClock; table: Table; org: DynamoOrgStore }): Promise<SeedSummary | 'already-seeded'> {
  const marker = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: seedMarkerKey('demo') }));
  if (marker.Item) return 'already-seeded';

  const startedAt = new Date();
  const rnd = random(20_261_129);
  await deps.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });

  const capture = new CapturingGateway();
  const history: CoreDeps = { ...deps.core, sms: capture };
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

  const summary: SeedSummary = { zones: demoZones.length, teams: demoTeams.length, enterprises: demoEnterprises.length, closed: 0, answered: 0, open: 0, recent: 0 };
  try {
    // Two months of closures, oldest first, answered by most enterprises.
    const plans = Array.from({ length: 140 }, () => {
      const enterprise = rnd.pick(eligible);
      const closedOn = addDays(today, -rnd.int(3, 62));
      return { enterprise, closedOn, openedDaysBefore: rnd.int(1, 6), category: rnd.pick(demoCategories) };
    }).sort((a, b) => a.closedOn.localeCompare(b.closedOn));
    for (const plan of plans) {
      const who = member(plan.enterprise.teamId);
      deps.clock.set(at(addDays(plan.closedOn, -plan.openedDaysBefore), 9, rnd.int(0, 300)));
      const issue = await createIssue(history, who, {
        enterpriseId: plan.enterprise.id,
        teamId: plan.enterprise.teamId,
        category: plan.category,
        title: rnd.pick(titles[plan.category] ?? ['企业诉求']),
      });
      const closedAt = at(plan.closedOn, 10, rnd.int(0, 420));
      deps.clock.set(closedAt);
      const closure = await closeIssue(history, who, issue.id, { resolution: '已协调相关部门办结，并向企业反馈。' });
      summary.closed++;
      deps.clock.set(addMinutes(new Date(closure.invitation.sendAfter), 1));
      await runSweeper(history);
      const token = capture.tokens.get(closure.invitation.id);
      if (token && rnd.next() < 0.8) {
        deps.clock.set(addMinutes(deps.clock.now(), rnd.int(5, 36 * 60)));
        const good = rnd.next() < (quality.get(plan.enterprise.teamId) ?? 0.7);
        const overall = good ? (rnd.next() < 0.6 ? 5 : 4) : rnd.pick([3, 3, 2, 1]);
        await recordAnswer(history, token, {
          overall,
          resolved: overall >= 4 ? 'yes' : overall === 3 ? 'partly' : 'no',
          ...(overall <= 2 ? { reasons: [rnd.pick(['attitude', 'speed', 'unresolved', 'policy'])] } : {}),
          ...(rnd.next() < 0.3 ? { comment: overall >= 4 ? '办事效率高，感谢助企队！' : '希望进一步跟进落实。' } : {}),
        }, 'seed');
        summary.answered++;
      }
      if (rnd.next() < 0.75) {
        deps.clock.set(at(addDays(plan.closedOn, 1), 15));
        await completeTask(history, who, closure.callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
      }
    }
    // Open issues from the last ten days.
    for (let i = 0; i < 24; i++) {
      const enterprise = rnd.pick(eligible);
      deps.clock.set(at(addDays(today, -rnd.int(0, 10)), 9, rnd.int(0, 480)));
      const category = rnd.pick(demoCategories);
      await createIssue(history, i % 3 === 0 ? office : member(enterprise.teamId), {
        enterpriseId: enterprise.id,
        teamId: enterprise.teamId,
        category,
        title: rnd.pick(titles[category] ?? ['企业诉求']),
      });
      summary.open++;
    }
    // Closures from three hours ago: the first sweep of `npm start` sends their surveys to the outbox.
    const threeHoursAgo = new Date(startedAt.getTime() - 3 * 60 * 60 * 1000);
    for (const enterprise of eligible.slice(0, 4)) {
      const who = member(enterprise.teamId);
      deps.clock.set(new Date(threeHoursAgo.getTime() - 60 * 60 * 1000));
      const issue = await createIssue(deps.core, who, { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '政策咨询', title: '研发费用加计扣除政策' });
      deps.clock.set(threeHoursAgo);
      await closeIssue(deps.core, who, issue.id, { resolution: '已当面讲解政策并提供申报指引。' });
      summary.recent++;
    }
  } finally {
    deps.clock.set(null);
  }
  await deps.table.doc.send(new PutCommand({ TableName: deps.table.name, Item: { ...seedMarkerKey('demo'), type: 'seed', at: startedAt.toISOString(), ...summary } }));
  return summary;
}
