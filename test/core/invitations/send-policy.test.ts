import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { sendDueInvitations } from '../../../functions/core/invitations/send-due';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { isOptOutReply, optOutBySmsReply } from '../../../functions/core/org/opt-out';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const enterpriseId = 'ent-001';
const fail = (message = 'provider down') => ({ send: async () => Promise.reject(new Error(message)) });
const tokenIn = (body: string) => /\/s\/(\S+)$/.exec(body)![1]!;

async function closedAt(at: string, f = fakeDeps(at)) {
  f.setNow(at);
  const issue = await createIssue(f.deps, member, { enterpriseId, teamId: 'gaoxin-01', category: '其他', title: 't' });
  const closure = await closeIssue(f.deps, member, issue.id, { resolution: 'r' });
  return { f, closure };
}

describe('the send window at scheduling time', () => {
  it('moves a survey due at 21:30 on a Friday to Monday 09:00', async () => {
    // Friday 27 November, 19:30 Shanghai + 2 h = 21:30.
    const { closure } = await closedAt('2026-11-27T11:30:00Z');
    expect(closure.invitation.sendAfter).toBe('2026-11-30T01:00:00.000Z');
  });
});

describe('the send window at send time', () => {
  it('holds a due invitation found at 20:05 until 09:00 the next working day', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.setNow('2026-11-24T12:05:00Z'); // 20:05 Shanghai
    expect(await sendDueInvitations(f.deps)).toMatchObject({ due: 1, sent: 0, deferred: 1 });
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-25T01:00:00.000Z' });
    expect(f.state.sent).toHaveLength(0);
    f.setNow('2026-11-25T01:00:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(1);
  });
});

describe('retries', () => {
  it('tries four times with 1, 5 and 15 minutes between, then gives up as failed with the reason', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.deps.sms = fail('throttled');
    const times = ['2026-11-24T04:00:00Z', '2026-11-24T04:01:00Z', '2026-11-24T04:06:00Z', '2026-11-24T04:21:00Z'];
    const reports = [];
    for (const at of times) {
      f.setNow(at);
      reports.push((await sendDueInvitations(f.deps)).failed);
    }
    expect(reports.map((r) => r[0]?.retryAt)).toEqual(['2026-11-24T04:01:00.000Z', '2026-11-24T04:06:00.000Z', '2026-11-24T04:21:00.000Z', null]);
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'failed', failureReason: 'throttled', attempts: 4 });
    f.setNow('2026-11-25T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).due).toBe(0);
  });

  it('gives up at once when the provider says retrying cannot help', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.deps.sms = { send: async () => Promise.reject(new SmsSendError({ provider: 'aliyun', retryable: false, providerCode: 'isv.MOBILE_NUMBER_ILLEGAL', message: 'bad number' })) };
    f.setNow('2026-11-24T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).failed[0]).toMatchObject({ attempts: 1, retryAt: null });
    expect(f.state.invitations.get(closure.invitation.id)?.status).toBe('failed');
  });
});

describe('the reminder and the expiry', () => {
  it('reminds once after 48 h with a new link, keeps the first link working, then marks the unanswered invitation expired', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.setNow('2026-11-24T04:00:00Z');
    await sendDueInvitations(f.deps);
    const inv = f.state.invitations.get(closure.invitation.id)!;
    expect(inv).toMatchObject({ status: 'sent', reminderAt: '2026-11-26T04:00:00.000Z', expiresAt: '2026-12-01T04:00:00.000Z' });
    f.setNow('2026-11-26T03:59:00Z');
    expect((await sendDueInvitations(f.deps)).reminded).toBe(0);
    f.setNow('2026-11-26T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).reminded).toBe(1);
    f.setNow('2026-11-26T05:00:00Z');
    expect((await sendDueInvitations(f.deps)).reminded).toBe(0);
    expect(f.state.sent).toHaveLength(2);
    const reminder = f.state.sent[1]!.body;
    expect(reminder).toMatch(/^【长春新区】提醒：您尚未评价/);
    expect(tokenIn(reminder)).not.toBe(tokenIn(f.state.sent[0]!.body));
    f.setNow('2026-12-01T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).expired).toBe(1);
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'expired' });
    expect((await sendDueInvitations(f.deps)).due).toBe(0);
  });

  it('answers through the first link after the reminder, and sends no reminder to one who answered', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.setNow('2026-11-24T04:00:00Z');
    await sendDueInvitations(f.deps);
    f.setNow('2026-11-26T04:00:00Z');
    await sendDueInvitations(f.deps);
    await recordAnswer(f.deps, tokenIn(f.state.sent[0]!.body), { overall: '5' }, 'addr');
    expect(f.state.invitations.get(closure.invitation.id)?.status).toBe('answered');

    const other = await closedAt('2026-11-24T02:00:00Z');
    other.f.setNow('2026-11-24T04:00:00Z');
    await sendDueInvitations(other.f.deps);
    await recordAnswer(other.f.deps, tokenIn(other.f.state.sent[0]!.body), { overall: '4' }, 'addr');
    other.f.setNow('2026-11-26T04:00:00Z');
    expect((await sendDueInvitations(other.f.deps)).due).toBe(0);
    expect(other.f.state.sent).toHaveLength(1);
  });

  it('moves a reminder that falls on a Saturday to Monday 09:00', async () => {
    // Sent Thursday 26 November 12:00 Shanghai: +48 h is Saturday noon.
    const { f, closure } = await closedAt('2026-11-26T02:00:00Z');
    f.setNow('2026-11-26T04:00:00Z');
    await sendDueInvitations(f.deps);
    expect(f.state.invitations.get(closure.invitation.id)?.reminderAt).toBe('2026-11-30T01:00:00.000Z');
  });
});

