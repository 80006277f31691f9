import type { Enterprise, Team } from '../../../functions/core/org/org';
import { addDays, addMinutes, shanghaiDate, shanghaiInstant } from '../../../functions/core/scheduling/shanghai-time';
import { defaultFunctionGroups } from '../../../functions/core/settings';
import { random } from './demo-seed';
import type { LargeSeedSize } from './large-org';

/** Everything that will happen to one issue, drawn up front so the story never depends on the order it is told in. */
export interface IssuePlan {
  enterprise: Enterprise;
  category: string;
  title: string;
  openedAt: Date;
  /** Absent: still open today. */
  closedAt?: Date;
  escalate: false | 'zone' | 'function-group';
  functionGroupId: string;
  /** Reopened this many minutes after closing (before its survey went out), or never. */
  reopenAfterMinutes: number | null;
  /** Minutes from the survey SMS to the answer; null: never answered (the link expires). */
  answersAfterMinutes: number | null;
  answers: Record<string, unknown>;
  callback?: { lateness: 'on-time' | 'late'; unreachableFirst: boolean; outcome: 'reached' | 'declined'; says: 'yes' | 'partly' | 'no'; rating?: number };
  rectification?: { late: boolean; reCallback: boolean; followUp: { afterMinutes: number; answers: Record<string, unknown> } | null };
  appeal?: { afterMinutes: number; decideAfterMinutes: number; approve: boolean };
}

/** How much each category is asked for, and how it tends to be rated (a shift of the team's good-answer chance). */
const categoryTraits: Record<string, { volume: number; shift: number }> = {
  政策咨询: { volume: 22, shift: 0.06 },
  审批手续: { volume: 14, shift: -0.1 },
  金融支持: { volume: 14, shift: -0.04 },
  用工短缺: { volume: 12, shift: -0.14 },
  水电费补贴: { volume: 12, shift: 0.03 },
  房租补贴: { volume: 10, shift: 0.02 },
  防疫物资: { volume: 3, shift: 0.05 },
  核酸检测: { volume: 3, shift: 0.04 },
  其他: { volume: 8, shift: 0 },
};

/** Fewer issues in February (春节) and October (国庆), more before the year ends. Index 0 is January. */
const seasonality = [0.9, 0.5, 1.1, 1.05, 0.95, 1.0, 1.0, 0.95, 1.05, 0.6, 1.1, 1.15];

const titles: Record<string, string[]> = {
  水电费补贴: ['申请一季度水电费补贴', '电费补贴到账时间咨询', '峰谷电价优惠申请'],
  房租补贴: ['厂房租金减免申请', '孵化器房租补贴政策'],
  金融支持: ['流动资金贷款对接', '申请贴息贷款', '担保费补贴咨询'],
  用工短缺: ['招聘一线操作工30人', '缺少技术工人', '高校毕业生招聘对接'],
  防疫物资: ['申请口罩和消毒液储备'],
  核酸检测: ['核酸检测费用补贴咨询'],
  政策咨询: ['高新技术企业认定咨询', '研发费用加计扣除政策', '专精特新申报条件'],
  审批手续: ['环评审批进度', '施工许可办理', '消防验收预约'],
  其他: ['厂区道路照明', '周边交通拥堵', '员工通勤班车'],
};

