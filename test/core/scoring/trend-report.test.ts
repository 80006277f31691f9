import { describe, expect, it } from 'vitest';
import { inScope, type Principal } from '../../../functions/core/auth/principal';
import type { CoreDeps } from '../../../functions/core/deps';
import { DomainError } from '../../../functions/core/errors';
import { counterKeysFor, emptyWorkCounts, type Channel, type CounterRow } from '../../../functions/core/scoring/counters';
import { isoWeekOf } from '../../../functions/core/scoring/iso-week';
import { trendQuerySchema, trendReport, trendSlots } from '../../../functions/core/scoring/trend-report';
import { emptyCounts } from '../../../functions/core/scoring/statistics';
import { demoTeams } from '../../../infra/local/seed/demo-org';
import { fakeDeps } from '../fakes';

const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const dispatcher: Principal = { sub: 'd', username: 'dispatcher-beihu', role: 'zone-dispatcher', zoneId: 'beihu' };
const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };

/** Counters as the answer transaction leaves them, kept in memory; `reads` counts the buckets asked for. */
function countersOf(answers: Array<{ at: string; rating: number; teamId?: string; zoneId?: string; category?: string; channel?: Channel }>) {
  const rows = new Map<string, CounterRow>();
  for (const a of answers) {
    const owner = { teamId: a.teamId ?? 'gaoxin-01', zoneId: a.zoneId ?? 'gaoxin', category: a.category ?? '政策咨询' };
    for (const key of counterKeysFor(owner, new Date(a.at), a.channel ?? 'sms')) {
      const id = `${key.dimension}|${key.granularity}|${key.period}|${key.groupId}|${key.channel}`;
      const row = rows.get(id) ?? { ...key, counts: emptyCounts(), sum: 0, invited: 0, work: emptyWorkCounts() };
      row.counts[String(a.rating) as '1'] += 1;
      row.sum += a.rating;
      rows.set(id, row);
    }
  }
  const reads: string[] = [];
  const store: CoreDeps['counters'] = {
    readAnswerNumbers: async () => [],
    correctAnswerNumbers: async () => false,
    read: async (dimension, periods) => {
      reads.push(...periods.map((p) => `${p.granularity}:${p.period}`));
      const wanted = new Set(periods.map((p) => `${p.granularity}|${p.period}`));
      return [...rows.values()].filter((r) => r.dimension === dimension && wanted.has(`${r.granularity}|${r.period}`));
    },
  };
  return { store, reads };
}

/** The fakes with these counters, and teams listed by scope as the DynamoDB org store does. */
function depsWith(counters: CoreDeps['counters']): CoreDeps {
  const deps = fakeDeps('2026-11-29T02:00:00Z').deps;
  return { ...deps, counters, org: { ...deps.org, listTeams: async (scope) => demoTeams.filter((t) => inScope(scope, { zoneId: t.zoneId, teamId: t.id })) } };
}

const query = (q: Record<string, string>) => trendQuerySchema.parse(q);

describe('ISO weeks', () => {
  it('labels weeks Monday to Sunday by the year of their Thursday, across a year boundary', () => {
    expect(isoWeekOf('2026-11-02')).toBe('2026-W45'); // a Monday
    expect(isoWeekOf('2026-11-08')).toBe('2026-W45'); // the Sunday after
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01'); // 1 January 2026 is a Thursday
  });
});

describe('trend periods', () => {
  it('reads whole months from month buckets and a cut month from its days', () => {
    const slots = trendSlots('2026-09-29', '2026-11-30', 'month');
    expect(slots.map((s) => [s.period, s.from, s.to, s.buckets.length])).toEqual([
      ['2026-09', '2026-09-29', '2026-09-30', 2],
      ['2026-10', '2026-10-01', '2026-10-31', 1],
      ['2026-11', '2026-11-01', '2026-11-30', 1],
    ]);
  });

  it('cuts the first and last ISO week to the range', () => {
    const slots = trendSlots('2026-12-30', '2027-01-05', 'week');
    expect(slots.map((s) => [s.period, s.from, s.to, s.buckets.length])).toEqual([
      ['2026-W53', '2026-12-30', '2027-01-03', 5],
      ['2027-W01', '2027-01-04', '2027-01-05', 2],
    ]);
  });
});

