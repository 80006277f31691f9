import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const team = 'konggang-03';
const member = `member-${team}`;
const enterprises = demoEnterprises.filter((e) => e.teamId === team);

/** The teams' callback work: attempts, phone ratings, overdue escalation, rectification, the two-sided check. */
describe('callback and rectification work', () => {
  let host: TestHost;
  const setClock = (iso: string) => host.call('POST', '/local/clock', { body: { now: iso } });
  const complete = (id: string, body: unknown) => host.call('POST', `/api/v1/callback-tasks/${id}/complete`, { as: member, body });
  async function closed(i: number) {
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: enterprises[i]!.id, teamId: team, category: '用工短缺', title: 't' } }));
    return json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: member, body: { resolution: '已办结' } }));
  }
  async function answer(i: number, answers: Record<string, unknown>) {
    const sms = (await json(await host.call('GET', `/local/outbox?to=${enterprises[i]!.contactPhone}`)))[0];
    const res = await host.app.request(`/s/${tokenOf(sms.body)}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ answers }) });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    host = await testHost();
    await setClock('2026-11-16T02:00:00Z'); // Monday 10:00 Shanghai
  });

  it('keeps a callback open through two unanswered calls and records it unreachable on the third', async () => {
    const { callbackTask } = await closed(0);
    for (const n of [1, 2]) {
      const res = await json(await complete(callbackTask.id, { outcome: 'unreachable', note: `第${n}次未接通` }));
      expect(res).toMatchObject({ status: 'open' });
      expect(res.attempts).toHaveLength(n);
    }
    const third = await json(await complete(callbackTask.id, { outcome: 'unreachable' }));
    expect(third).toMatchObject({ status: 'done', outcome: 'unreachable' });
    expect((await complete(callbackTask.id, { outcome: 'reached' })).status).toBe(409);
  });

  it('counts a rating given on the phone apart from the SMS answers', async () => {
    const { callbackTask } = await closed(1);
    await complete(callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes', rating: 2 });
    const scores = await json(await host.call('GET', '/api/v1/reports/scores?by=team&from=2026-11-16&to=2026-11-16', { as: 'office' }));
    const group = scores.groups.find((g: any) => g.id === team);
    expect(group).toMatchObject({ n: 0, rank: null, callback: { n: 1, mean: 2, csat: 0 } });
    expect(scores.overall.n).toBe(0);
  });

  it('raises an overdue callback to the zone dispatcher, then to the office two working days later', async () => {
    const { callbackTask } = await closed(2);
    expect(callbackTask.dueAt).toBe('2026-11-19T15:59:59.999Z');
    await setClock('2026-11-20T01:00:00Z');
    expect((await json(await host.call('POST', '/local/sweep'))).overdueTasks.raisedToZone).toBeGreaterThanOrEqual(1);
    expect(await host.core.tasks.get(callbackTask.id)).toMatchObject({ overdueLevel: 'zone', overdueAt: '2026-11-20T01:00:00.000Z' });
    const overdue = await json(await host.call('GET', '/api/v1/callback-tasks?overdue=true', { as: 'dispatcher-konggang' }));
    expect(overdue.items.map((t: any) => t.id)).toContain(callbackTask.id);
    expect((await json(await host.call('POST', '/local/sweep'))).overdueTasks.raisedToZone).toBe(0);
    await setClock('2026-11-23T17:00:00Z'); // Tuesday 01:00 Shanghai: two working days past due have ended
    expect((await json(await host.call('POST', '/local/sweep'))).overdueTasks.raisedToOffice).toBeGreaterThanOrEqual(1);
    expect((await host.core.tasks.get(callbackTask.id))?.overdueLevel).toBe('office');
    await complete(callbackTask.id, { outcome: 'reached' });
    expect((await json(await host.call('GET', '/api/v1/callback-tasks?overdue=true', { as: 'dispatcher-konggang' }))).items.map((t: any) => t.id)).not.toContain(callbackTask.id);
  });

  it('closes a rectification only with root cause and action, then schedules a re-callback and the short second survey', async () => {
    await setClock('2026-11-24T02:00:00Z');
    await closed(3);
    await setClock('2026-11-24T04:30:00Z');
    await host.call('POST', '/local/sweep');
    await answer(3, { overall: 1, resolved: 'no', reasons: ['attitude'] });
    const [rect] = (await json(await host.call('GET', '/api/v1/callback-tasks?kind=rectification&status=open', { as: member }))).items;
    const incomplete = await complete(rect.id, { outcome: 'reached', rootCause: '沟通不到位' });
    expect(incomplete.status).toBe(400);
    expect((await json(incomplete)).details.map((p: any) => p.path)).toEqual(['actionTaken']);
    const done = await json(await complete(rect.id, { outcome: 'reached', rootCause: '沟通不到位', actionTaken: '队长带队上门致歉并落实' }));
    expect(done).toMatchObject({ status: 'done', rootCause: '沟通不到位' });
    const reCallback = (await json(await host.call('GET', '/api/v1/callback-tasks?kind=callback&status=open', { as: member }))).items.find((t: any) => t.followsRectificationId === rect.id);
    expect(reCallback).toBeDefined();

    await setClock('2026-11-24T07:00:00Z');
    await host.call('POST', '/local/sweep');
    // The frequency cap: the enterprise was surveyed at 12:30 today, so the second survey waits a week.
    expect(await json(await host.call('GET', `/local/outbox?to=${enterprises[3]!.contactPhone}`))).toHaveLength(1);
    await setClock('2026-12-01T04:30:00Z');
    await host.call('POST', '/local/sweep');
    const outbox = await json(await host.call('GET', `/local/outbox?to=${enterprises[3]!.contactPhone}`));
    expect(outbox).toHaveLength(2);
    const page = await (await host.app.request(`/s/${tokenOf(outbox[0].body)}`)).text();
    expect(page).toContain('整改情况回访');
    expect(page).toContain('<span>基本满意</span>');
    await answer(3, { fix: 3 });
    const rectifications = await json(await host.call('GET', '/api/v1/callback-tasks?kind=rectification', { as: member }));
    expect(rectifications.items).toHaveLength(1);
    // The follow-up answer measures recovery; it is not a second rating of the team.
    const scores = await json(await host.call('GET', '/api/v1/reports/scores?by=team&from=2026-11-24&to=2026-12-01', { as: 'office' }));
    expect(scores.groups.find((g: any) => g.id === team)).toMatchObject({
      n: 1,
      counts: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 },
      recovery: { surveyed: 1, answered: 1, recovered: 1, rate: 1 },
    });
  });

  it('flags and reopens an issue for the zone when the callback and the survey disagree about the fix', async () => {
    await setClock('2026-11-25T02:00:00Z');
    const closure = await closed(4);
    await complete(closure.callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
    await setClock('2026-11-25T05:00:00Z');
    await host.call('POST', '/local/sweep');
    await answer(4, { overall: 3, resolved: 'no' });
    const issue = await json(await host.call('GET', `/api/v1/issues/${closure.issue.id}`, { as: 'dispatcher-konggang' }));
    expect(issue).toMatchObject({ status: 'escalated', level: 'zone', flags: ['resolution-mismatch'] });
    expect(issue.events.at(-1)).toMatchObject({ action: 'review', by: 'huifang', role: 'system' });
  });

  it('leaves an issue closed when both sides agree', async () => {
    await setClock('2026-11-26T02:00:00Z');
    const closure = await closed(5);
    await setClock('2026-11-26T05:00:00Z');
    await host.call('POST', '/local/sweep');
    await answer(5, { overall: 5, resolved: 'yes' });
    await complete(closure.callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
    expect((await json(await host.call('GET', `/api/v1/issues/${closure.issue.id}`, { as: member }))).status).toBe('closed');
  });
});
