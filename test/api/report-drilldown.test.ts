import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordAnswers, type PlannedAnswer } from '../support/recorded-answers';
import { testHost, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const of = (teamId: string) => demoEnterprises.filter((e) => e.teamId === teamId);
const g = of('gaoxin-01');
const h = of('gaoxin-02');
const b = of('beihu-01');
const answer = (enterprise: (typeof g)[number], overall: number, at: string, extra: Record<string, unknown> = {}, category = '其他'): PlannedAnswer => ({
  enterprise,
  category,
  answers: { overall, ...extra },
  at,
});

/** October 2026 in Shanghai, as the drill-down asks for it. */
const OCTOBER = 'from=2026-10-01&to=2026-10-31';

/**
 * The drill-down over HTTP on DynamoDB Local: answers recorded through the real loop, then listed
 * by team, zone and category for a Shanghai date range, newest first, page by page.
 */
describe('GET /api/v1/reports/responses', () => {
  let host: TestHost;
  let ids: string[];
  const plan = [
    answer(g[0]!, 5, '2026-09-30T15:59:00Z', { comment: '九月最后一分钟' }), // 23:59 on 30 September: not October
    answer(g[1]!, 4, '2026-09-30T16:00:00Z'), // 00:00 on 1 October
    answer(g[2]!, 1, '2026-10-10T02:00:00Z', { resolved: 'no', reasons: ['attitude', 'speed'], comment: '<script>alert(1)</script> 态度差' }),
    answer(g[3]!, 2, '2026-10-15T02:00:00Z', { reasons: ['unresolved'], comment: '=HYPERLINK("http://x")' }),
    answer(g[4]!, 5, '2026-10-20T02:00:00Z', { resolved: 'yes' }),
    answer(g[5]!, 3, '2026-10-25T02:00:00Z'),
    answer(g[6]!, 4, '2026-10-31T15:30:00Z', { comment: '十月最后半小时' }), // 23:30 on 31 October
    answer(g[7]!, 5, '2026-10-31T16:10:00Z'), // 00:10 on 1 November
    answer(h[0]!, 1, '2026-10-12T02:00:00Z', {}, '用工短缺'),
    answer(h[1]!, 5, '2026-10-13T02:00:00Z'),
    answer(b[0]!, 1, '2026-10-14T02:00:00Z', {}, '用工短缺'),
    answer(b[1]!, 4, '2026-10-16T02:00:00Z'),
  ];
  const idOf = (i: number) => ids[i]!;
  const list = (query: string, as = 'office') => host.call('GET', `/api/v1/reports/responses?${query}`, { as });

  beforeAll(async () => {
    host = await testHost({ invitationTtlDays: 60 });
    ids = await recordAnswers(host, plan, { closeAt: '2026-09-29T02:00:00Z', sendAt: '2026-09-29T04:01:00Z' });
    // The 2 of g[3] is appealed and the appeal approved: it leaves the scores. The 1 of g[2] is under appeal.
    host.clock.set(new Date('2026-11-02T02:00:00Z'));
    const approved = await json(await host.call('POST', `/api/v1/responses/${idOf(3)}/appeals`, { as: 'member-gaoxin-01', body: { reason: '企业误评' } }));
    expect((await host.call('POST', `/api/v1/appeals/${approved.id}/decision`, { as: 'office', body: { decision: 'approve', note: '核实' } })).status).toBe(200);
    expect((await host.call('POST', `/api/v1/responses/${idOf(2)}/appeals`, { as: 'member-gaoxin-01', body: { reason: '已解决' } })).status).toBe(201);
  });

  it('lists a team’s October answers newest first, from 00:00 on 1 October to 23:30 on 31 October', async () => {
    const res = await list(`teamId=gaoxin-01&${OCTOBER}`, 'member-gaoxin-01');
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(page.items.map((i: any) => i.invitationId)).toEqual([6, 5, 4, 3, 2, 1].map(idOf));
    expect(page.items[0]).toMatchObject({ answeredAt: '2026-10-31T15:30:00.000Z', comment: '十月最后半小时', score: 4 });
    expect(page.items.at(-1).answeredAt).toBe('2026-09-30T16:00:00.000Z');
    expect(page.nextCursor).toBeNull();
  });

  it('gives each answer its comment, reasons, resolution, survey and appeal marks', async () => {
    const page = await json(await list(`teamId=gaoxin-01&${OCTOBER}`));
    const byId = new Map(page.items.map((i: any) => [i.invitationId, i]));
    expect(byId.get(idOf(2))).toEqual({
      invitationId: idOf(2),
      issueId: expect.any(String),
      enterpriseId: g[2]!.id,
      teamId: 'gaoxin-01',
      zoneId: 'gaoxin',
      category: '其他',
      surveyId: 'callback-satisfaction',
      surveyVersion: 1,
      channel: 'sms',
      score: 1,
      resolved: 'no',
      reasons: ['attitude', 'speed'],
      comment: '<script>alert(1)</script> 态度差',
      answeredAt: '2026-10-10T02:00:00.000Z',
      excluded: false,
      underAppeal: true,
      appealId: expect.any(String),
    });
    expect(byId.get(idOf(3))).toMatchObject({ score: 2, excluded: true, underAppeal: false, reasons: ['unresolved'] });
    expect(byId.get(idOf(5))).toMatchObject({ resolved: null, reasons: [], comment: null, excluded: false, underAppeal: false, appealId: null });
  });

  it('pages through a range without repeating or skipping an answer, and ends with a null cursor', async () => {
    for (const limit of [1, 2, 4, 6, 7]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = await json(await list(`teamId=gaoxin-01&${OCTOBER}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
        expect(page.items.length).toBeLessThanOrEqual(limit);
        expect(page.items.length).toBeGreaterThan(0);
        seen.push(...page.items.map((i: any) => i.invitationId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual([6, 5, 4, 3, 2, 1].map(idOf));
      expect(pages).toBe(Math.ceil(6 / limit));
    }
  });

  it('filters by rating, also while paging a filtered range', async () => {
    const ones = await json(await list(`zoneId=gaoxin&${OCTOBER}&rating=1`, 'dispatcher-gaoxin'));
    expect(ones.items.map((i: any) => i.invitationId)).toEqual([idOf(8), idOf(2)]);
    const first = await json(await list(`zoneId=gaoxin&${OCTOBER}&rating=1&limit=1`, 'dispatcher-gaoxin'));
    expect(first.items.map((i: any) => i.invitationId)).toEqual([idOf(8)]);
    const second = await json(await list(`zoneId=gaoxin&${OCTOBER}&rating=1&limit=1&cursor=${first.nextCursor}`, 'dispatcher-gaoxin'));
    expect(second.items.map((i: any) => i.invitationId)).toEqual([idOf(2)]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists a zone’s answers across its teams, and a category’s across zones for the office', async () => {
    const zone = await json(await list(`zoneId=gaoxin&${OCTOBER}`, 'dispatcher-gaoxin'));
    expect(zone.items.map((i: any) => i.invitationId).sort()).toEqual([1, 2, 3, 4, 5, 6, 8, 9].map(idOf).sort());
    const category = await json(await list(`category=${encodeURIComponent('用工短缺')}&${OCTOBER}`));
    expect(category.items.map((i: any) => i.invitationId)).toEqual([idOf(10), idOf(8)]);
    const paged = await json(await list(`category=${encodeURIComponent('用工短缺')}&${OCTOBER}&limit=1`));
    expect(paged.items.map((i: any) => i.invitationId)).toEqual([idOf(10)]);
    const rest = await json(await list(`category=${encodeURIComponent('用工短缺')}&${OCTOBER}&limit=1&cursor=${paged.nextCursor}`));
    expect(rest.items.map((i: any) => i.invitationId)).toEqual([idOf(8)]);
  });

  it('gives a team member their own team when no group is named, and the office the district', async () => {
    const mine = await json(await list(OCTOBER, 'member-gaoxin-02'));
    expect(mine.items.map((i: any) => i.invitationId)).toEqual([idOf(9), idOf(8)]);
    const all = await json(await list(`${OCTOBER}&limit=200`));
    expect(all.items).toHaveLength(10);
  });

  it('refuses groups outside the caller’s scope with 403, and unknown ones with 404', async () => {
    const cases: Array<[string, string, number]> = [
      ['teamId=gaoxin-02', 'member-gaoxin-01', 403],
      ['zoneId=gaoxin', 'member-gaoxin-01', 403],
      ['category=其他', 'member-gaoxin-01', 403],
      ['teamId=beihu-01', 'dispatcher-gaoxin', 403],
      ['zoneId=beihu', 'dispatcher-gaoxin', 403],
      ['category=其他', 'dispatcher-gaoxin', 403],
      ['teamId=no-such-team', 'office', 404],
      ['zoneId=atlantis', 'office', 404],
    ];
    for (const [query, as, status] of cases) {
      const res = await list(`${encodeURI(query)}&${OCTOBER}`, as);
      expect({ query, as, status: res.status }).toEqual({ query, as, status });
      expect((await json(res)).error).toBe(status === 403 ? 'auth.forbidden' : 'not_found');
    }
    expect((await list(`teamId=gaoxin-02&${OCTOBER}`, 'dispatcher-gaoxin')).status).toBe(200);
  });

  it('answers bad input with 400 and a code for each mistake', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-02-30&to=2026-03-01', 'date.invalid'],
      ['from=yesterday', 'date.invalid'],
      ['from=2026-11-01&to=2026-10-01', 'range.reversed'],
      ['from=2020-01-01&to=2026-10-31', 'range.too_long'],
      [`teamId=gaoxin-01&zoneId=gaoxin&${OCTOBER}`, 'filter.several_groups'],
      [`rating=6&${OCTOBER}`, 'rating.invalid'],
      [`rating=0&${OCTOBER}`, 'rating.invalid'],
      [`rating=4.5&${OCTOBER}`, 'rating.invalid'],
      [`limit=201&${OCTOBER}`, 'limit.invalid'],
      [`cursor=not-a-cursor&${OCTOBER}`, 'cursor.invalid'],
    ];
    for (const [query, code] of cases) {
      const res = await list(query);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error).toBe('validation.failed');
      expect(body.details.map((p: any) => p.code)).toContain(code);
    }
  });

  it('refuses a cursor from another group or another range with 400', async () => {
    const page = await json(await list(`teamId=gaoxin-01&${OCTOBER}&limit=2`));
    const otherGroup = await list(`teamId=gaoxin-02&${OCTOBER}&cursor=${page.nextCursor}`);
    expect(otherGroup.status).toBe(400);
    const otherRange = await list(`teamId=gaoxin-01&from=2026-10-01&to=2026-10-05&cursor=${page.nextCursor}`);
    expect(otherRange.status).toBe(400);
    expect((await json(otherRange)).details[0].code).toBe('cursor.invalid');
  });

  it('exports every answer of the query as CSV, newest first, with Shanghai times and formula-safe comments', async () => {
    const res = await host.call('GET', `/api/v1/reports/responses.csv?teamId=gaoxin-01&${OCTOBER}&limit=1`, { as: 'member-gaoxin-01' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("''")[1]!)).toBe('评价明细（高新第1助企队）2026-10-01至2026-10-31.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(new TextDecoder().decode(bytes), { bom: true }) as string[][];
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(rows.map((r) => cell(r, '邀请编号'))).toEqual([6, 5, 4, 3, 2, 1].map(idOf));
    expect(cell(rows[0]!, '评价时间(北京时间)')).toBe('2026-10-31 23:30');
    expect(cell(rows.at(-1)!, '评价时间(北京时间)')).toBe('2026-10-01 00:00');
    const appealed = rows.find((r) => cell(r, '邀请编号') === idOf(3))!;
    expect(cell(appealed, '留言')).toBe('\'=HYPERLINK("http://x")');
    expect([cell(appealed, '申诉剔除'), cell(appealed, '评分'), cell(appealed, '评价'), cell(appealed, '不满意原因')]).toEqual(['是', '2', '不满意', '问题未解决']);
    const rude = rows.find((r) => cell(r, '邀请编号') === idOf(2))!;
    expect([cell(rude, '留言'), cell(rude, '不满意原因'), cell(rude, '是否解决'), cell(rude, '申诉中')]).toEqual(['<script>alert(1)</script> 态度差', '态度、效率', '未解决', '是']);
    expect((await host.call('GET', `/api/v1/reports/responses.csv?teamId=gaoxin-02&${OCTOBER}`, { as: 'member-gaoxin-01' })).status).toBe(403);
    const page = await host.app.request(`/app/reports/responses.csv?teamId=gaoxin-01&${OCTOBER}`, { headers: { cookie: `huifang_session=${await host.tokenFor('office')}` } });
    expect(page.status).toBe(200);
    expect((parse(await page.text(), { bom: true }) as string[][]).length).toBe(7);
  });

  it('covers the last 30 days up to today when no dates are given', async () => {
    host.clock.set(new Date('2026-10-31T16:30:00Z')); // 00:30 on 1 November: 3 October .. 1 November
    const page = await json(await list('teamId=gaoxin-01'));
    expect(page.items.map((i: any) => i.invitationId)).toEqual([7, 6, 5, 4, 3, 2].map(idOf));
  });
});
