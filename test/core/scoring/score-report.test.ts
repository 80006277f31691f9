import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { compositeIndex, defaultCompositeWeights, shrunkShare } from '../../../functions/core/scoring/composite';
import { emptyWorkCounts, type CounterRow, type Dimension, type WorkCounts } from '../../../functions/core/scoring/counters';
import { scoreReport } from '../../../functions/core/scoring/score-report';
import { emptyCounts, type LevelCounts } from '../../../functions/core/scoring/statistics';
import { fakeDeps } from '../fakes';

const office: Principal = { sub: 'o', username: 'office', role: 'office' };
const dispatcher: Principal = { sub: 'd', username: 'dispatcher-gaoxin', role: 'zone-dispatcher', zoneId: 'gaoxin' };
const october = { from: '2026-10-01', to: '2026-10-31' };

/** One October month row of a dimension's group. */
function row(dimension: Dimension, groupId: string, channel: CounterRow['channel'], values: { counts?: Partial<LevelCounts>; work?: Partial<WorkCounts> }): CounterRow {
  const counts = { ...emptyCounts(), ...values.counts };
  const sum = counts['1'] + 2 * counts['2'] + 3 * counts['3'] + 4 * counts['4'] + 5 * counts['5'];
  return { dimension, groupId, granularity: 'month', period: '2026-10', channel, counts, sum, invited: 0, work: { ...emptyWorkCounts(), ...values.work } };
}

/**
 * October by zone: 高新 10 answers (six 5s, three 4s, one 3), 北湖 5 answers, 长德 only four 5s,
 * 空港 none. Overall 19 answers, sum 83, sixteen of them 4 or 5.
 */
const rows: CounterRow[] = [
  row('zone', 'gaoxin', 'sms', { counts: { '5': 6, '4': 3, '3': 1 } }),
  row('zone', 'gaoxin', 'work', { work: { callbackOnTime: 2, callbackLate: 8, closed: 10, reopened: 1, appealsFiled: 2, appealsApproved: 1 } }),
  row('zone', 'beihu', 'sms', { counts: { '5': 1, '4': 2, '3': 1, '2': 1 } }),
  row('zone', 'beihu', 'work', { work: { callbackOnTime: 4, rectificationOnTime: 1, rectificationLate: 1, closed: 5 } }),
  row('zone', 'changde', 'sms', { counts: { '5': 4 } }),
  row('overall', 'all', 'sms', { counts: { '5': 11, '4': 5, '3': 2, '2': 1 } }),
  row('overall', 'all', 'work', { work: { callbackOnTime: 6, callbackLate: 8, rectificationOnTime: 1, rectificationLate: 1, closed: 15, reopened: 1 } }),
  row('functionGroup', 'finance', 'sms', { counts: { '4': 2 } }),
  row('zoneCategory', 'gaoxin|金融支持', 'sms', { counts: { '5': 1 } }),
  row('zoneCategory', 'beihu|金融支持', 'sms', { counts: { '4': 1 } }),
];

function deps() {
  const f = fakeDeps('2026-11-05T02:00:00Z');
  f.deps.counters = {
    ...f.deps.counters,
    read: async (dimension, periods) => rows.filter((r) => r.dimension === dimension && periods.some((p) => p.granularity === r.granularity && p.period === r.period)),
  };
  return f.deps;
}

const overallMean = 83 / 19;
const overallCsat = 16 / 19;

describe('composite index', () => {
  it('is the weighted mean of the parts, times 100', () => {
    expect(compositeIndex({ satisfaction: 0.9, callbackOnTime: 0.8, rectificationOnTime: 0.5, rehandle: 0.95 }, defaultCompositeWeights)).toBeCloseTo(100 * (0.54 + 0.12 + 0.075 + 0.095), 10);
  });

  it('renormalises the weights over the parts that have data', () => {
    // No rectification: 0.6, 0.15 and 0.1 now share the whole weight (0.85).
    expect(compositeIndex({ satisfaction: 0.9, callbackOnTime: 0.5, rectificationOnTime: null, rehandle: 1 }, defaultCompositeWeights)).toBeCloseTo(84.1176, 4);
    expect(compositeIndex({ satisfaction: null, callbackOnTime: null, rectificationOnTime: null, rehandle: null }, defaultCompositeWeights)).toBeNull();
  });

  it('shrinks a share toward the prior by the prior weight', () => {
    expect(shrunkShare(5, 5, 0.8, 10)).toBeCloseTo(13 / 15, 12);
    expect(shrunkShare(0, 0, 0.8, 10)).toBe(0.8);
  });
});

