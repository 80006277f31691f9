import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const team = 'changde-02';
const member = `member-${team}`;
const dispatcher = 'dispatcher-changde';
const enterprises = demoEnterprises.filter((e) => e.teamId === team);

describe('the ledger (台账): escalation, 退单, reopen', () => {
  let host: TestHost;
  const act = (as: string, id: string, action: string, body?: unknown) => host.call('POST', `/api/v1/issues/${id}/${action}`, { as, body: body ?? {} });
  const newIssue = async (i: number) =>
    json(await host.call('POST', '/api/v1/issues', { as: member, body: { enterpriseId: enterprises[i]!.id, teamId: team, category: '金融支持', title: '流动资金贷款对接' } }));

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-16T02:00:00Z'));
  });

  it('walks an issue up the chain to a function group and back down, counting every 退单', async () => {
    const issue = await newIssue(0);
    expect(issue).toMatchObject({ status: 'open', level: 'team' });
    expect(await json(await act(member, issue.id, 'start'))).toMatchObject({ status: 'in_progress', level: 'team' });

    expect(await json(await act(member, issue.id, 'escalate', { note: '需协调银行' }))).toMatchObject({ status: 'escalated', level: 'zone' });
    const notTheirs = await act(member, issue.id, 'escalate', { note: 'again' });
    expect(notTheirs.status).toBe(403);
    expect(await json(await act(dispatcher, issue.id, 'escalate', { note: '报总调度室' }))).toMatchObject({ level: 'central' });
    const unnamed = await act('office', issue.id, 'escalate', { note: '转金融服务组' });
    expect(unnamed.status).toBe(400);
    expect((await json(unnamed)).details[0].path).toBe('functionGroupId');
    expect(await json(await act('office', issue.id, 'escalate', { note: '转金融服务组', functionGroupId: 'finance' }))).toMatchObject({
      level: 'function-group',
      functionGroupId: 'finance',
    });
    expect((await act('office', issue.id, 'escalate', { note: 'higher' })).status).toBe(409);

    const back1 = await json(await act('function-group', issue.id, 'bounce', { reason: '材料不全' }));
    expect(back1).toMatchObject({ level: 'central', status: 'escalated', bounceBacks: 1 });
    expect(back1.functionGroupId).toBeUndefined();
    await act('office', issue.id, 'bounce', { reason: '请开发区先核实' });
    const back3 = await json(await act(dispatcher, issue.id, 'bounce', { reason: '请助企队补充材料' }));
    expect(back3).toMatchObject({ level: 'team', status: 'in_progress', bounceBacks: 3 });
    const bottom = await act(member, issue.id, 'bounce', { reason: 'x' });
    expect(bottom.status).toBe(409);
    expect((await json(bottom)).error).toBe('issue.cannot_bounce');
    expect((await act(member, issue.id, 'bounce', {})).status).toBe(400);

    const detail = await json(await host.call('GET', `/api/v1/issues/${issue.id}`, { as: dispatcher }));
    expect(detail.events.map((e: any) => `${e.action}:${e.fromLevel ?? '-'}>${e.toLevel}`)).toEqual([
      'create:->team',
      'start:team>team',
      'escalate:team>zone',
      'escalate:zone>central',
      'escalate:central>function-group',
      'bounce:function-group>central',
      'bounce:central>zone',
      'bounce:zone>team',
    ]);
    expect(detail.events.find((e: any) => e.action === 'bounce').note).toBe('材料不全');
    expect(detail.events.every((e: any) => e.by && e.role && e.at)).toBe(true);
  });

  it('credits the function group that closes an issue, on the callback task and the invitation', async () => {
    const issue = await newIssue(1);
    await act(member, issue.id, 'escalate', { note: 'n' });
    await act(dispatcher, issue.id, 'escalate', { note: 'n' });
    await act('office', issue.id, 'escalate', { note: 'n', functionGroupId: 'finance' });
    expect((await act(member, issue.id, 'close', { resolution: 'r' })).status).toBe(403);
    const closure = await json(await act('function-group', issue.id, 'close', { resolution: '已放款' }));
    expect(closure.callbackTask).toMatchObject({ teamId: team, functionGroupId: 'finance' });
    expect((await host.core.invitations.get(closure.invitation.id))?.functionGroupId).toBe('finance');
  });

  it('withdraws a survey not yet sent when reopened, and never surveys the enterprise twice about one issue', async () => {
    const e = enterprises[2]!;
    const issue = await newIssue(2);
    const first = await json(await act(member, issue.id, 'close', { resolution: '已办结' }));
    expect((await act(member, issue.id, 'reopen', {})).status).toBe(400);
    const reopened = await json(await act(dispatcher, issue.id, 'reopen', { reason: '企业反映未落实' }));
    expect(reopened).toMatchObject({ status: 'open', level: 'team', reopenCount: 1 });
    expect(reopened.resolution).toBeUndefined();
    expect((await host.core.invitations.get(first.invitation.id))?.status).toBe('cancelled');
    expect((await host.core.tasks.get(first.callbackTask.id))?.status).toBe('cancelled');

    // Re-closed: the first survey never went out, so this closure gets one.
    const second = await json(await act(member, issue.id, 'close', { resolution: '已重新办结' }));
    expect(second.invitation.id).not.toBe(first.invitation.id);
    expect(second.callbackTask.id).not.toBe(first.callbackTask.id);
    host.clock.set(new Date('2026-11-16T06:00:00Z'));
    await host.call('POST', '/local/sweep');
    expect(await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`))).toHaveLength(1);

    // Reopened again after the survey went out: it is not withdrawn, and the re-close surveys no one.
    await act('office', issue.id, 'reopen', { reason: '再次核实' });
    expect((await host.core.invitations.get(second.invitation.id))?.status).toBe('sent');
    const third = await json(await act(member, issue.id, 'close', { resolution: '已核实' }));
    expect(third.invitation.id).toBe(second.invitation.id);
    expect(third.issue.reopenCount).toBe(2);
    host.clock.set(new Date('2026-11-16T09:00:00Z'));
    await host.call('POST', '/local/sweep');
    expect(await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`))).toHaveLength(1);
  });

  it('refuses to reopen an open issue, and hides another team’s issue', async () => {
    const issue = await newIssue(3);
    const res = await act(member, issue.id, 'reopen', { reason: 'x' });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toBe('issue.not_closed');
    expect((await act('member-gaoxin-01', issue.id, 'start')).status).toBe(404);
  });

  it('lets only the first of two hops made from the same read win (optimistic lock on the version)', async () => {
    const issue = await newIssue(4);
    const read = (await host.core.issues.get(issue.id))!;
    const hop = (note: string) => ({
      issue: { ...read, status: 'escalated' as const, level: 'zone' as const, version: (read.version ?? 0) + 1 },
      previous: read,
      event: { id: `ev-${note}`, issueId: read.id, at: read.updatedAt, by: member, role: 'team-member', action: 'escalate' as const, from: read.status, to: 'escalated' as const, note },
    });
    expect(await host.core.issues.transition(hop('first'))).toBe('done');
    expect(await host.core.issues.transition(hop('second'))).toBe('conflict');
    const detail = await json(await host.call('GET', `/api/v1/issues/${issue.id}`, { as: dispatcher }));
    expect(detail.events.map((e: any) => e.note ?? e.action)).toEqual(['create', 'first']);
  });
});
