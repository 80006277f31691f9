import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { sendDueInvitations } from '../../../functions/core/invitations/send-due';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const enterpriseId = 'ent-001'; // gaoxin-01's first enterprise in the demo data

async function closedIssue(start = '2026-11-20T02:00:00Z') {
  const f = fakeDeps(start);
  const issue = await createIssue(f.deps, member, { enterpriseId, teamId: 'gaoxin-01', category: '其他', title: 't' });
  const closure = await closeIssue(f.deps, member, issue.id, { resolution: 'r' });
  return { f, issue, closure };
}

describe('closing an issue', () => {
  it('schedules the callback for the end of the 3rd working day and the survey two hours later', async () => {
    // Friday 20 November, 10:00 Shanghai: Monday, Tuesday, Wednesday.
    const { closure } = await closedIssue();
    expect(closure.callbackTask).toMatchObject({ kind: 'callback', teamId: 'gaoxin-01', zoneId: 'gaoxin', status: 'open', dueAt: '2026-11-25T15:59:59.999Z' });
    expect(closure.invitation).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-20T04:00:00.000Z', surveyId: 'callback-satisfaction', surveyVersion: 1, phone: '13804310001' });
  });

  it('returns the existing closure when closed again, writing nothing', async () => {
    const { f, issue, closure } = await closedIssue();
    const events = f.state.events.length;
    const again = await closeIssue(f.deps, member, issue.id, { resolution: 'other' });
    expect(again.callbackTask.id).toBe(closure.callbackTask.id);
    expect(f.state.tasks.size).toBe(1);
    expect(f.state.events.length).toBe(events);
  });
});

describe('sending and answering', () => {
  it('sends nothing early, then one SMS, and counts the invitation as sent for every group', async () => {
    const { f } = await closedIssue();
    expect((await sendDueInvitations(f.deps)).sent).toBe(0);
    f.setNow('2026-11-20T04:00:00Z');
    const report = await sendDueInvitations(f.deps);
    expect(report).toMatchObject({ due: 1, sent: 1, skipped: 0, failed: [] });
    expect(f.state.sent[0]!.body).toContain('/s/token-');
    // team, zone, category, overall and zone x category, each for the day and the month (no function group credited)
    expect(f.state.counters.filter((c) => c.invited === 1).map((c) => `${c.key.dimension}/${c.key.granularity}`)).toHaveLength(10);
    expect((await sendDueInvitations(f.deps)).sent).toBe(0);
  });

  it('retries a failed send after the backoff, not before', async () => {
    const { f } = await closedIssue();
    f.setNow('2026-11-20T04:00:00Z');
    f.deps.sms = { send: async () => Promise.reject(new Error('provider down')) };
    expect((await sendDueInvitations(f.deps)).failed).toEqual([{ invitationId: expect.any(String), reason: 'provider down', attempts: 1, retryAt: '2026-11-20T04:01:00.000Z' }]);
    f.deps.sms = { send: async () => ({ providerMessageId: 'ok' }) };
    expect((await sendDueInvitations(f.deps)).sent).toBe(0); // waiting for the backoff
    f.setNow('2026-11-20T04:01:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(1);
  });

  it('leaves the send to the sweeper that took over when its own lease lapsed mid-send', async () => {
    const { f } = await closedIssue();
    f.setNow('2026-11-20T04:00:00Z');
    const gateway = f.deps.sms;
    let secondSweep: Promise<Awaited<ReturnType<typeof sendDueInvitations>>> | undefined;
    f.deps.sms = {
      send: async (message, at) => {
        if (!secondSweep) {
          // The first send hangs past its lease; meanwhile a second sweeper runs and sends.
          f.setNow('2026-11-20T04:10:00Z');
          secondSweep = sendDueInvitations(f.deps);
          await secondSweep;
        }
        return gateway.send(message, at);
      },
    };
    const slow = await sendDueInvitations(f.deps);
    expect((await secondSweep)?.sent).toBe(1);
    expect(slow).toMatchObject({ sent: 0, skipped: 1 });
    expect(f.state.counters.filter((c) => c.invited === 1)).toHaveLength(10);
  });

  it('records a 差评 with a rectification due in 5 working days, and refuses a second answer', async () => {
    const { f } = await closedIssue();
    f.setNow('2026-11-20T04:00:00Z');
    await sendDueInvitations(f.deps);
    const token = /\/s\/(\S+)$/.exec(f.state.sent[0]!.body)![1]!;
    await recordAnswer(f.deps, token, { overall: '2', reasons: ['speed'] }, 'addr');
    const rectification = [...f.state.tasks.values()].find((t) => t.kind === 'rectification');
    expect(rectification).toMatchObject({ teamId: 'gaoxin-01', status: 'open', dueAt: '2026-11-27T15:59:59.999Z' });
    expect(f.state.counters.filter((c) => c.rating === 2)).toHaveLength(10);
    await expect(recordAnswer(f.deps, token, { overall: '5' }, 'addr')).rejects.toMatchObject({ code: 'invitation.already_answered' });
    expect(f.state.responses).toHaveLength(1);
  });

  it('refuses an answer after the link expired', async () => {
    const { f } = await closedIssue();
    f.setNow('2026-11-20T04:00:00Z');
    await sendDueInvitations(f.deps);
    const token = /\/s\/(\S+)$/.exec(f.state.sent[0]!.body)![1]!;
    f.setNow('2026-11-27T04:00:00Z');
    await expect(recordAnswer(f.deps, token, { overall: '5' }, 'addr')).rejects.toMatchObject({ code: 'invitation.expired' });
  });
});
