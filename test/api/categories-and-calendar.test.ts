import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';
import fictional2029 from '../core/scheduling/fixtures/notice-2029.fictional.json' with { type: 'json' };

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const member = 'member-gaoxin-01';

/** Records an issue under `category` for the member's team and closes it at `closedAt`; the close response. */
async function recordAndClose(host: TestHost, category: string, closedAt: string): Promise<any> {
  host.clock.set(new Date(closedAt));
  const created = await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: enterprise.id, teamId: 'gaoxin-01', category, title: '企业诉求' } });
  expect(created.status).toBe(201);
  const res = await host.call('POST', `/api/v1/issues/${(await json(created)).id}/close`, { as: member, body: { resolution: '已办结' } });
  expect(res.status).toBe(200);
  return json(res);
}

describe('categories and the calendar with the office defaults', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await testHost();
  });
  afterAll(() => host.close());

  it('lists the default categories to any signed-in staff, each due in 3 working days', async () => {
    const res = await host.call('GET', '/api/v1/categories', { as: member });

    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((c: any) => c.name)).toEqual(['水电费补贴', '房租补贴', '金融支持', '用工短缺', '防疫物资', '核酸检测', '政策咨询', '审批手续', '其他']);
    expect(body.items.every((c: any) => c.callbackDueWorkingDays === 3)).toBe(true);
  });

  it('refuses the category list and the calendar to a caller who is not signed in', async () => {
    expect((await host.call('GET', '/api/v1/categories')).status).toBe(401);
    expect((await host.call('GET', '/api/v1/calendar?year=2026')).status).toBe(401);
  });

  it('refuses an issue under an unknown category with 400, naming the path and the allowed categories', async () => {
    const res = await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '随便写的', title: 't' } });

    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toBe('validation.failed');
    expect(body.details).toEqual([expect.objectContaining({ path: 'category', allowed: expect.arrayContaining(['水电费补贴', '其他']) })]);
    expect(body.message).toContain('审批手续');
  });

  it('warns that 2031 is counted Monday-Friday until its notice is loaded', async () => {
    const res = await host.call('GET', '/api/v1/calendar?year=2031', { as: 'office' });

    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ year: 2031, official: false, source: 'weekdays-only', warning: '2031 年节假日安排尚未载入，暂按周一至周五计算工作日' });
  });

  it('gives no warning for 2026, which chinese-days knows', async () => {
    const res = await host.call('GET', '/api/v1/calendar?year=2026', { as: member });

    expect(await json(res)).toEqual({ year: 2026, official: true, source: 'chinese-days' });
  });

  it('answers the current Shanghai year when no year is given, and 400 for a year that is not one', async () => {
    host.clock.set(new Date('2026-12-31T16:30:00Z')); // 00:30 on 1 January 2027 in Shanghai
    expect(await json(await host.call('GET', '/api/v1/calendar', { as: member }))).toMatchObject({ year: 2027 });
    const bad = await host.call('GET', '/api/v1/calendar?year=26', { as: member });
    expect(bad.status).toBe(400);
    expect((await json(bad)).details[0].path).toBe('year');
  });

  it('closes with a warning when the callback falls in a year without a notice', async () => {
    const closure = await recordAndClose(host, '其他', '2031-03-04T02:00:00Z'); // Tuesday 10:00 Shanghai

    expect(closure.callbackTask.dueAt).toBe('2031-03-07T15:59:59.999Z');
    expect(closure.warnings).toEqual(['2031 年节假日安排尚未载入，暂按周一至周五计算工作日']);
  });

  it('closes without warnings when the whole window is on the official calendar', async () => {
    const closure = await recordAndClose(host, '其他', '2026-09-30T02:00:00Z');

    // 国庆 2026: 8, 9 and the make-up Saturday 10 October.
    expect(closure.callbackTask.dueAt).toBe('2026-10-10T15:59:59.999Z');
    expect(closure).not.toHaveProperty('warnings');
  });
});

describe('categories and the calendar the office configured', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await testHost({
      callbackDueWorkingDays: 2,
      categories: [{ name: '金融支持', callbackDueWorkingDays: 5 }, { name: '用工短缺' }, { name: '其他' }],
      calendarOverrides: [fictional2029],
    });
  });
  afterAll(() => host.close());

  it('lists the office’s categories with each one’s callback deadline', async () => {
    const body = await json(await host.call('GET', '/api/v1/categories', { as: member }));

    expect(body.items).toEqual([
      { name: '金融支持', callbackDueWorkingDays: 5 },
      { name: '用工短缺', callbackDueWorkingDays: 2 },
      { name: '其他', callbackDueWorkingDays: 2 },
    ]);
  });

  it('makes a callback due after its category’s own number of working days', async () => {
    // Closed Monday 23 November 2026 at 10:00 Shanghai.
    const finance = await recordAndClose(host, '金融支持', '2026-11-23T02:00:00Z');
    const labour = await recordAndClose(host, '用工短缺', '2026-11-23T02:00:00Z');

    expect(finance.callbackTask.dueAt).toBe('2026-11-30T15:59:59.999Z'); // 5 working days: Monday 30 November
    expect(labour.callbackTask.dueAt).toBe('2026-11-25T15:59:59.999Z'); // 2 working days: Wednesday 25 November
  });

  it('refuses a default category the office has taken out', async () => {
    const res = await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '房租补贴', title: 't' } });

    expect(res.status).toBe(400);
    expect((await json(res)).details[0].allowed).toEqual(['金融支持', '用工短缺', '其他']);
  });

  it('counts a loaded notice: official, from the override, make-up Saturday included, no warning', async () => {
    expect(await json(await host.call('GET', '/api/v1/calendar?year=2029', { as: 'office' }))).toEqual({ year: 2029, official: true, source: 'override' });

    // Closed Friday 28 September 2029: the make-up Saturday, then 国庆 off, then Monday 8 October.
    const closure = await recordAndClose(host, '其他', '2029-09-28T02:00:00Z');
    expect(closure.callbackTask.dueAt).toBe('2029-10-08T15:59:59.999Z');
    expect(closure).not.toHaveProperty('warnings');
  });
});
