import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterKey } from '../../functions/adapters/dynamodb/keys';
import type { CounterKey } from '../../functions/core/scoring/counters';
import { reconcile } from '../../functions/jobs/reconcile';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordCommands } from '../support/command-recorder';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const [a1, a2, a3] = demoEnterprises.filter((e) => e.teamId === 'gaoxin-01');
const teamDay: CounterKey = { dimension: 'team', groupId: 'gaoxin-01', granularity: 'day', period: '2026-11-24', channel: 'sms' };
const overallMonth: CounterKey = { dimension: 'overall', groupId: 'all', granularity: 'month', period: '2026-11', channel: 'sms' };

/** Reconciliation on DynamoDB Local, over answers given through the app and an approved appeal. */
describe('reconciling the counters with the responses', () => {
  let host: TestHost;
  const range = { from: '2026-11-24', to: '2026-12-01' };

  const counterItem = async (key: CounterKey) =>
    (await host.table.doc.send(new GetCommand({ TableName: host.table.name, Key: counterKey(key), ConsistentRead: true }))).Item;
  const teamN = async (from: string, to: string) =>
    (await json(await host.call('GET', `/api/v1/reports/scores?by=team&from=${from}&to=${to}`, { as: 'office' }))).groups.find((g: any) => g.id === 'gaoxin-01').n;

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    for (const e of [a1!, a2!, a3!]) {
      const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '厂区道路照明' } }));
      await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已报修' } });
    }
    host.clock.set(new Date('2026-11-24T04:01:00Z'));
    await host.call('POST', '/local/sweep');
    const answer = async (e: NonNullable<typeof a1>, overall: number, at: string) => {
      host.clock.set(new Date(at));
      const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
      const res = await host.app.request(`/s/${tokenOf(sms.body)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ answers: { overall } }),
      });
      expect(res.status).toBe(201);
      return sms.invitationId as string;
    };
    await answer(a1!, 5, '2026-11-24T06:30:00Z');
    const appealed = await answer(a2!, 1, '2026-11-24T06:40:00Z');
    // 00:30 on 1 December in Shanghai: December's buckets.
    await answer(a3!, 4, '2026-11-30T16:30:00Z');
    host.clock.set(new Date('2026-12-02T01:00:00Z'));
    const filed = await json(await host.call('POST', `/api/v1/responses/${appealed}/appeals`, { as: 'member-gaoxin-01', body: { reason: '企业误评：评价针对的是其他部门' } }));
    const decided = await host.call('POST', `/api/v1/appeals/${filed.id}/decision`, { as: 'office', body: { decision: 'approve', note: '经电话核实' } });
    expect(decided.status).toBe(200);
  });

  it('finds no difference after answers and an approved appeal, and does not count the excluded answer', async () => {
    const report = await reconcile(host.core, range);
    expect(report.differences).toEqual([]);
    expect(report.checkedResponses).toBe(3);
    expect(report.excludedResponses).toBe(1);
    expect(report.period.months).toEqual(['2026-11', '2026-12']);
    expect(report.comparedCounters).toBeGreaterThanOrEqual(16);
    expect(await teamN('2026-11-24', '2026-11-24')).toBe(1);
  });

  it('reports a tampered counter and changes nothing without the repair flag', async () => {
    await host.table.doc.send(
      new UpdateCommand({ TableName: host.table.name, Key: counterKey(teamDay), UpdateExpression: 'ADD n :one, c5 :one, #sum :five', ExpressionAttributeNames: { '#sum': 'sum' }, ExpressionAttributeValues: { ':one': 1, ':five': 5 } }),
    );
    const report = await reconcile(host.core, range);
    expect(report.differences).toEqual([
      {
        key: 'team#day#2026-11-24#gaoxin-01#sms',
        expected: { n: 1, sum: 5, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } },
        actual: { n: 2, sum: 10, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 2 } },
      },
    ]);
    expect(report.repaired).toBe(0);
    expect(await counterItem(teamDay)).toMatchObject({ n: 2, c5: 2, sum: 10 });
    expect(await teamN('2026-11-24', '2026-11-24')).toBe(2);
  });

  it('repairs the tampered counter with the flag, leaving its invitations alone, and a second run finds nothing', async () => {
    const invited = (await counterItem(teamDay))!.invited;
    const recorder = recordCommands(host.table.doc);
    const report = await reconcile(host.core, { ...range, repair: true });
    // Keyed queries and the one conditional update: never a Scan.
    expect(new Set(recorder.commands.map((c) => c.name))).toEqual(new Set(['QueryCommand', 'UpdateItemCommand']));
    expect(report.differences).toHaveLength(1);
    expect(report.repaired).toBe(1);
    expect(report.changedMeanwhile).toEqual([]);
    expect(await counterItem(teamDay)).toMatchObject({ n: 1, c5: 1, sum: 5, c1: 0, invited });
    expect(await teamN('2026-11-24', '2026-11-24')).toBe(1);
    expect((await reconcile(host.core, range)).differences).toEqual([]);
  });

  it('re-creates a lost month counter, readable by the score report', async () => {
    await host.table.doc.send(new DeleteCommand({ TableName: host.table.name, Key: counterKey(overallMonth) }));
    const found = await reconcile(host.core, range);
    expect(found.differences.map((d) => [d.key, d.expected.n, d.actual.n])).toEqual([['overall#month#2026-11#all#sms', 1, 0]]);
    expect((await reconcile(host.core, { ...range, repair: true })).repaired).toBe(1);
    const report = await json(await host.call('GET', '/api/v1/reports/scores?by=team&from=2026-11-01&to=2026-11-30', { as: 'office' }));
    expect(report.overall.n).toBe(1);
    expect((await reconcile(host.core, range)).differences).toEqual([]);
  });

  it('does not repair a counter that moved after it was read', async () => {
    await host.table.doc.send(new UpdateCommand({ TableName: host.table.name, Key: counterKey(teamDay), UpdateExpression: 'ADD n :one, c3 :one, #sum :three', ExpressionAttributeNames: { '#sum': 'sum' }, ExpressionAttributeValues: { ':one': 1, ':three': 3 } }));
    const was = { n: 2, sum: 8, counts: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 } };
    const right = { n: 1, sum: 5, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } };
    expect(await host.core.counters.correctAnswerNumbers(teamDay, { ...was, n: 3 }, right)).toBe(false);
    expect(await counterItem(teamDay)).toMatchObject({ n: 2, sum: 8 });
    expect(await host.core.counters.correctAnswerNumbers(teamDay, was, right)).toBe(true);
    expect((await reconcile(host.core, range)).differences).toEqual([]);
  });
});