describe('score report', () => {
  it('computes the statistics of each zone as by hand', async () => {
    const report = await scoreReport(deps(), office, { by: 'zone', ...october });
    const gaoxin = report.groups.find((g) => g.id === 'gaoxin')!;
    expect(report.overall).toMatchObject({ n: 19, sum: 83, callbackOnTimeRate: 6 / 14, rehandleRate: 1 / 15 });
    expect(gaoxin).toMatchObject({ name: '高新技术产业开发区', n: 10, sum: 45, csat: 0.9, goodRate: 1, mean: 4.5, sufficient: true });
    expect(gaoxin.wilsonLower).toBeCloseTo(0.596, 3);
    expect(gaoxin.adjustedMean).toBeCloseTo((45 + 10 * overallMean) / (10 + 10), 12);
    expect(gaoxin.adjustedCsat).toBeCloseTo((9 + 10 * overallCsat) / (10 + 10), 12);
    expect(gaoxin).toMatchObject({ callbackOnTimeRate: 0.2, rectificationOnTimeRate: null, rehandleRate: 0.1, appeals: { filed: 2, approved: 1 } });
  });

  it('ranks by the composite, with the weights renormalised when a zone had no rectification', async () => {
    const report = await scoreReport(deps(), office, { by: 'zone', ...october });
    const [gaoxin, beihu] = ['gaoxin', 'beihu'].map((id) => report.groups.find((g) => g.id === id)!);
    // 高新: no rectification, so satisfaction 0.6, callbacks 0.15 and re-handle 0.1 share the weight 0.85.
    const gaoxinCsat = (9 + 10 * overallCsat) / 20;
    expect(gaoxin!.composite).toBeCloseTo((100 * (0.6 * gaoxinCsat + 0.15 * 0.2 + 0.1 * (1 - 0.1))) / 0.85, 9);
    const beihuCsat = (3 + 10 * overallCsat) / 15;
    expect(beihu!.composite).toBeCloseTo(100 * (0.6 * beihuCsat + 0.15 * 1 + 0.15 * 0.5 + 0.1 * 1), 9);
    // 高新 leads on the adjusted mean, 北湖 on the composite; `rank` keeps meaning the adjusted mean.
    expect([gaoxin!.rank, beihu!.rank]).toEqual([1, 2]);
    expect([gaoxin!.compositeRank, beihu!.compositeRank]).toEqual([2, 1]);
    expect(report.groups.map((g) => g.id).slice(0, 2)).toEqual(['gaoxin', 'beihu']);
    const byComposite = await scoreReport(deps(), office, { by: 'zone', ...october, rankBy: 'composite' });
    expect(byComposite.rankBy).toBe('composite');
    expect(byComposite.groups.map((g) => g.id)).toEqual(['beihu', 'gaoxin', 'changde', 'konggang']);
  });

  it('never ranks a zone with four answers (样本不足), however high its scores', async () => {
    const report = await scoreReport(deps(), office, { by: 'zone', ...october });
    const changde = report.groups.find((g) => g.id === 'changde')!;
    expect(changde).toMatchObject({ n: 4, mean: 5, sufficient: false, rank: null, compositeRank: null });
    // Its shrunk mean and composite top the others: only the minimum n keeps it off the table.
    expect(changde.adjustedMean!).toBeGreaterThan(report.groups.find((g) => g.id === 'gaoxin')!.adjustedMean!);
    expect(changde.composite).toBeCloseTo(100 * ((4 + 10 * overallCsat) / 14), 9);
    expect(report.groups.find((g) => g.id === 'konggang')).toMatchObject({ n: 0, sufficient: false, rank: null, composite: null, compositeRank: null });
  });

  it('lists every function group by its name, for the office only', async () => {
    const report = await scoreReport(deps(), office, { by: 'functionGroup', ...october });
    expect(report.groups.map((g) => g.name).sort()).toEqual(['人社用工组', '审批服务组', '政策服务组', '要素保障组', '金融服务组'].sort());
    expect(report.groups.find((g) => g.id === 'finance')).toMatchObject({ name: '金融服务组', n: 2, csat: 1, sufficient: false });
    await expect(scoreReport(deps(), dispatcher, { by: 'functionGroup', ...october })).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('shows a zone dispatcher only the cells of their own zone in the zone x category table', async () => {
    const all = await scoreReport(deps(), office, { by: 'zoneCategory', ...october });
    expect(all.groups.map((g) => g.id).sort()).toEqual(['beihu|金融支持', 'gaoxin|金融支持']);
    expect(all.groups.find((g) => g.id === 'gaoxin|金融支持')?.name).toBe('高新技术产业开发区 · 金融支持');
    const own = await scoreReport(deps(), dispatcher, { by: 'zoneCategory', ...october });
    expect(own.groups.map((g) => g.id)).toEqual(['gaoxin|金融支持']);
  });
});
