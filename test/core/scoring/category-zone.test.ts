import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import type { CoreDeps } from '../../../functions/core/deps';
import { categoryZoneTable } from '../../../functions/core/scoring/category-zone';
import { emptyWorkCounts, zoneCategoryId, type CounterRow } from '../../../functions/core/scoring/counters';
import { fakeDeps } from '../fakes';

const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const dispatcher: Principal = { sub: 'd', username: 'dispatcher-beihu', role: 'zone-dispatcher', zoneId: 'beihu' };
const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };

/** A month bucket of the zoneCategory dimension holding `counts` (levels 1..5). */
const row = (zoneId: string, category: string, counts: [number, number, number, number, number], channel: CounterRow['channel'] = 'sms'): CounterRow => ({
  dimension: 'zoneCategory',
  groupId: zoneCategoryId(zoneId, category),
  granularity: 'month',
  period: '2026-11',
  channel,
  counts: { '1': counts[0], '2': counts[1], '3': counts[2], '4': counts[3], '5': counts[4] },
  sum: counts.reduce((s, c, i) => s + c * (i + 1), 0),
  invited: 0,
  work: emptyWorkCounts(),
});

function depsWith(rows: CounterRow[]): CoreDeps {
  return {
    ...fakeDeps('2026-11-29T02:00:00Z').deps,
    counters: { read: async (dimension) => rows.filter((r) => r.dimension === dimension), readAnswerNumbers: async () => [], correctAnswerNumbers: async () => false },
  };
}

const november = { from: '2026-11-01', to: '2026-11-30' };

describe('categoryZoneTable', () => {
  const rows = [row('gaoxin', '金融支持', [0, 1, 0, 2, 3]), row('beihu', '金融支持', [0, 0, 1, 1, 0]), row('beihu', '金融支持', [0, 0, 0, 0, 9], 'callback'), row('gaoxin', '旧类别', [0, 0, 0, 1, 0])];

  it('gives the office a cell per category and zone, totals across zones, and marks small cells insufficient', async () => {
    const table = await categoryZoneTable(depsWith(rows), office, november);
    expect(table.zones.map((z) => z.id)).toEqual(['gaoxin', 'beihu', 'changde', 'konggang']);
    expect(table.categories[0]).toBe('水电费补贴');
    expect(table.categories.at(-1)).toBe('旧类别');
    expect(table.cells['金融支持']!['gaoxin']).toMatchObject({ n: 6, csat: 5 / 6, sufficient: true });
    // The phone ratings (callback channel) are not the survey's: beihu keeps its two answers.
    expect(table.cells['金融支持']!['beihu']).toMatchObject({ n: 2, csat: 0.5, mean: 3.5, sufficient: false });
    expect(table.cells['金融支持']!['changde']).toMatchObject({ n: 0, csat: null, mean: null });
    expect(table.totals['金融支持']).toMatchObject({ n: 8, csat: 6 / 8 });
  });

  it('shows a dispatcher only their zone and refuses a team member', async () => {
    const table = await categoryZoneTable(depsWith(rows), dispatcher, november);
    expect(table.zones.map((z) => z.id)).toEqual(['beihu']);
    expect(table.totals['金融支持']).toMatchObject({ n: 2 });
    expect(table.categories).not.toContain('旧类别');
    await expect(categoryZoneTable(depsWith(rows), member, november)).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});