describe('opt-out', () => {
  it('reads 退订, TD, T and td as opt-out, and nothing else', () => {
    for (const body of ['退订', 'TD', 'td', 'T', ' t ', 'Td。']) expect(isOptOutReply(body)).toBe(true);
    for (const body of ['谢谢', 'TDD', '不退订', '']) expect(isOptOutReply(body)).toBe(false);
  });

  it('suppresses a due invitation of an enterprise that replied TD, and messages it no more', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    expect(await optOutBySmsReply(f.deps, { from: '13804310001', body: 'TD' })).toEqual({ optedOut: [enterpriseId] });
    f.setNow('2026-11-24T04:00:00Z');
    expect(await sendDueInvitations(f.deps)).toMatchObject({ sent: 0, suppressed: 1 });
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out: sms-reply: TD' });
    expect(f.state.sent).toHaveLength(0);
  });

  it('schedules a suppressed invitation for an enterprise already opted out', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    await optOutBySmsReply(f.deps, { from: '13804310001', body: '退订' });
    const { closure } = await closedAt('2026-11-24T02:00:00Z', f);
    expect(closure.invitation).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out: sms-reply: 退订' });
  });
});

describe('a sweeper that stopped mid-send', () => {
  it('does not try a fifth time when the last attempt’s lease lapses: the invitation is failed', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z', fakeDeps('2026-11-24T02:00:00Z', { maxSendAttempts: 1 }));
    f.setNow('2026-11-24T04:00:00Z');
    f.deps.sms = { send: () => new Promise(() => {}) }; // never answers: the sweeper is stuck
    void sendDueInvitations(f.deps);
    await new Promise((r) => setTimeout(r, 10));
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'sending', attempts: 1 });
    f.setNow('2026-11-24T04:02:00Z');
    expect((await sendDueInvitations(f.deps)).failed).toEqual([{ invitationId: closure.invitation.id, reason: 'no answer from the gateway before the lease lapsed', attempts: 1, retryAt: null }]);
    expect(f.state.invitations.get(closure.invitation.id)?.status).toBe('failed');
  });
});

describe('a reminder that the sweeper reaches late', () => {
  it('waits for the next window when found after 20:00, and is not sent to an enterprise that opted out meanwhile', async () => {
    const { f, closure } = await closedAt('2026-11-24T02:00:00Z');
    f.setNow('2026-11-24T04:00:00Z');
    await sendDueInvitations(f.deps);
    f.setNow('2026-11-26T12:01:00Z'); // Thursday 20:01 Shanghai, past the reminder time
    expect(await sendDueInvitations(f.deps)).toMatchObject({ reminded: 0, deferred: 1 });
    expect(f.state.invitations.get(closure.invitation.id)?.reminderAt).toBe('2026-11-27T01:00:00.000Z');
    await optOutBySmsReply(f.deps, { from: '13804310001', body: '退订' });
    f.setNow('2026-11-27T01:00:00Z');
    expect((await sendDueInvitations(f.deps)).reminded).toBe(0);
    expect(f.state.invitations.get(closure.invitation.id)).toMatchObject({ status: 'sent', reminderFailure: 'opted-out: sms-reply: 退订' });
    expect(f.state.sent).toHaveLength(1);
  });
});