describe('trendReport', () => {
  it('counts an answer at 23:30 on 31 October in October, and leaves a month without answers at n 0 with null scores', async () => {
    const { store } = countersOf([
      { at: '2026-10-31T15:30:00Z', rating: 5 },
      { at: '2026-10-02T02:00:00Z', rating: 2 },
      { at: '2026-12-01T02:00:00Z', rating: 4 },
      { at: '2026-12-01T03:00:00Z', rating: 4, channel: 'callback' },
    ]);
    const report = await trendReport(depsWith(store), office, query({ by: 'zone', from: '2026-10-01', to: '2026-12-31' }));
    const gaoxin = report.series.find((s) => s.id === 'gaoxin')!;
    expect(gaoxin.name).toBe('高新技术产业开发区');
    expect(gaoxin.points).toEqual([
      { period: '2026-10', from: '2026-10-01', to: '2026-10-31', n: 2, csat: 0.5, mean: 3.5 },
      { period: '2026-11', from: '2026-11-01', to: '2026-11-30', n: 0, csat: null, mean: null },
      // The phone rating of the callback is not the enterprise's own survey: not counted.
      { period: '2026-12', from: '2026-12-01', to: '2026-12-31', n: 1, csat: 1, mean: 4 },
    ]);
    expect(report.series.map((s) => s.id)).toEqual(['gaoxin', 'beihu', 'changde', 'konggang']);
    expect(report.series.find((s) => s.id === 'beihu')!.points.every((p) => p.n === 0 && p.csat === null)).toBe(true);
  });

  it('sums day buckets into ISO weeks across a year boundary', async () => {
    const { store, reads } = countersOf([
      { at: '2026-12-28T02:00:00Z', rating: 5 }, // Monday of 2026-W53
      { at: '2027-01-03T15:00:00Z', rating: 3 }, // Sunday 23:00 Shanghai, still 2026-W53
      { at: '2027-01-03T16:30:00Z', rating: 1 }, // Monday 00:30 Shanghai: 2027-W01
    ]);
    const report = await trendReport(depsWith(store), office, query({ by: 'team', granularity: 'week', from: '2026-12-21', to: '2027-01-10', ids: 'gaoxin-01' }));
    expect(report.series).toHaveLength(1);
    expect(report.series[0]!.points.map((p) => [p.period, p.n, p.mean])).toEqual([
      ['2026-W52', 0, null],
      ['2026-W53', 2, 4],
      ['2027-W01', 1, 1],
    ]);
    expect(reads.every((r) => r.startsWith('day:'))).toBe(true);
    expect(reads).toHaveLength(21);
  });

  it('shows a team member only their own team and a dispatcher only their zone', async () => {
    const { store } = countersOf([{ at: '2026-11-02T02:00:00Z', rating: 5 }]);
    const deps = depsWith(store);
    const q = { from: '2026-11-01', to: '2026-11-30' };
    expect((await trendReport(deps, member, query({ by: 'team', ...q }))).series.map((s) => s.id)).toEqual(['gaoxin-01']);
    expect((await trendReport(deps, dispatcher, query({ by: 'zone', ...q }))).series.map((s) => s.id)).toEqual(['beihu']);
    const teams = (await trendReport(deps, dispatcher, query({ by: 'team', ...q }))).series.map((s) => s.id);
    expect(teams).toEqual(['beihu-01', 'beihu-02', 'beihu-03', 'beihu-04']);
    await expect(trendReport(deps, dispatcher, query({ by: 'category', ...q }))).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('gives the office one series per category, a removed category included', async () => {
    const { store } = countersOf([{ at: '2026-11-02T02:00:00Z', rating: 4, category: '旧类别' }]);
    const report = await trendReport(depsWith(store), office, query({ by: 'category', from: '2026-11-01', to: '2026-11-30' }));
    expect(report.series.map((s) => s.id)).toContain('金融支持');
    expect(report.series.find((s) => s.id === '旧类别')!.points[0]).toMatchObject({ n: 1, csat: 1 });
  });

  it('refuses more than 36 months or 53 weeks with report.range_too_long', async () => {
    const deps = depsWith(countersOf([]).store);
    const tooLong = async (q: Record<string, string>) => {
      const error = await trendReport(deps, office, query(q)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'validation.failed', details: [{ code: 'report.range_too_long', path: 'to' }] });
    };
    await tooLong({ by: 'zone', from: '2024-01-01', to: '2027-01-01' });
    await tooLong({ by: 'zone', granularity: 'week', from: '2026-01-01', to: '2027-01-04' });
    expect((await trendReport(deps, office, query({ by: 'zone', from: '2024-01-01', to: '2026-12-31' }))).series[0]!.points).toHaveLength(36);
    // 2026-W01 starts 2025-12-29; 2026 has 53 ISO weeks.
    expect((await trendReport(deps, office, query({ by: 'zone', granularity: 'week', from: '2025-12-29', to: '2027-01-03' }))).series[0]!.points).toHaveLength(53);
  });
});
