import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

const ORIGIN = 'http://localhost';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/**
 * The trend API and the report pages over answers recorded through the real loop: an issue
 * recorded and closed over HTTP, the SMS sent by the sweeper, the survey answered by form post.
 */
describe('trend report and the office dashboard, over answers recorded through the loop', () => {
  let host: TestHost;
  const used = new Set<string>();
  const cookies = new Map<string, string>();

  /** One enterprise of `teamId` never surveyed before in this test (so no frequency rule interferes). */
  const freshEnterprise = (teamId: string) => {
    const e = demoEnterprises.find((x) => x.teamId === teamId && !used.has(x.id));
    if (!e) throw new Error(`no enterprise left for ${teamId}`);
    used.add(e.id);
    return e;
  };

  /** Records, closes, sends and answers one survey: closed on `day` at 10:00 Shanghai, answered with `rating`. */
  async function answered(teamId: string, day: string, rating: number, category = '金融支持') {
    const enterprise = freshEnterprise(teamId);
    host.clock.set(new Date(`${day}T02:00:00Z`));
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: enterprise.id, teamId, category, title: '贷款贴息申请' } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已对接银行' } }));
    const sendAt = Date.parse(closure.invitation.sendAfter) + 60_000;
    host.clock.set(new Date(sendAt));
    await host.call('POST', '/local/sweep');
    const sms = (await json<any[]>(await host.call('GET', `/local/outbox?to=${enterprise.contactPhone}`))).find((m) => m.invitationId === closure.invitation.id);
    expect(sms, `the survey SMS of ${enterprise.id}`).toBeDefined();
    host.clock.set(new Date(sendAt + 30 * 60_000));
    const res = await host.app.request(`/s/${tokenOf(sms.body)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ overall: String(rating) }) });
    expect(res.status).toBe(303);
  }

  async function page(path: string, username: string): Promise<Response> {
    let cookie = cookies.get(username);
    if (!cookie) {
      const res = await host.app.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: new URLSearchParams({ username, password: DEMO_PASSWORD }) });
      cookie = `huifang_session=${/huifang_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;
      cookies.set(username, cookie);
    }
    return host.app.request(path, { headers: { cookie } });
  }

  beforeAll(async () => {
    host = await testHost();
    // October: 高新第1助企队 five answers (4 satisfied of 5), 北湖第1助企队 one; November: one each.
    for (const [day, rating] of [['2026-10-13', 5], ['2026-10-14', 5], ['2026-10-15', 4], ['2026-10-20', 4], ['2026-10-21', 2]] as const) await answered('gaoxin-01', day, rating);
    await answered('beihu-01', '2026-10-22', 3, '用工短缺');
    await answered('gaoxin-01', '2026-11-03', 5);
    await answered('beihu-01', '2026-11-04', 1, '用工短缺');
    host.clock.set(new Date('2026-11-29T02:00:00Z'));
  }, 180_000);

  it('answers the monthly trend per zone with n, csat and mean, a month without answers at n 0', async () => {
    const res = await host.call('GET', '/api/v1/reports/trend?by=zone&granularity=month&from=2026-09-01&to=2026-11-30', { as: 'office' });
    expect(res.status).toBe(200);
    const { series } = await json(res);
    expect(series.map((s: any) => s.id).sort()).toEqual(['beihu', 'changde', 'gaoxin', 'konggang']);
    const gaoxin = series.find((s: any) => s.id === 'gaoxin');
    expect(gaoxin.name).toBe('高新技术产业开发区');
    expect(gaoxin.points).toEqual([
      { period: '2026-09', from: '2026-09-01', to: '2026-09-30', n: 0, csat: null, mean: null },
      { period: '2026-10', from: '2026-10-01', to: '2026-10-31', n: 5, csat: 0.8, mean: 4 },
      { period: '2026-11', from: '2026-11-01', to: '2026-11-30', n: 1, csat: 1, mean: 5 },
    ]);
    expect(series.find((s: any) => s.id === 'beihu').points.map((p: any) => [p.n, p.mean])).toEqual([[0, null], [1, 3], [1, 1]]);
  });

  it('answers ISO weeks from the day counters, for the groups asked', async () => {
    const res = await host.call('GET', '/api/v1/reports/trend?by=team&granularity=week&from=2026-10-12&to=2026-10-25&ids=gaoxin-01', { as: 'office' });
    const { series } = await json(res);
    expect(series).toHaveLength(1);
    expect(series[0].points).toEqual([
      { period: '2026-W42', from: '2026-10-12', to: '2026-10-18', n: 3, csat: 1, mean: 14 / 3 },
      { period: '2026-W43', from: '2026-10-19', to: '2026-10-25', n: 2, csat: 0.5, mean: 3 },
    ]);
  });

  it('scopes the trend like the scores, refuses category trends outside the office, and bounds the range', async () => {
    const mine = await json(await host.call('GET', '/api/v1/reports/trend?by=team&from=2026-10-01&to=2026-11-30', { as: 'member-beihu-01' }));
    expect(mine.series.map((s: any) => s.id)).toEqual(['beihu-01']);
    const zone = await host.call('GET', '/api/v1/reports/trend?by=category&from=2026-10-01&to=2026-11-30', { as: 'dispatcher-beihu' });
    expect(zone.status).toBe(403);
    const long = await host.call('GET', '/api/v1/reports/trend?by=zone&from=2023-01-01&to=2026-11-30', { as: 'office' });
    expect(long.status).toBe(400);
    expect(await json(long)).toMatchObject({ error: 'validation.failed', details: [{ code: 'report.range_too_long', path: 'to' }] });
    const weeks = await host.call('GET', '/api/v1/reports/trend?by=zone&granularity=week&from=2025-11-01&to=2026-11-30', { as: 'office' });
    expect(weeks.status).toBe(400);
    const bad = await host.call('GET', '/api/v1/reports/trend?by=team&granularity=day', { as: 'office' });
    expect(bad.status).toBe(400);
    const byDefault = await json(await host.call('GET', '/api/v1/reports/trend?by=zone', { as: 'office' }));
    expect(byDefault.series[0].points.map((p: any) => p.period)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('shows the office October on the dashboard: the ranked team on the 红榜 with n and interval, the small one apart, zones and trend as SVG', async () => {
    const res = await page('/app/reports?month=2026-10', 'office');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('满意度报表 · 2026年10月');
    const red = html.slice(html.indexOf('id="top-h"'), html.indexOf('id="bottom-h"'));
    expect(red).toContain('<tr data-team="gaoxin-01">');
    // n 5, csat 80.0%, Wilson 95% interval 38%–96%, mean 4.00, the drill-down for the same range.
    expect(red).toMatch(/<th scope="row">高新第1助企队<\/th><td>高新技术产业开发区<\/td><td class="num">5<\/td><td class="num">80.0%<\/td><td class="num">38%–96%<\/td>/);
    expect(red).toContain('href="/app/reports/responses?teamId=gaoxin-01&amp;from=2026-10-01&amp;to=2026-10-31"');
    const few = html.slice(html.indexOf('id="few-title"'));
    expect(few).toContain('北湖第1助企队');
    expect(few).toContain('样本量 1');
    expect(few).toMatch(/另有 14 个助企队本期没有评价/);
    expect(red).not.toContain('北湖第1助企队');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('<title id="zone-chart-title">各开发区满意率（含95%置信区间）</title>');
    expect(html).toContain('80% · n=5');
    expect(html).toContain('<title id="trend-chart-title">各开发区满意率趋势</title>');
    expect(html).toContain('href="/app/reports/scores.csv?by=team&amp;from=2026-10-01&amp;to=2026-10-31"');
    expect(html).toContain('href="/app/reports/scores.xlsx?by=team&amp;from=2026-10-01&amp;to=2026-10-31"');
    expect(html).not.toContain('<script');
    // The team's work next to its satisfaction: five closures in October, none reopened.
    for (const header of ['回访及时率', '整改及时率', '重办率', '综合指数', '综合名次', '申诉(提出/成立)']) expect(red).toContain(`>${header}</th>`);
    expect(red).toMatch(/<td class="num">0%<\/td><td class="num">[\d.]+<\/td><td class="num">1<\/td><td class="num">0\/0<\/td>/);
  });

  it('fills the category x zone table from the zoneCategory counters, greying cells under the minimum', async () => {
    const html = await (await page('/app/reports?month=2026-10', 'office')).text();
    const table = html.slice(html.indexOf('<table class="data category-zone">'));
    const row = (category: string) => table.slice(table.indexOf(`<tr data-category="${category}">`), table.indexOf('</tr>', table.indexOf(`<tr data-category="${category}">`)));
    expect(row('金融支持')).toContain('<td class="num"><a href="/app/reports/responses?zoneId=gaoxin&amp;from=2026-10-01&amp;to=2026-10-31&amp;category=%E9%87%91%E8%9E%8D%E6%94%AF%E6%8C%81">80%（5）</a></td>');
    expect(row('用工短缺')).toContain('<td class="num few"><a href="/app/reports/responses?zoneId=beihu');
    expect(row('用工短缺')).toContain('0%（1）');
    expect(row('房租补贴')).not.toContain('（');
    const mine = await (await page('/app/reports?month=2026-10', 'dispatcher-beihu')).text();
    expect(mine).toContain('<th scope="col" class="num">北湖科技开发区</th>');
    expect(mine).not.toContain('<th scope="col" class="num">高新技术产业开发区</th>');
  });

  it('narrows the dashboard to a zone and to a category through the GET form', async () => {
    const html = await (await page('/app/reports?from=2026-10-01&to=2026-11-30&zoneId=beihu&category=用工短缺', 'office')).text();
    expect(html).toContain('满意度报表 · 2026-10-01 至 2026-11-30');
    expect(html).toContain('<option value="beihu" selected="">');
    expect(html).not.toContain('data-team="gaoxin-01"');
    expect(html).toContain('类别「用工短缺」满意率趋势');
    expect(html).toContain('<tr data-category="用工短缺">');
    expect(html).not.toContain('<tr data-category="金融支持">');
    expect((await page('/app/reports?month=2026-13', 'office')).status).toBe(400);
  });

  it("shows a zone dispatcher their zone's teams without the zone and category pickers, and a team member a 403 page", async () => {
    const res = await page('/app/reports?month=2026-10', 'dispatcher-beihu');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('北湖第1助企队');
    expect(html).not.toContain('高新第1助企队');
    expect(html).not.toContain('name="zoneId"');
    expect(html).toContain('<h2 id="trend-chart-h">北湖科技开发区各助企队满意率趋势</h2>');
    expect(html).toContain('href="/app/reports"');
    const member = await page('/app/reports', 'member-gaoxin-01');
    expect(member.status).toBe(403);
    expect(await member.text()).toContain('满意度报表仅供营商环境办公室和开发区调度室查看');
    expect((await page('/app/reports/monthly', 'member-gaoxin-01')).status).toBe(403);
    expect(await (await page('/app/tasks', 'member-gaoxin-01')).text()).not.toContain('href="/app/reports"');
  });

  it('prints a monthly report: the month in the title, a print stylesheet for A4 with page breaks, the full ranking', async () => {
    const res = await page('/app/reports/monthly?month=2026-10', 'office');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026年10月营商环境满意度月报');
    expect(html).toContain('@page{size:A4');
    expect(html).toMatch(/@media print\{[^}]*\.nav,\.filters,\.no-print\{display:none!important\}/);
    expect(html.match(/<section class="sheet"/g)).toHaveLength(4);
    expect(html).toContain('<tr data-team="gaoxin-01">');
    expect(html).toContain('<tr data-zone="gaoxin">');
    const current = await (await page('/app/reports/monthly', 'office')).text();
    expect(current).toContain('2026年11月（截至29日）营商环境满意度月报');
  });
});
