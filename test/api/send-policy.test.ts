import { describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const gaoxin01 = demoEnterprises.filter((e) => e.teamId === 'gaoxin-01');
const member = 'member-gaoxin-01';

/** Records and closes an issue of `enterprise` at `at` (ISO); answers the closure. */
async function closeOne(host: TestHost, enterprise: (typeof demoEnterprises)[number], at: string) {
  await host.call('POST', '/local/clock', { body: { now: at } });
  const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '其他', title: '路灯' } }));
  return json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已修复' } }));
}

async function sweepAt(host: TestHost, at: string) {
  await host.call('POST', '/local/clock', { body: { now: at } });
  return json(await host.call('POST', '/local/sweep'));
}

describe('the send policy over HTTP', () => {
  it('schedules a closure at 19:00 into the next morning’s window, and holds a due SMS found at 20:05', async () => {
    const host = await testHost();
    // Tuesday 24 November 19:00 Shanghai: +2 h is 21:00, outside the window.
    const late = await closeOne(host, gaoxin01[0]!, '2026-11-24T11:00:00Z');
    expect(late.invitation).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-25T01:00:00.000Z' });
    // Closed at 17:30 (+2 h = 19:30, inside), but the sweeper only gets to it at 20:05.
    const due = await closeOne(host, gaoxin01[1]!, '2026-11-24T09:30:00Z');
    expect(due.invitation.sendAfter).toBe('2026-11-24T11:30:00.000Z');
    const sweep = await sweepAt(host, '2026-11-24T12:05:00Z');
    expect(sweep.invitations).toMatchObject({ sent: 0, deferred: 1 });
    expect(await host.core.invitations.get(due.invitation.id)).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-25T01:00:00.000Z' });
    expect(await json(await host.call('GET', '/local/outbox'))).toHaveLength(0);
    expect((await sweepAt(host, '2026-11-25T01:00:30Z')).invitations.sent).toBe(2);
  });

  it('sends one reminder after 48 h with a new link (the first still works), then marks the unanswered one expired', async () => {
    const host = await testHost();
    const [first, second] = [gaoxin01[0]!, gaoxin01[1]!];
    const a = await closeOne(host, first, '2026-11-24T02:00:00Z');
    const b = await closeOne(host, second, '2026-11-24T02:00:00Z');
    expect((await sweepAt(host, '2026-11-24T04:00:00Z')).invitations.sent).toBe(2);
    expect((await sweepAt(host, '2026-11-26T03:59:00Z')).invitations.reminded).toBe(0);
    expect((await sweepAt(host, '2026-11-26T04:00:30Z')).invitations.reminded).toBe(2);
    expect((await sweepAt(host, '2026-11-26T05:00:00Z')).invitations.reminded).toBe(0);

    const outbox = await json(await host.call('GET', `/local/outbox?to=${first.contactPhone}`));
    expect(outbox).toHaveLength(2);
    const [reminder, invitation] = outbox; // newest first
    expect(reminder.body).toMatch(/^【长春新区】提醒：您尚未评价.*http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{22}$/);
    expect(reminder.body.length).toBeLessThanOrEqual(70);
    expect(reminder.segments).toBe(1);
    expect(tokenOf(reminder.body)).not.toBe(tokenOf(invitation.body));
    expect((await host.app.request(`/s/${tokenOf(reminder.body)}`)).status).toBe(200);

    // The first enterprise answers through the first link; the second never answers.
    const answered = await host.app.request(`/s/${tokenOf(invitation.body)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers: { overall: 5 } }),
    });
    expect(answered.status).toBe(201);
    const expiry = await sweepAt(host, '2026-12-01T04:01:00Z');
    expect(expiry.invitations.expired).toBe(1);
    expect(await host.core.invitations.get(b.invitation.id)).toMatchObject({ status: 'expired' });
    expect(await host.core.invitations.get(a.invitation.id)).toMatchObject({ status: 'answered' });
    const expired = await json(await host.call('GET', '/api/v1/invitations?status=expired', { as: 'office' }));
    expect(expired.items.map((i: any) => i.id)).toEqual([b.invitation.id]);
    expect((await sweepAt(host, '2026-12-02T04:00:00Z')).invitations.due).toBe(0);
  });

  it('never messages an enterprise that replied TD: the next invitation is kept as suppressed, the outbox unchanged', async () => {
    const host = await testHost();
    const enterprise = gaoxin01[0]!;
    await closeOne(host, enterprise, '2026-11-24T02:00:00Z');
    await sweepAt(host, '2026-11-24T04:00:00Z');
    const before = await json(await host.call('GET', `/local/outbox?to=${enterprise.contactPhone}`));
    expect(before).toHaveLength(1);

    const reply = await host.call('POST', '/local/sms-reply', { body: { from: enterprise.contactPhone, body: 'td' } });
    expect(await json(reply)).toEqual({ optedOut: [enterprise.id] });
    const again = await closeOne(host, enterprise, '2026-11-24T05:00:00Z');
    expect(again.invitation).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out: sms-reply: td' });
    await sweepAt(host, '2026-11-26T08:00:00Z'); // past the first one's reminder time, too
    expect(await json(await host.call('GET', `/local/outbox?to=${enterprise.contactPhone}`))).toEqual(before);
    const suppressed = await json(await host.call('GET', '/api/v1/invitations?status=suppressed', { as: 'office' }));
    expect(suppressed.items.map((i: any) => i.id)).toEqual([again.invitation.id]);
  });

  it('lets the office or the zone dispatcher mark an enterprise opted out, and suppresses an invitation already scheduled', async () => {
    const host = await testHost();
    const enterprise = gaoxin01[1]!;
    const closure = await closeOne(host, enterprise, '2026-11-24T02:00:00Z');
    expect((await host.call('POST', `/api/v1/enterprises/${enterprise.id}/opt-out`, { as: member, body: {} })).status).toBe(403);
    expect((await host.call('POST', `/api/v1/enterprises/${enterprise.id}/opt-out`, { as: 'dispatcher-beihu', body: {} })).status).toBe(404);
    const res = await host.call('POST', `/api/v1/enterprises/${enterprise.id}/opt-out`, { as: 'dispatcher-gaoxin', body: { reason: '企业电话要求不再发送' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: enterprise.id, optedOutAt: '2026-11-24T02:00:00.000Z', optOutReason: 'office: 企业电话要求不再发送' });
    const sweep = await sweepAt(host, '2026-11-24T04:00:00Z');
    expect(sweep.invitations).toMatchObject({ sent: 0, suppressed: 1 });
    expect(await host.core.invitations.get(closure.invitation.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out: office: 企业电话要求不再发送' });
    expect(await json(await host.call('GET', '/local/outbox'))).toHaveLength(0);
  });

  it('retries a failing gateway after 1, 5 and 15 minutes, then lists the invitation as failed with the reason', async () => {
    const host = await testHost();
    const enterprise = gaoxin01[0]!;
    const closure = await closeOne(host, enterprise, '2026-11-24T02:00:00Z');
    const working = host.core.sms;
    host.core.sms = { send: async () => Promise.reject(new Error('LimitExceeded.PhoneNumberDailyLimit')) };
    try {
      const first = await sweepAt(host, '2026-11-24T04:00:00Z');
      expect(first.invitations.failed).toEqual([{ invitationId: closure.invitation.id, reason: 'LimitExceeded.PhoneNumberDailyLimit', attempts: 1, retryAt: '2026-11-24T04:01:00.000Z' }]);
      expect((await sweepAt(host, '2026-11-24T04:00:30Z')).invitations.due).toBe(0); // waiting for the backoff
      expect((await sweepAt(host, '2026-11-24T04:01:00Z')).invitations.failed[0].retryAt).toBe('2026-11-24T04:06:00.000Z');
      expect((await sweepAt(host, '2026-11-24T04:06:00Z')).invitations.failed[0].retryAt).toBe('2026-11-24T04:21:00.000Z');
      const last = await sweepAt(host, '2026-11-24T04:21:00Z');
      expect(last.invitations.failed).toEqual([{ invitationId: closure.invitation.id, reason: 'LimitExceeded.PhoneNumberDailyLimit', attempts: 4, retryAt: null }]);
    } finally {
      host.core.sms = working;
    }
    expect((await sweepAt(host, '2026-11-24T06:00:00Z')).invitations.due).toBe(0);
    expect(await host.core.invitations.get(closure.invitation.id)).toMatchObject({ status: 'failed', failureReason: 'LimitExceeded.PhoneNumberDailyLimit', attempts: 4 });

    const office = await json(await host.call('GET', '/api/v1/invitations?status=failed', { as: 'office' }));
    expect(office.items).toEqual([expect.objectContaining({ id: closure.invitation.id, status: 'failed', failureReason: 'LimitExceeded.PhoneNumberDailyLimit' })]);
    const zone = await json(await host.call('GET', '/api/v1/invitations?status=failed', { as: 'dispatcher-gaoxin' }));
    expect(zone.items).toHaveLength(1);
    const otherZone = await json(await host.call('GET', '/api/v1/invitations?status=failed', { as: 'dispatcher-beihu' }));
    expect(otherZone.items).toHaveLength(0);
    expect((await host.call('GET', '/api/v1/invitations?status=answered', { as: 'office' })).status).toBe(400);
    expect(await json(await host.call('GET', '/local/outbox'))).toHaveLength(0);
  });
});
