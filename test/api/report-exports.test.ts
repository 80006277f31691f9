import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvHeader } from '../../functions/api/exports/csv';
import { scoreColumns } from '../../functions/core/scoring/score-columns';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordAnswers, type PlannedAnswer } from '../support/recorded-answers';
import { testHost, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const of = (teamId: string) => demoEnterprises.filter((e) => e.teamId === teamId);
const answer = (enterprise: (typeof demoEnterprises)[number], overall: number, at: string, extra: Record<string, unknown> = {}): PlannedAnswer => ({
  enterprise,
  category: '其他',
  answers: { overall, ...extra },
  at,
});
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let host: TestHost;
const cookieOf = async (username: string) => ({ cookie: `huifang_session=${await host.tokenFor(username)}` });

beforeAll(async () => {
  host = await testHost({ invitationTtlDays: 30 });
  const g = of('gaoxin-01');
  const h = of('gaoxin-02');
  await recordAnswers(
    host,
    [
      ...[5, 5, 4, 4, 3].map((score, i) => answer(g[i]!, score, `2026-11-0${i + 2}T02:00:00Z`)),
      answer(h[0]!, 1, '2026-11-10T02:00:00Z', { reasons: ['attitude', 'policy'], comment: '<b>态度</b> & "太慢"' }),
      answer(h[1]!, 2, '2026-11-11T02:00:00Z', { comment: '第二条' }),
      answer(h[2]!, 5, '2026-11-12T02:00:00Z'),
      answer(of('beihu-01')[0]!, 4, '2026-11-13T02:00:00Z'),
    ],
    { closeAt: '2026-10-27T02:00:00Z', sendAt: '2026-10-27T04:01:00Z' },
  );
  host.clock.set(new Date('2026-12-01T02:00:00Z'));
});

/**
 * The score downloads on DynamoDB Local: the same rows as `GET /api/v1/reports/scores`, as CSV that
 * Excel and WPS open with Chinese headers, and as XLSX; over the bearer API and the staff session.
 */
describe('score exports (CSV and XLSX)', () => {
  let scores: any;
  beforeAll(async () => {
    scores = await json(await host.call('GET', `/api/v1/reports/scores?by=team&${NOVEMBER}`, { as: 'office' }));
  });

  it('answers the CSV as a UTF-8 attachment with a BOM, a Chinese file name and CRLF lines', async () => {
    const res = await host.call('GET', `/api/v1/reports/scores.csv?by=team&${NOVEMBER}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="huifang-scores-team-2026-11-01_2026-11-30\.csv"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe('满意度排名（助企队）2026-11-01至2026-11-30.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('parses back into the rows of the JSON scores, in rank order, rates in percent', async () => {
    const text = await (await host.call('GET', `/api/v1/reports/scores.csv?by=team&${NOVEMBER}`, { as: 'office' })).text();
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(scoreColumns.map((c) => csvHeader(c as never)));
    expect(header).toEqual(expect.arrayContaining(['名次', '名称', '样本数', '非常满意', '非常不满意', '满意率(%)', '好评率(%)', '均分', '修正均分', '满意率置信下限(%)', '回复率(%)', '样本不足']));
    expect(rows).toHaveLength(scores.groups.length);
    const cell = (row: string[], name: string) => row[header!.indexOf(name)]!;
    rows.forEach((row, i) => {
      const group = scores.groups[i];
      expect(cell(row, '编号')).toBe(group.id);
      expect(cell(row, '名称')).toBe(group.name);
      expect(cell(row, '名次')).toBe(group.rank === null ? '' : String(group.rank));
      expect(Number(cell(row, '样本数'))).toBe(group.n);
      expect(Number(cell(row, '非常满意'))).toBe(group.counts['5']);
      expect(Number(cell(row, '非常不满意'))).toBe(group.counts['1']);
      expect(Number(cell(row, '发送邀请数'))).toBe(group.invited);
      expect(cell(row, '样本不足')).toBe(group.sufficient ? '否' : '是');
      for (const [name, value] of [['满意率(%)', group.csat], ['好评率(%)', group.goodRate], ['满意率置信下限(%)', group.wilsonLower], ['回复率(%)', group.responseRate]] as const) {
        if (value === null) expect(cell(row, name)).toBe('');
        else expect(Number(cell(row, name))).toBeCloseTo(value * 100, 2);
      }
      if (group.mean === null) expect(cell(row, '均分')).toBe('');
      else expect(Number(cell(row, '均分'))).toBeCloseTo(group.mean, 3);
    });
    // The one team with five answers is ranked; the others are listed as 样本不足.
    expect(rows[0]!.slice(0, 4)).toEqual(['1', 'gaoxin-01', '高新第1助企队', '5']);
    expect(cell(rows[0]!, '满意率(%)')).toBe('80');
  });

  it('answers the XLSX with one Chinese sheet, a bold frozen header row and percent formats', async () => {
    const res = await host.call('GET', `/api/v1/reports/scores.xlsx?by=team&${NOVEMBER}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="huifang-scores-team-2026-11-01_2026-11-30\.xlsx"; filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['满意度排名']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('满意度排名（助企队）2026-11-01至2026-11-30');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const headers = scoreColumns.map((_, i) => sheet.getRow(2).getCell(i + 1).value);
    expect(headers).toEqual(scoreColumns.map((c) => c.header));
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(28);
    const col = (name: string) => scoreColumns.findIndex((c) => c.header === name) + 1;
    scores.groups.forEach((group: any, i: number) => {
      const row = sheet.getRow(3 + i);
      expect(row.getCell(col('编号')).value).toBe(group.id);
      expect(row.getCell(col('名次')).value).toBe(group.rank);
      expect(row.getCell(col('样本数')).value).toBe(group.n);
      expect(row.getCell(col('满意率')).value).toBe(group.csat);
      expect(row.getCell(col('均分')).value).toBe(group.mean);
    });
    const first = sheet.getRow(3);
    expect(first.getCell(col('满意率')).numFmt).toBe('0.0%');
    expect(first.getCell(col('回复率')).numFmt).toBe('0.0%');
    expect(first.getCell(col('均分')).numFmt).toBe('0.00');
    expect(first.getCell(col('样本数')).numFmt).toBe('0');
    expect(first.getCell(col('满意率')).value).toBe(0.8);
  });

  it('exports only what the caller may see, and refuses what the scores refuse', async () => {
    const mine = await (await host.call('GET', `/api/v1/reports/scores.csv?by=team&${NOVEMBER}`, { as: 'member-gaoxin-02' })).text();
    const rows = (parse(mine, { bom: true }) as string[][]).slice(1);
    expect(rows.map((r) => r[1])).toEqual(['gaoxin-02']);
    const category = await host.call('GET', `/api/v1/reports/scores.xlsx?by=category&${NOVEMBER}`, { as: 'dispatcher-gaoxin' });
    expect(category.status).toBe(403);
    const bad = await host.call('GET', '/api/v1/reports/scores.csv?by=street&from=2026-11-30&to=2026-11-01', { as: 'office' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe('validation.failed');
    expect((await host.call('GET', `/api/v1/reports/scores.csv?by=team&${NOVEMBER}`)).status).toBe(401);
  });

  it('serves the same files to signed-in staff under /app/reports with the session cookie', async () => {
    const api = await (await host.call('GET', `/api/v1/reports/scores.csv?by=zone&${NOVEMBER}`, { as: 'office' })).text();
    const page = await host.app.request(`/app/reports/scores.csv?by=zone&${NOVEMBER}`, { headers: await cookieOf('office') });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(page.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toBe(api);
    const xlsx = await host.app.request(`/app/reports/scores.xlsx?by=zone&${NOVEMBER}`, { headers: await cookieOf('office') });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX_TYPE);
    const signedOut = await host.app.request(`/app/reports/scores.csv?by=zone&${NOVEMBER}`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/app/login');
  });
});

/** The drill-down page a signed-in staff member reaches from the dashboard. */
describe('/app/reports/responses', () => {
  const page = async (query: string, as: string) => host.app.request(`/app/reports/responses?${query}`, { headers: await cookieOf(as) });

  it('shows a team’s answers with the comment as text, reasons in Chinese, and the count on the page', async () => {
    const res = await page(`teamId=gaoxin-02&${NOVEMBER}`, 'office');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('评价明细 · 高新第2助企队');
    expect(html).toContain('&lt;b&gt;态度&lt;/b&gt; &amp; &quot;太慢&quot;');
    expect(html).not.toContain('<b>态度</b>');
    expect(html).toContain('态度、政策限制');
    expect(html).toContain('非常不满意');
    expect(html).toMatch(/本页样本 <strong>3<\/strong> 条/);
    expect(html).not.toContain('下一页');
    expect(html).toContain('href="/app/reports/responses.csv?teamId=gaoxin-02&amp;from=2026-11-01&amp;to=2026-11-30"');
  });

  it('links to the next page with the same filters and the cursor', async () => {
    const first = await (await page(`teamId=gaoxin-02&${NOVEMBER}&limit=2`, 'office')).text();
    expect(first).toMatch(/本页样本 <strong>2<\/strong> 条/);
    const href = /<a href="([^"]+)">下一页/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toMatch(/^\/app\/reports\/responses\?teamId=gaoxin-02&from=2026-11-01&to=2026-11-30&limit=2&cursor=/);
    const second = await (await host.app.request(href!, { headers: await cookieOf('office') })).text();
    expect(second).toMatch(/本页样本 <strong>1<\/strong> 条/);
    expect(second).toContain('&lt;b&gt;态度&lt;/b&gt;');
    expect(second).not.toContain('下一页');
  });

  it('keeps the filters a plain GET form can send, with empty ones ignored', async () => {
    const res = await page(`zoneId=gaoxin&teamId=&category=&rating=5&${NOVEMBER}`, 'dispatcher-gaoxin');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('评价明细 · 高新技术产业开发区');
    expect(html).toMatch(/本页样本 <strong>3<\/strong> 条/);
    expect(html).toContain('<option value="5" selected="">非常满意</option>');
  });

  it('answers a group outside the viewer’s scope with a 403 page and bad dates with a 400 page', async () => {
    const forbidden = await page(`teamId=gaoxin-01&${NOVEMBER}`, 'member-gaoxin-02');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('无权访问');
    const bad = await page('from=2026-11-31&to=2026-11-01', 'office');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
