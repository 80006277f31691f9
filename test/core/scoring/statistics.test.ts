import { describe, expect, it } from 'vitest';
import { coverRange } from '../../../functions/core/scoring/periods';
import { counterKeysFor } from '../../../functions/core/scoring/counters';
import { bayesianMean, summarize, wilsonInterval } from '../../../functions/core/scoring/statistics';

describe('statistics', () => {
  it('computes the 95% Wilson lower bound as by hand', () => {
    expect(wilsonInterval(9, 10).lower).toBeCloseTo(0.596, 3);
    expect(wilsonInterval(45, 50).lower).toBeCloseTo(0.786, 3);
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 0 });
  });

  it('shrinks a small sample toward the overall mean', () => {
    expect(bayesianMean(15, 3, 4, 10)).toBeCloseTo((15 + 40) / 13, 10);
    expect(bayesianMean(960, 200, 4, 10)).toBeCloseTo(4.762, 3);
  });

  it('counts 4-5 as csat and 3-5 as 好评率', () => {
    const s = summarize({ '1': 1, '2': 1, '3': 2, '4': 3, '5': 3 });
    expect(s).toMatchObject({ n: 10, sum: 1 + 2 + 6 + 12 + 15, csat: 0.6, goodRate: 0.8, mean: 3.6 });
  });
});

describe('periods and counters', () => {
  it('covers a range with whole months and edge days', () => {
    expect(coverRange('2026-09-28', '2026-11-02')).toEqual([
      { granularity: 'day', period: '2026-09-28' },
      { granularity: 'day', period: '2026-09-29' },
      { granularity: 'day', period: '2026-09-30' },
      { granularity: 'month', period: '2026-10' },
      { granularity: 'day', period: '2026-11-01' },
      { granularity: 'day', period: '2026-11-02' },
    ]);
    expect(coverRange('2026-01-01', '2026-12-31')).toHaveLength(12);
  });

  it('counts an answer at 23:30 Shanghai on the last day of a month in that month', () => {
    const keys = counterKeysFor({ teamId: 't', zoneId: 'z', category: 'c' }, new Date('2026-10-31T15:30:00Z'), 'sms');
    expect(keys.filter((k) => k.granularity === 'month').every((k) => k.period === '2026-10')).toBe(true);
    expect(keys.filter((k) => k.granularity === 'day').every((k) => k.period === '2026-10-31')).toBe(true);
    expect(keys.map((k) => `${k.dimension}:${k.groupId}`)).toEqual(expect.arrayContaining(['team:t', 'zone:z', 'category:c', 'overall:all']));
  });
});

describe('counter dimensions', () => {
  const at = new Date('2026-10-12T02:00:00Z');

  it('counts a closure credited to a function group in that group and in its zone x category cell', () => {
    const keys = counterKeysFor({ teamId: 't', zoneId: 'gaoxin', category: '金融支持', functionGroupId: 'finance' }, at, 'sms');
    expect(keys).toHaveLength(12);
    expect(keys.filter((k) => k.dimension === 'functionGroup').map((k) => `${k.groupId}@${k.period}`)).toEqual(['finance@2026-10-12', 'finance@2026-10']);
    expect(keys.filter((k) => k.dimension === 'zoneCategory').map((k) => k.groupId)).toEqual(['gaoxin|金融支持', 'gaoxin|金融支持']);
  });

  it('leaves the function-group dimension alone when no function group is credited', () => {
    const keys = counterKeysFor({ teamId: 't', zoneId: 'gaoxin', category: '金融支持' }, at, 'callback');
    expect(keys).toHaveLength(10);
    expect(keys.some((k) => k.dimension === 'functionGroup')).toBe(false);
    expect(keys.every((k) => k.channel === 'callback')).toBe(true);
  });
});
