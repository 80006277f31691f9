import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/core/scheduling/shanghai-time';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { buildLocalHost, type LocalHost } from '../../infra/local/local-host';
import { seedDemo, type SeedSummary } from '../../infra/local/seed/demo-seed';
import { freshTable } from '../support/test-host';

/** The demo seed `npm start` runs on a fresh data folder, checked against what the design promises. */
describe('the demo seed', () => {
  let host: LocalHost;
  let summary: SeedSummary | 'already-seeded';

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('seed');
    host = await buildLocalHost({ endpoint, tableName });
    summary = await seedDemo(host);
  }, 180_000);

  it('seeds 4 zones named after 长春新区, at least 12 teams and 200 enterprises with phone numbers', async () => {
    expect(summary).toMatchObject({ zones: 4, enterprises: 200 });
    const zones = await host.core.org.listZones();
    expect(zones.map((z) => z.name).sort()).toEqual(['北湖科技开发区', '空港经济开发区', '长德经济开发区', '高新技术产业开发区'].sort());
    expect((await host.core.org.listTeams({ kind: 'all' })).length).toBeGreaterThanOrEqual(12);
    const enterprises = await host.core.org.listEnterprises({ kind: 'all' }, { limit: 200 });
    expect(enterprises.items).toHaveLength(200);
    expect(enterprises.items.every((e) => /^1\d{10}$/.test(e.contactPhone))).toBe(true);
  });

  it('leaves open issues, and at least half of the enterprises with no issue in the last 90 days', async () => {
    const issues = [];
    let cursor: string | undefined;
    do {
      const page = await host.core.issues.list({ kind: 'all' }, undefined, { limit: 200, ...(cursor ? { cursor } : {}) });
      issues.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(issues.filter((i) => i.status === 'open').length).toBeGreaterThan(0);
    const since = addDays(shanghaiDate(host.core.clock.now()), -90);
    const withIssues = new Set(issues.filter((i) => i.createdAt.slice(0, 10) >= since).map((i) => i.enterpriseId));
    expect(withIssues.size).toBeLessThanOrEqual(100);
  });

  it('fills two months of scores in every zone, so reports are not empty', async () => {
    const today = shanghaiDate(host.core.clock.now());
    const report = await host.app.request(`/api/v1/reports/scores?by=zone&from=${addDays(today, -62)}&to=${today}`, {
      headers: { authorization: `Bearer ${await signIn(host, 'office')}` },
    });
    const body = (await report.json()) as { overall: { n: number }; groups: Array<{ n: number; rank: number | null }> };
    expect(body.overall.n).toBeGreaterThan(80);
    expect(body.groups).toHaveLength(4);
    expect(body.groups.every((g) => g.n >= 5 && g.rank !== null)).toBe(true);
  });

  it('runs once: a second seed changes nothing', async () => {
    expect(await seedDemo(host)).toBe('already-seeded');
  });
});

async function signIn(host: LocalHost, username: string): Promise<string> {
  const res = await host.app.request('/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return ((await res.json()) as { access_token: string }).access_token;
}