/** Picks an index by weight (cumulative weights, binary search). */
function weighted(cumulative: number[], r: number): number {
  const target = r * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const cumulate = (xs: number[]) => xs.reduce<number[]>((acc, x) => [...acc, (acc[acc.length - 1] ?? 0) + x], []);

/**
 * The district's issues over `size.months` up to yesterday, with realistic spreads: teams of
 * varying quality (a few poor ones, most good, some so small their samples stay 样本不足),
 * enterprises that raise many issues and many that raise none, categories of different volume and
 * satisfaction, fewer issues around 春节 and 国庆 and at weekends, 55-75% answering, low scores
 * with rectifications, late callbacks, reopened issues and appeals. Deterministic for a given day.
 */
export function planIssues(org: { teams: Team[]; enterprises: Enterprise[] }, size: LargeSeedSize, now: Date, categories: string[]): IssuePlan[] {
  const rnd = random(20_261_129);
  const teamTrait = new Map(
    org.teams.map((t, i) => {
      const poor = i % 19 === 7;
      const middling = i % 5 === 2;
      const tiny = i % 28 === 5;
      return [t.id, { good: poor ? 0.38 + rnd.next() * 0.12 : middling ? 0.62 + rnd.next() * 0.1 : 0.78 + rnd.next() * 0.15, activity: tiny ? 0.08 : 1, responds: 0.55 + rnd.next() * 0.25 }];
    }),
  );
  // Many enterprises raise nothing in a quarter; a few raise a lot.
  const enterpriseWeights = org.enterprises.map((e) => (rnd.next() < 0.35 ? 0.15 : 0.3 + rnd.next() ** 2 * 3) * (teamTrait.get(e.teamId)?.activity ?? 1));
  const enterpriseCumulative = cumulate(enterpriseWeights);
  const categoryCumulative = cumulate(categories.map((c) => categoryTraits[c]?.volume ?? 6));

  const today = shanghaiDate(now);
  const first = addDays(today, -Math.round((size.months * 365) / 12));
  const days: string[] = [];
  for (let d = first; d < today; d = addDays(d, 1)) days.push(d);
  const dayCumulative = cumulate(
    days.map((d) => {
      const weekday = shanghaiInstant(d, 12 * 60).getUTCDay();
      return (seasonality[Number(d.slice(5, 7)) - 1] ?? 1) * (weekday === 0 || weekday === 6 ? 0.2 : 1);
    }),
  );
  const count = Math.round((size.enterprises * size.issuesPerEnterprisePerYear * size.months) / 12);

  const plans: IssuePlan[] = [];
  for (let k = 0; k < count; k++) {
    const enterprise = org.enterprises[weighted(enterpriseCumulative, rnd.next())]!;
    const trait = teamTrait.get(enterprise.teamId)!;
    const category = categories[weighted(categoryCumulative, rnd.next())]!;
    const closeDay = days[weighted(dayCumulative, rnd.next())]!;
    // Most closures happen in office hours; some in the evening, surveyed the next working morning.
    const closedAt = shanghaiInstant(closeDay, rnd.next() < 0.1 ? rnd.int(19 * 60, 21 * 60) : rnd.int(9 * 60, 18 * 60));
    const openedAt = addMinutes(shanghaiInstant(addDays(closeDay, -rnd.int(1, 12)), 8 * 60 + 30), rnd.int(0, 480));
    // A share of the last three weeks' issues is still being worked on.
    const stillOpen = closeDay >= addDays(today, -21) && rnd.next() < 0.3;
    const good = rnd.next() < trait.good + (categoryTraits[category]?.shift ?? 0);
    const overall = good ? (rnd.next() < 0.6 ? 5 : 4) : rnd.pick([3, 3, 3, 2, 2, 1]);
    const resolved = overall >= 4 ? 'yes' : overall === 3 ? 'partly' : 'no';
    const answerDraw = rnd.next();
    const answersAfterMinutes =
      rnd.next() >= trait.responds ? null : answerDraw < 0.55 ? rnd.int(3, 180) : answerDraw < 0.8 ? rnd.int(180, 30 * 60) : rnd.int(50 * 60, 6 * 24 * 60);
    const escalateDraw = rnd.next();
    const lowScore = overall <= 2;
    const plan: IssuePlan = {
      enterprise,
      category,
      title: rnd.pick(titles[category] ?? ['企业诉求']),
      openedAt,
      ...(stillOpen ? {} : { closedAt }),
      escalate: escalateDraw < 0.03 ? 'function-group' : escalateDraw < 0.13 ? 'zone' : false,
      functionGroupId: rnd.pick(defaultFunctionGroups).id,
      reopenAfterMinutes: rnd.next() < 0.03 ? rnd.int(20, 90) : null,
      answersAfterMinutes,
      answers: {
        overall,
        resolved,
        ...(lowScore ? { reasons: [rnd.pick(['attitude', 'speed', 'unresolved', 'unresolved', 'policy'])] } : {}),
        ...(rnd.next() < 0.25 ? { comment: overall >= 4 ? rnd.pick(['办事效率高，感谢助企队！', '服务很周到。', '问题解决得很及时。']) : rnd.pick(['希望进一步跟进落实。', '办理时间太长。', '政策解释不够清楚。']) } : {}),
      },
    };
    if (rnd.next() < 0.9) {
      // The team mostly hears what the enterprise later writes; now and then it records "solved" over a 差评 (the two-sided check flags it).
      const says = lowScore && rnd.next() < 0.25 ? 'yes' : resolved;
      plan.callback = {
        lateness: rnd.next() < 0.12 ? 'late' : 'on-time',
        unreachableFirst: rnd.next() < 0.1,
        outcome: rnd.next() < 0.03 ? 'declined' : 'reached',
        says,
        ...(rnd.next() < 0.35 ? { rating: Math.max(1, Math.min(5, overall + rnd.pick([0, 0, 0, 1, -1]))) } : {}),
      };
    }
    if (lowScore && rnd.next() < 0.85) {
      const recovered = rnd.next();
      const followOverall = recovered < 0.6 ? 4 : recovered < 0.85 ? 3 : 2;
      plan.rectification = {
        late: rnd.next() < 0.15,
        reCallback: rnd.next() < 0.8,
        followUp: rnd.next() < 0.6 ? { afterMinutes: rnd.int(5, 36 * 60), answers: { fix: followOverall } } : null,
      };
    }
    if (lowScore && rnd.next() < 0.1) plan.appeal = { afterMinutes: rnd.int(60, 3 * 24 * 60), decideAfterMinutes: rnd.int(24 * 60, 5 * 24 * 60), approve: rnd.next() < 0.4 };
    plans.push(plan);
  }
  return plans;
}
