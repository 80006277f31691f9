import { beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../functions/jobs/reconcile';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordCommands } from '../support/command-recorder';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('exactly once, on DynamoDB Local', () => {
  let host: TestHost;
  let recorder: ReturnType<typeof recordCommands>;
  beforeAll(async () => {
    host = await testHost();
    recorder = recordCommands(host.table.doc);
    host.clock.set(new Date('2026-11-16T02:00:00Z'));
  });

  async function openIssue(enterpriseIndex: number) {
    const e = demoEnterprises[enterpriseIndex]!;
    return { enterprise: e, issue: await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '金融支持', title: '贷款对接' } })) };
  }

  it('writes a closure as ONE transaction of issue, callback task, invitation, ledger event and the frequency cap’s state and bundle', async () => {
    const { issue } = await openIssue(10);
    recorder.clear();
    const res = await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'done' } });
    expect(res.status).toBe(200);
    const writes = recorder.commands.filter((c) => /Put|Update|Delete|Transact|Batch/.test(c.name));
    expect(writes.map((c) => c.name)).toEqual(['TransactWriteItemsCommand']);
    const items = writes[0]!.input.TransactItems;
    expect(items.filter((t: any) => t.Put).map((t: any) => t.Put.Item.type)).toEqual(['issue', 'task', 'invitation', 'event', 'survey-state', 'bundle']);
    // ...and the `closed` work counters of the closure's groups, in the same transaction.
    const counted = items.filter((t: any) => t.Update).map((t: any) => t.Update.Key);
    expect(counted).toHaveLength(10);
    expect(counted.every((k: any) => k.PK.startsWith('COUNT#') && k.SK.endsWith('#work'))).toBe(true);
  });

  it('makes one callback task when two closes of one issue race', async () => {
    const { issue } = await openIssue(11);
    const results = await Promise.all(
      [1, 2, 3].map(() => host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'done' } }).then(json)),
    );
    const taskIds = new Set(results.map((r) => r.callbackTask.id));
    const invitationIds = new Set(results.map((r) => r.invitation.id));
    expect(taskIds.size).toBe(1);
    expect(invitationIds.size).toBe(1);
    const tasks = await json(await host.call('GET', '/api/v1/callback-tasks?limit=200', { as: 'office' }));
    expect(tasks.items.filter((t: any) => t.issueId === issue.id)).toHaveLength(1);
    const detail = await json(await host.call('GET', `/api/v1/issues/${issue.id}`, { as: 'office' }));
    expect(detail.events.filter((e: any) => e.to === 'closed')).toHaveLength(1);
  });

  it('sends each due invitation once when two sweepers run at the same moment', async () => {
    const opened = await Promise.all([12, 13, 14, 15, 16].map(openIssue));
    for (const { issue } of opened) await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'done' } });
    host.clock.set(new Date('2026-11-16T05:00:00Z'));
    const [a, b] = await Promise.all([host.call('POST', '/local/sweep').then(json), host.call('POST', '/local/sweep').then(json)]);
    // The invitations of the earlier tests are due too: every one of them is sent exactly once.
    const outbox = await json(await host.call('GET', '/local/outbox'));
    const perInvitation = new Map<string, number>();
    for (const sms of outbox) perInvitation.set(sms.invitationId, (perInvitation.get(sms.invitationId) ?? 0) + 1);
    expect([...perInvitation.values()].every((n) => n === 1)).toBe(true);
    expect(a.invitations.sent + b.invitations.sent).toBe(outbox.length);
    for (const { enterprise } of opened) expect(outbox.filter((s: any) => s.to === enterprise.contactPhone)).toHaveLength(1);
    expect((await json(await host.call('POST', '/local/sweep'))).invitations.due).toBe(0);
  });

  it('records one of many racing answers to one link, and counts it once', async () => {
    const { enterprise } = await openIssue(17);
    const issueId = (await json(await host.call('GET', '/api/v1/issues?status=open&teamId=' + enterprise.teamId, { as: 'office' }))).items[0].id;
    await host.call('POST', `/api/v1/issues/${issueId}/close`, { as: 'office', body: { resolution: 'done' } });
    host.clock.set(new Date('2026-11-16T08:00:00Z'));
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${enterprise.contactPhone}`));
    const token = tokenOf(sms.body);
    const before = await json(await host.call('GET', `/api/v1/reports/scores?by=team&from=2026-11-16&to=2026-11-16`, { as: 'office' }));
    recorder.clear();
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        Promise.resolve(
          host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ answers: { overall: 1 + (i % 5) } }) }),
        ).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const transactions = recorder.commands.filter((c) => c.name === 'TransactWriteItemsCommand');
    const committed = transactions[0]!.input.TransactItems;
    expect(committed[0].Update.ConditionExpression).toContain('#status IN');
    expect(committed[1].Put.Item.type).toBe('response');
    // team, zone, category, overall and zone x category, for the day and the month
    expect(committed.filter((t: any) => t.Update?.Key.PK.startsWith('COUNT#'))).toHaveLength(10);
    const after = await json(await host.call('GET', `/api/v1/reports/scores?by=team&from=2026-11-16&to=2026-11-16`, { as: 'office' }));
    const n = (r: any) => r.groups.find((g: any) => g.id === enterprise.teamId).n;
    expect(n(after) - n(before)).toBe(1);
    expect(after.overall.n - before.overall.n).toBe(1);
  });

  it('leaves counters that a recount of the raw responses agrees with, after all the races', async () => {
    const report = await reconcile(host.core, { from: '2026-11-16', to: '2026-11-16' });
    expect(report.checkedResponses).toBe(1);
    // The answer's 8 buckets, and the sent-but-unanswered invitations' counters, which must hold no answers.
    expect(report.comparedCounters).toBeGreaterThan(8);
    expect(report.differences).toEqual([]);
  });
});

describe('no Scan anywhere in a request or sweeper path', () => {
  it('runs the whole loop with queries, gets and transactions only', async () => {
    const host = await testHost();
    const recorder = recordCommands(host.table.doc);
    host.clock.set(new Date('2026-11-17T02:00:00Z'));
    const e = demoEnterprises[20]!;
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: 't' } }));
    await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'r' } });
    host.clock.set(new Date('2026-11-17T05:00:00Z'));
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
    await host.app.request(`/s/${tokenOf(sms.body)}`);
    await host.app.request(`/s/${tokenOf(sms.body)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'overall=5' });
    for (const path of ['/api/v1/issues', '/api/v1/callback-tasks', '/api/v1/enterprises', '/api/v1/teams', '/api/v1/zones', '/api/v1/reports/scores?by=team', '/api/v1/reports/scores?by=category']) {
      expect((await host.call('GET', path, { as: 'office' })).status).toBe(200);
    }
    const names = new Set(recorder.commands.map((c) => c.name));
    expect(names.has('ScanCommand')).toBe(false);
    const allowed = ['GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand', 'UpdateItemCommand', 'PutItemCommand'];
    expect([...names].filter((n) => !allowed.includes(n))).toEqual([]);
    expect(recorder.commands.length).toBeGreaterThan(10);
  });
});
