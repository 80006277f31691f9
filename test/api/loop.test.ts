import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const member = 'member-gaoxin-01';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** The whole loop through the HTTP contract: record, close, sweep, SMS, survey, answer, scores, task. */
describe('the callback loop over HTTP', () => {
  let host: TestHost;
  let issueId: string;
  let closure: any;
  let token: string;

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
  });

  it('records an issue for the team member’s own team', async () => {
    const res = await host.call('POST', '/api/v1/issues', {
      as: member,
      body: { enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '用工短缺', title: '招聘一线操作工30人' },
    });
    expect(res.status).toBe(201);
    const issue = await json(res);
    expect(issue).toMatchObject({ status: 'open', teamId: 'gaoxin-01', zoneId: 'gaoxin', enterpriseId: enterprise.id });
    issueId = issue.id;
  });

  it('refuses to record for another team', async () => {
    const res = await host.call('POST', '/api/v1/issues', {
      as: member,
      body: { enterpriseId: enterprise.id, teamId: 'gaoxin-02', category: '其他', title: 'x' },
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error).toBe('auth.forbidden');
  });

  it('closes the issue with a callback task due three working days later and a scheduled invitation', async () => {
    const res = await host.call('POST', `/api/v1/issues/${issueId}/close`, { as: member, body: { resolution: '已对接人社局招聘会' } });
    expect(res.status).toBe(200);
    closure = await json(res);
    expect(closure.issue.status).toBe('closed');
    // Closed Tuesday 24 Nov: due end of Friday 27 Nov, 23:59:59.999 Shanghai.
    expect(closure.callbackTask.dueAt).toBe('2026-11-27T15:59:59.999Z');
    expect(closure.invitation).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-24T04:00:00.000Z' });
  });

  it('answers a second close with the same task and invitation and changes nothing', async () => {
    const res = await host.call('POST', `/api/v1/issues/${issueId}/close`, { as: member, body: { resolution: 'again' } });
    expect(res.status).toBe(200);
    const again = await json(res);
    expect(again.callbackTask.id).toBe(closure.callbackTask.id);
    expect(again.invitation.id).toBe(closure.invitation.id);
    expect(again.issue.resolution).toBe('已对接人社局招聘会');
    const detail = await json(await host.call('GET', `/api/v1/issues/${issueId}`, { as: member }));
    expect(detail.events.map((e: any) => e.to)).toEqual(['open', 'closed']);
  });

  it('sends nothing before the send time, then one Chinese SMS of at most 70 characters with the link', async () => {
    const early = await json(await host.call('POST', '/local/sweep'));
    expect(early.invitations.sent).toBe(0);
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T04:01:00Z' } });
    const sweep = await json(await host.call('POST', '/local/sweep'));
    expect(sweep.invitations.sent).toBe(1);
    const outbox = await json(await host.call('GET', `/local/outbox?to=${enterprise.contactPhone}`));
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toMatch(/^【长春新区】.*http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{22}$/);
    expect(outbox[0].body.length).toBeLessThanOrEqual(70);
    expect(outbox[0].segments).toBe(1);
    token = tokenOf(outbox[0].body);
  });

  it('shows the survey in Chinese with the five 好差评 levels, and GET/HEAD change nothing', async () => {
    const res = await host.app.request(`/s/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    for (const level of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) expect(html).toContain(`<span>${level}</span>`);
    expect((await host.app.request(`/s/${token}`, { method: 'HEAD' })).status).toBe(200);
    const inv = await host.core.invitations.get(closure.invitation.id);
    expect(inv?.status).toBe('sent');
  });

  it('refuses invalid answers with 400 and records nothing', async () => {
    const res = await host.app.request(`/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers: { overall: 7, comment: 'x'.repeat(501) } }),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toBe('validation.failed');
    expect(body.details.map((p: any) => p.path).sort()).toEqual(['comment', 'overall']);
    expect((await host.core.invitations.get(closure.invitation.id))?.status).toBe('sent');
  });

  it('records a form post once and shows the thank-you page; a second submit is 409', async () => {
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T06:30:00Z' } });
    const form = new URLSearchParams({ overall: '4', resolved: 'yes', comment: '很及时' });
    const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(res.status).toBe(303);
    const thanks = await host.app.request(res.headers.get('location')!);
    expect(await thanks.text()).toContain('感谢您的评价');
    const again = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ overall: '1' }) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您已完成评价');
    const inv = await host.core.invitations.get(closure.invitation.id);
    expect(inv).toMatchObject({ status: 'answered', answeredAt: '2026-11-24T06:30:00.000Z' });
  });

  it('counts the answer in the team and zone scores', async () => {
    for (const by of ['team', 'zone']) {
      const res = await host.call('GET', `/api/v1/reports/scores?by=${by}&from=2026-11-01&to=2026-11-30`, { as: 'office' });
      expect(res.status).toBe(200);
      const report = await json(res);
      const group = report.groups.find((g: any) => g.id === (by === 'team' ? 'gaoxin-01' : 'gaoxin'));
      expect(group).toMatchObject({ n: 1, counts: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 }, mean: 4, csat: 1, invited: 1, responseRate: 1, sufficient: false, rank: null });
      expect(report.overall.n).toBe(1);
    }
  });

  it('shows the callback task to its team only, and lets the team complete it once', async () => {
    const mine = await json(await host.call('GET', '/api/v1/callback-tasks', { as: member }));
    expect(mine.items.map((t: any) => t.id)).toContain(closure.callbackTask.id);
    const other = await json(await host.call('GET', '/api/v1/callback-tasks', { as: 'member-gaoxin-02' }));
    expect(other.items.map((t: any) => t.id)).not.toContain(closure.callbackTask.id);
    const forbidden = await host.call('POST', `/api/v1/callback-tasks/${closure.callbackTask.id}/complete`, { as: 'member-gaoxin-02', body: { outcome: 'reached' } });
    expect(forbidden.status).toBe(404);
    const done = await host.call('POST', `/api/v1/callback-tasks/${closure.callbackTask.id}/complete`, {
      as: member,
      body: { outcome: 'reached', enterpriseSaysResolved: 'yes', rating: 5, note: '企业表示满意' },
    });
    expect(done.status).toBe(200);
    expect(await json(done)).toMatchObject({ status: 'done', outcome: 'reached', completedBy: member });
    const twice = await host.call('POST', `/api/v1/callback-tasks/${closure.callbackTask.id}/complete`, { as: member, body: { outcome: 'reached' } });
    expect(twice.status).toBe(409);
    const open = await json(await host.call('GET', '/api/v1/callback-tasks?status=open', { as: member }));
    expect(open.items.map((t: any) => t.id)).not.toContain(closure.callbackTask.id);
  });

  it('opens a rectification for a 差评 in the same answer', async () => {
    const second = demoEnterprises.filter((e) => e.teamId === 'gaoxin-01')[1]!;
    const created = await json(await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: second.id, teamId: 'gaoxin-01', category: '其他', title: '道路照明' } }));
    await host.call('POST', `/api/v1/issues/${created.id}/close`, { as: member, body: { resolution: '已报修' } });
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T09:00:00Z' } });
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${second.contactPhone}`));
    const res = await host.app.request(`/s/${tokenOf(sms.body)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers: { overall: 2, resolved: 'no', reasons: ['speed', 'unresolved'] } }),
    });
    expect(res.status).toBe(201);
    const tasks = await json(await host.call('GET', '/api/v1/callback-tasks?kind=rectification', { as: member }));
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({ kind: 'rectification', issueId: created.id, teamId: 'gaoxin-01', status: 'open' });
  });
});
