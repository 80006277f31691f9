import { beforeAll, describe, expect, it } from 'vitest';
import type { CounterRow, Dimension } from '../../functions/core/scoring/counters';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const enterpriseOf = (team: string, i: number) => demoEnterprises.filter((e) => e.teamId === team)[i]!;

/** The counters the office ranks by, as written by the real transactions on DynamoDB Local, and read back by the report. */
describe('counters and metrics of the office', () => {
  let host: TestHost;
  const at = (iso: string) => host.clock.set(new Date(iso));
  const sweep = async () => json(await host.call('POST', '/local/sweep'));
  const act = (as: string, id: string, action: string, body: unknown) => host.call('POST', `/api/v1/issues/${id}/${action}`, { as, body });
  const complete = (as: string, id: string, body: unknown) => host.call('POST', `/api/v1/callback-tasks/${id}/complete`, { as, body });
  const scores = async (query: string, as = 'office') => json(await host.call('GET', `/api/v1/reports/scores?${query}`, { as }));
  const group = async (query: string, id: string) => (await scores(query)).groups.find((g: any) => g.id === id);

  async function closed(team: string, i: number, category = '金融支持', as = `member-${team}`) {
    const e = enterpriseOf(team, i);
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: `member-${team}`, body: { enterpriseId: e.id, teamId: team, category, title: '流动资金贷款对接' } }));
    const res = await act(as, issue.id, 'close', { resolution: '已办结' });
    expect(res.status).toBe(200);
    return json(res);
  }
  async function answer(team: string, i: number, overall: number) {
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${enterpriseOf(team, i).contactPhone}`));
    const res = await host.app.request(`/s/${tokenOf(sms.body)}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ answers: { overall } }) });
    expect(res.status).toBe(201);
    return sms.invitationId as string;
  }
  const rowsOf = (dimension: Dimension, groupId: string, granularity: 'day' | 'month', period: string): Promise<CounterRow[]> =>
    host.core.counters.read(dimension, [{ granularity, period }]).then((rows) => rows.filter((r) => r.groupId === groupId));

  beforeAll(async () => {
    host = await testHost();
  });

  it('counts an answer at 23:30 Shanghai on 31 October in October, never in November', async () => {
    const team = 'beihu-01';
    at('2026-10-29T02:00:00Z'); // Thursday 10:00 Shanghai
    await closed(team, 0);
    at('2026-10-29T04:30:00Z');
    expect((await sweep()).invitations.sent).toBeGreaterThanOrEqual(1);
    at('2026-10-31T15:30:00Z'); // 23:30 on Saturday 31 October in Shanghai (15:30 UTC)
    await answer(team, 0, 5);

    for (const [granularity, period] of [['day', '2026-10-31'], ['month', '2026-10']] as const) {
      const [sms] = (await rowsOf('team', team, granularity, period)).filter((r) => r.channel === 'sms');
      expect(sms).toMatchObject({ counts: { '5': 1 }, sum: 5 });
    }
    expect(await rowsOf('team', team, 'day', '2026-11-01')).toEqual([]);
    expect(await rowsOf('team', team, 'month', '2026-11')).toEqual([]);
    expect(await group('by=team&from=2026-10-01&to=2026-10-31', team)).toMatchObject({ n: 1, counts: { '5': 1 }, mean: 5 });
    expect(await group('by=team&from=2026-11-01&to=2026-11-30', team)).toMatchObject({ n: 0 });
    // The same answer in the office's zone x category table, and the closure in the work counts of its day.
    expect(await group('by=zoneCategory&from=2026-10-01&to=2026-10-31', 'beihu|金融支持')).toMatchObject({ name: '北湖科技开发区 · 金融支持', n: 1, work: { closed: 1 } });
    const [work] = (await rowsOf('zoneCategory', 'beihu|金融支持', 'day', '2026-10-29')).filter((r) => r.channel === 'work');
    expect(work?.work).toMatchObject({ closed: 1, reopened: 0 });
  });

  it('counts each callback once: on time, late when done after its due time, late once when raised and then done', async () => {
    const team = 'beihu-02';
    const member = `member-${team}`;
    at('2026-11-02T02:00:00Z'); // Monday 10:00; callbacks due by the end of Thursday 5 November
    const [onTime, raised, lateDone] = [await closed(team, 0), await closed(team, 1), await closed(team, 2)];
    expect(raised.callbackTask.dueAt).toBe('2026-11-05T15:59:59.999Z');
    at('2026-11-03T02:00:00Z');
    expect((await complete(member, onTime.callbackTask.id, { outcome: 'reached' })).status).toBe(200);
    at('2026-11-06T00:30:00Z'); // 08:30 Friday: past due, not yet raised by the sweeper
    expect((await complete(member, lateDone.callbackTask.id, { outcome: 'reached' })).status).toBe(200);
    at('2026-11-06T01:00:00Z');
    expect((await sweep()).overdueTasks.raisedToZone).toBeGreaterThanOrEqual(1);
    expect((await host.core.tasks.get(raised.callbackTask.id))?.overdueLevel).toBe('zone');
    at('2026-11-06T02:00:00Z');
    expect((await complete(member, raised.callbackTask.id, { outcome: 'reached' })).status).toBe(200);

    const g = await group('by=team&from=2026-11-01&to=2026-11-30', team);
    expect(g.work).toMatchObject({ closed: 3, callbackOnTime: 1, callbackLate: 2 });
    expect(g.callbackOnTimeRate).toBeCloseTo(1 / 3, 12);
    const [day] = (await rowsOf('team', team, 'day', '2026-11-06')).filter((r) => r.channel === 'work');
    expect(day?.work).toMatchObject({ callbackOnTime: 0, callbackLate: 2 });
  });

  it('counts a rectification done in time as on time', async () => {
    const team = 'beihu-04';
    at('2026-11-09T02:00:00Z');
    await closed(team, 0);
    at('2026-11-09T04:30:00Z');
    await sweep();
    await answer(team, 0, 1);
    const [rect] = (await json(await host.call('GET', '/api/v1/callback-tasks?kind=rectification', { as: `member-${team}` }))).items;
    at('2026-11-10T02:00:00Z');
    expect((await complete(`member-${team}`, rect.id, { outcome: 'reached', rootCause: '沟通不到位', actionTaken: '上门说明政策' })).status).toBe(200);
    expect(await group('by=team&from=2026-11-01&to=2026-11-30', team)).toMatchObject({ rectificationOnTimeRate: 1, work: { rectificationOnTime: 1, rectificationLate: 0 } });
  });

  it('reports the re-handle rate: one reopen of two closures is 0.5', async () => {
    const team = 'beihu-03';
    at('2026-11-11T02:00:00Z');
    const first = await closed(team, 0);
    at('2026-11-11T03:00:00Z');
    expect((await act('dispatcher-beihu', first.issue.id, 'reopen', { reason: '企业反映未落实' })).status).toBe(200);
    at('2026-11-11T05:00:00Z');
    expect((await act(`member-${team}`, first.issue.id, 'close', { resolution: '已重新办结' })).status).toBe(200);
    const g = await group('by=team&from=2026-11-11&to=2026-11-11', team);
    expect(g.work).toMatchObject({ closed: 2, reopened: 1 });
    expect(g.rehandleRate).toBe(0.5);
  });

  it('takes an approved appeal’s answer out of the scores and counts the appeal filed and approved', async () => {
    const team = 'changde-01';
    at('2026-11-12T02:00:00Z');
    await closed(team, 0);
    at('2026-11-12T04:30:00Z');
    await sweep();
    const invitationId = await answer(team, 0, 1);
    const range = 'by=team&from=2026-11-12&to=2026-11-12';
    expect(await group(range, team)).toMatchObject({ n: 1, appeals: { filed: 0, approved: 0 } });
    const appeal = await json(await host.call('POST', `/api/v1/responses/${invitationId}/appeals`, { as: `member-${team}`, body: { reason: '企业误评，问题当天已解决' } }));
    expect(await group(range, team)).toMatchObject({ n: 1, appeals: { filed: 1, approved: 0 } });
    expect((await host.call('POST', `/api/v1/appeals/${appeal.id}/decision`, { as: 'office', body: { decision: 'approve', note: '经核实' } })).status).toBe(200);
    expect(await group(range, team)).toMatchObject({ n: 0, counts: { '1': 0 }, appeals: { filed: 1, approved: 1 } });
    expect(await group('by=zoneCategory&from=2026-11-12&to=2026-11-12', 'changde|金融支持')).toMatchObject({ n: 0, appeals: { filed: 1, approved: 1 } });
  });

  it('credits a closure in a function group’s hands to that group, by its name, and only to it', async () => {
    const team = 'changde-03';
    at('2026-11-13T02:00:00Z');
    const e = enterpriseOf(team, 0);
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: `member-${team}`, body: { enterpriseId: e.id, teamId: team, category: '金融支持', title: '贷款' } }));
    await act(`member-${team}`, issue.id, 'escalate', { note: '需协调' });
    await act('dispatcher-changde', issue.id, 'escalate', { note: '报总调度室' });
    await act('office', issue.id, 'escalate', { note: '转金融服务组', functionGroupId: 'finance' });
    expect((await act('function-group', issue.id, 'close', { resolution: '已落实贷款' })).status).toBe(200);
    at('2026-11-13T04:30:00Z');
    await sweep();
    await answer(team, 0, 4);
    const report = await scores('by=functionGroup&from=2026-11-13&to=2026-11-13');
    expect(report.groups.find((g: any) => g.id === 'finance')).toMatchObject({ name: '金融服务组', n: 1, counts: { '4': 1 }, sufficient: false, rank: null, work: { closed: 1 } });
    expect(report.groups.filter((g: any) => g.id !== 'finance').every((g: any) => g.n === 0)).toBe(true);
    expect(await group('by=team&from=2026-11-13&to=2026-11-13', team)).toMatchObject({ n: 1 });
    expect((await host.call('GET', '/api/v1/reports/scores?by=functionGroup', { as: `member-${team}` })).status).toBe(403);
  });
});
