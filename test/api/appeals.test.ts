import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordCommands } from '../support/command-recorder';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const enterprisesOf = (teamId: string) => demoEnterprises.filter((e) => e.teamId === teamId);
const [a1, a2, a3] = enterprisesOf('gaoxin-01');
const [b1, b2, b3] = enterprisesOf('beihu-01');

/**
 * Appeals (申诉复核) over HTTP on DynamoDB Local: a team appeals a rating, the office decides,
 * and an approved appeal takes the rating out of every score in the same transaction, once.
 */
describe('appeals against ratings', () => {
  let host: TestHost;
  /** The invitation id (= the response key) of each enterprise's answer. */
  const answered = new Map<string, string>();

  async function scores(by: 'team' | 'zone', from: string, to: string) {
    const report = await json(await host.call('GET', `/api/v1/reports/scores?by=${by}&from=${from}&to=${to}`, { as: 'office' }));
    const pick = (g: any) => ({ n: g.n, counts: g.counts, invited: g.invited, mean: g.mean });
    return { overall: pick(report.overall), ...Object.fromEntries(report.groups.map((g: any) => [g.id, pick(g)])) } as Record<string, any>;
  }

  /** Every score the tests look at: the Shanghai day and month buckets of both answer days. */
  async function allScores() {
    const out: Record<string, any> = {};
    for (const by of ['team', 'zone'] as const) {
      for (const [from, to] of [['2026-11-24', '2026-11-24'], ['2026-12-01', '2026-12-01'], ['2026-11-30', '2026-11-30'], ['2026-11-01', '2026-11-30'], ['2026-12-01', '2026-12-31']]) {
        out[`${by} ${from}..${to}`] = await scores(by, from!, to!);
      }
    }
    return out;
  }

  async function appeal(invitationId: string, as: string, reason = '企业误评：问题当天已解决，评价针对的是其他部门') {
    return host.call('POST', `/api/v1/responses/${invitationId}/appeals`, { as, body: { reason } });
  }

  const decide = (id: string, decision: 'approve' | 'reject', as = 'office', note = '经电话核实') =>
    host.call('POST', `/api/v1/appeals/${id}/decision`, { as, body: { decision, note } });

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
    const plan = [a1!, a2!, a3!, b1!, b2!, b3!];
    for (const e of plan) {
      const issue = await json(await host.call('POST', '/api/v1/issues', { as: `member-${e.teamId}`, body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '厂区道路照明' } }));
      const closed = await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: `member-${e.teamId}`, body: { resolution: '已报修' } });
      expect(closed.status).toBe(200);
    }
    host.clock.set(new Date('2026-11-24T04:01:00Z'));
    expect((await json(await host.call('POST', '/local/sweep'))).invitations.sent).toBe(plan.length);
    const answer = async (e: (typeof plan)[number], overall: number, at: string) => {
      host.clock.set(new Date(at));
      const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
      const res = await host.app.request(`/s/${tokenOf(sms.body)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ answers: { overall } }),
      });
      expect(res.status).toBe(201);
      answered.set(e.id, sms.invitationId);
    };
    await answer(a2!, 5, '2026-11-24T06:30:00Z');
    await answer(a3!, 2, '2026-11-24T06:40:00Z');
    // 00:30 on 1 December in Shanghai, still 30 November in UTC: it counts in the December buckets.
    await answer(a1!, 1, '2026-11-30T16:30:00Z');
    await answer(b1!, 1, '2026-11-24T07:00:00Z');
    await answer(b2!, 2, '2026-11-24T07:10:00Z');
    await answer(b3!, 1, '2026-11-24T07:20:00Z');
    host.clock.set(new Date('2026-12-02T01:00:00Z'));
  });

  let mainAppeal: any;

  it('lets a team member appeal the 1-star answer of their own team', async () => {
    const res = await appeal(answered.get(a1!.id)!, 'member-gaoxin-01');
    expect(res.status).toBe(201);
    mainAppeal = await json(res);
    expect(res.headers.get('location')).toBe(`/api/v1/appeals/${mainAppeal.id}`);
    expect(mainAppeal).toMatchObject({
      invitationId: answered.get(a1!.id),
      teamId: 'gaoxin-01',
      zoneId: 'gaoxin',
      category: '其他',
      score: 1,
      answeredAt: '2026-11-30T16:30:00.000Z',
      status: 'pending',
      filedBy: 'member-gaoxin-01',
      filedAt: '2026-12-02T01:00:00.000Z',
    });
    const response = await json(await host.call('GET', `/api/v1/responses/${answered.get(a1!.id)}`, { as: 'member-gaoxin-01' }));
    expect(response).toMatchObject({ score: 1, openAppealId: mainAppeal.id });
    expect(response).not.toHaveProperty('excludedAt');
  });

  it('refuses a second open appeal on the same answer, and input without a reason', async () => {
    const again = await appeal(answered.get(a1!.id)!, 'dispatcher-gaoxin');
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ error: 'appeal.already_open', details: { appealId: mainAppeal.id } });
    const empty = await appeal(answered.get(a2!.id)!, 'member-gaoxin-01', ' ');
    expect(empty.status).toBe(400);
    expect((await json(empty)).error).toBe('validation.failed');
  });

  it('hides another team’s answer from its appeal (404) and refuses the office as appellant (403)', async () => {
    const other = await appeal(answered.get(a2!.id)!, 'member-gaoxin-02');
    expect(other.status).toBe(404);
    expect((await json(other)).error).toBe('response.not_found');
    expect((await host.call('GET', `/api/v1/responses/${answered.get(a2!.id)}`, { as: 'member-gaoxin-02' })).status).toBe(404);
    expect((await appeal(answered.get(a2!.id)!, 'dispatcher-beihu')).status).toBe(404);
    expect((await appeal('no-such-invitation', 'member-gaoxin-01')).status).toBe(404);
    const office = await appeal(answered.get(a2!.id)!, 'office');
    expect(office.status).toBe(403);
    expect((await json(office)).error).toBe('auth.forbidden');
  });

  it('lists the appeal to its team, its zone and the office, not to another team', async () => {
    const ids = async (as: string, query = '') => (await json(await host.call('GET', `/api/v1/appeals${query}`, { as }))).items.map((a: any) => a.id);
    expect(await ids('member-gaoxin-01')).toEqual([mainAppeal.id]);
    expect(await ids('dispatcher-gaoxin')).toEqual([mainAppeal.id]);
    expect(await ids('office', '?status=pending')).toEqual([mainAppeal.id]);
    expect(await ids('office', '?status=approved')).toEqual([]);
    expect(await ids('member-gaoxin-02')).toEqual([]);
    expect(await ids('dispatcher-beihu')).toEqual([]);
    expect((await host.call('GET', `/api/v1/appeals/${mainAppeal.id}`, { as: 'member-gaoxin-02' })).status).toBe(404);
    expect((await host.call('GET', '/api/v1/appeals?status=maybe', { as: 'office' })).status).toBe(400);
  });

  it('lets only the office decide: a team member or dispatcher gets 403 and nothing changes', async () => {
    for (const as of ['member-gaoxin-01', 'dispatcher-gaoxin']) {
      const res = await decide(mainAppeal.id, 'approve', as);
      expect(res.status).toBe(403);
      expect((await json(res)).error).toBe('auth.forbidden');
    }
    expect((await json(await host.call('GET', `/api/v1/appeals/${mainAppeal.id}`, { as: 'office' }))).status).toBe('pending');
    expect((await host.call('POST', `/api/v1/appeals/${mainAppeal.id}/decision`, { as: 'office', body: { decision: 'maybe', note: 'x' } })).status).toBe(400);
    expect((await decide('no-such-appeal', 'approve')).status).toBe(404);
  });

  let afterApproval: Record<string, any>;

  it('approves in ONE transaction that drops the answer from the team, zone and overall scores of its Shanghai day and month', async () => {
    const before = await allScores();
    const recorder = recordCommands(host.table.doc);
    const res = await decide(mainAppeal.id, 'approve', 'office', '经核实，企业评价针对的是供电公司');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: mainAppeal.id, status: 'approved', decidedBy: 'office', decidedAt: '2026-12-02T01:00:00.000Z', decisionNote: '经核实，企业评价针对的是供电公司' });

    const writes = recorder.commands.filter((c) => /Put|Update|Delete|Transact|Batch/.test(c.name));
    expect(writes.map((c) => c.name)).toEqual(['TransactWriteItemsCommand']);
    const items = writes[0]!.input.TransactItems;
    expect(items[0].Put.Item).toMatchObject({ type: 'appeal', status: 'approved' });
    expect(items[0].Put.ConditionExpression).toBe('#status = :pending');
    expect(items[1].Update.Key).toEqual({ PK: `INV#${mainAppeal.invitationId}`, SK: 'RESPONSE' });
    const removed = items.slice(2).filter((t: any) => t.Update.Key.SK.endsWith('#sms'));
    const dimensions = ['category', 'overall', 'team', 'zone', 'zoneCategory'];
    expect(removed.map((t: any) => t.Update.Key.PK).sort()).toEqual(dimensions.flatMap((d) => [`COUNT#${d}#day#2026-12-01`, `COUNT#${d}#month#2026-12`]).sort());
    // The approval itself counts in the work rows of the day it is decided (2 December in Shanghai).
    const approvals = items.slice(2).filter((t: any) => t.Update.Key.SK.endsWith('#work'));
    expect(approvals.map((t: any) => t.Update.Key.PK).sort()).toEqual(dimensions.flatMap((d) => [`COUNT#${d}#day#2026-12-02`, `COUNT#${d}#month#2026-12`]).sort());
    expect(removed.length + approvals.length).toBe(items.length - 2);

    afterApproval = await allScores();
    const one = { n: 1, counts: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 }, invited: 0, mean: 1 };
    const none = { n: 0, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, invited: 0, mean: null };
    for (const range of ['2026-12-01..2026-12-01', '2026-12-01..2026-12-31']) {
      expect(before[`team ${range}`]['gaoxin-01']).toEqual(one);
      expect(before[`zone ${range}`].gaoxin).toEqual(one);
      expect(before[`team ${range}`].overall).toEqual(one);
      expect(afterApproval[`team ${range}`]['gaoxin-01']).toEqual(none);
      expect(afterApproval[`zone ${range}`].gaoxin).toEqual(none);
      expect(afterApproval[`team ${range}`].overall).toEqual(none);
    }
    // The other days and the month the answer is not in keep every count, and every invitation sent.
    for (const range of ['2026-11-24..2026-11-24', '2026-11-30..2026-11-30', '2026-11-01..2026-11-30']) {
      expect(afterApproval[`team ${range}`]).toEqual(before[`team ${range}`]);
      expect(afterApproval[`zone ${range}`]).toEqual(before[`zone ${range}`]);
    }
    expect(afterApproval['team 2026-11-01..2026-11-30']['gaoxin-01']).toMatchObject({ n: 2, invited: 3 });
  });

  it('answers a second approval with 409 and leaves every counter as it was', async () => {
    for (const decision of ['approve', 'reject'] as const) {
      const res = await decide(mainAppeal.id, decision);
      expect(res.status).toBe(409);
      expect(await json(res)).toMatchObject({ error: 'appeal.already_decided', details: { status: 'approved', decidedBy: 'office' } });
    }
    expect(await allScores()).toEqual(afterApproval);
  });

  it('keeps the response readable, marked excluded, and refuses to appeal it again', async () => {
    const res = await host.call('GET', `/api/v1/responses/${mainAppeal.invitationId}`, { as: 'member-gaoxin-01' });
    expect(res.status).toBe(200);
    const response = await json(res);
    expect(response).toMatchObject({ score: 1, answers: { overall: 1 }, answeredAt: '2026-11-30T16:30:00.000Z', excludedAt: '2026-12-02T01:00:00.000Z', excludedBy: 'office', appealId: mainAppeal.id });
    expect(response).not.toHaveProperty('openAppealId');
    const again = await appeal(mainAppeal.invitationId, 'member-gaoxin-01');
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ error: 'response.excluded', details: { appealId: mainAppeal.id } });
    const approved = await json(await host.call('GET', '/api/v1/appeals?status=approved', { as: 'member-gaoxin-01' }));
    expect(approved.items.map((a: any) => a.id)).toEqual([mainAppeal.id]);
  });

  it('leaves the counters as they were when an appeal is rejected; the answer may be appealed anew', async () => {
    const filed = await json(await appeal(answered.get(a3!.id)!, 'dispatcher-gaoxin'));
    expect(filed).toMatchObject({ status: 'pending', filedBy: 'dispatcher-gaoxin', score: 2 });
    const before = await allScores();
    const res = await decide(filed.id, 'reject', 'office', '企业反映属实，维持原评价');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: 'rejected', decisionNote: '企业反映属实，维持原评价' });
    expect(await allScores()).toEqual(before);
    expect((await decide(filed.id, 'approve')).status).toBe(409);
    expect(await allScores()).toEqual(before);
    const response = await json(await host.call('GET', `/api/v1/responses/${filed.invitationId}`, { as: 'office' }));
    expect(response).not.toHaveProperty('excludedAt');
    expect(response).not.toHaveProperty('openAppealId');
    expect((await appeal(filed.invitationId, 'member-gaoxin-01', '补充通话录音')).status).toBe(201);
  });

  it('approves two appeals of one team at the same time, each once, and one appeal approved twice at once only once', async () => {
    const [x, y, z] = await Promise.all([b1!, b2!, b3!].map(async (e) => json(await appeal(answered.get(e.id)!, 'member-beihu-01'))));
    const before = await scores('team', '2026-11-24', '2026-11-24');
    expect(before['beihu-01']).toMatchObject({ n: 3, counts: { '1': 2, '2': 1 } });
    const statuses = await Promise.all([decide(x.id, 'approve'), decide(y.id, 'approve'), decide(z.id, 'approve'), decide(z.id, 'approve')].map(async (r) => (await r).status));
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.slice(2).sort()).toEqual([200, 409]);
    const after = await scores('team', '2026-11-24', '2026-11-24');
    expect(after['beihu-01']).toMatchObject({ n: 0, counts: { '1': 0, '2': 0 }, invited: 3 });
    expect(after.overall.n).toBe(before.overall.n - 3);
    const zone = await scores('zone', '2026-11-01', '2026-11-30');
    expect(zone.beihu).toMatchObject({ n: 0, invited: 3 });
  });

  it('documents every appeal route in the OpenAPI document, with the request bodies from the zod schemas', async () => {
    const doc = await json(await host.app.request('/api/v1/openapi.json'));
    expect(doc.paths['/api/v1/responses/{invitationId}'].get).toBeDefined();
    expect(doc.paths['/api/v1/responses/{invitationId}/appeals'].post.requestBody.content['application/json'].schema.required).toEqual(['reason']);
    expect(doc.paths['/api/v1/appeals'].get).toBeDefined();
    expect(doc.paths['/api/v1/appeals/{id}'].get).toBeDefined();
    expect(doc.paths['/api/v1/appeals/{id}/decision'].post.requestBody.content['application/json'].schema.properties.decision.enum).toEqual(['approve', 'reject']);
  });
});
