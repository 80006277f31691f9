import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { enterSurveyCode } from '../../../functions/core/invitations/code-entry';
import { sendDueInvitations } from '../../../functions/core/invitations/send-due';
import { recordBundleAnswer, resolveBundleLink } from '../../../functions/core/invitations/bundle-link';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };

/** An invitation closed on a Tuesday morning and swept at 13:00 Shanghai in code mode. */
async function sentInCodeMode(settings: Parameters<typeof fakeDeps>[1] = {}) {
  const f = fakeDeps('2026-11-24T02:00:00Z', { surveyLinkMode: 'code', ...settings });
  const issue = await createIssue(f.deps, member, { enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title: 't' });
  const closure = await closeIssue(f.deps, member, issue.id, { resolution: 'r' });
  f.setNow('2026-11-24T05:00:00Z');
  await sendDueInvitations(f.deps);
  const sms = f.state.sent[0]!;
  const phone = f.state.enterprises.get('ent-001')!.contactPhone;
  return { f, sms, invitationId: closure.invitation.id, digits: phone.slice(-4) };
}

describe('the sweeper in code mode', () => {
  it('sends the entry page and a code, and stores only the code’s hash, for the invitation', async () => {
    const { f, sms, invitationId } = await sentInCodeMode();
    expect(sms).toMatchObject({ link: 'http://localhost:3000/c', purpose: 'invitation', code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{8}$/) });
    expect(sms.body).toBe(`【长春新区】问题已办结，请打开 http://localhost:3000/c 输入评价码${sms.code}`);
    expect([...f.state.codes.entries()]).toEqual([[`hash:${sms.code}`, { invitationIds: [invitationId], failures: 0 }]]);
    expect(f.state.invitations.get(invitationId)).toMatchObject({ status: 'sent', tokenHash: expect.stringMatching(/^hash:token-/) });
  });

  it('does the same for an invitation outside any bundle (the cap at 0), and the code opens it', async () => {
    const { f, sms, invitationId, digits } = await sentInCodeMode({ frequencyCapDays: 0 });
    expect(f.state.invitations.get(invitationId)!.bundleId).toBeUndefined();
    expect(sms.body).toBe(`【长春新区】问题已办结，请打开 http://localhost:3000/c 输入评价码${sms.code}`);
    expect(f.state.codes.get(`hash:${sms.code}`)).toEqual({ invitationIds: [invitationId], failures: 0 });
    expect(await enterSurveyCode(f.deps, { code: sms.code!, digits }, 'a')).toMatchObject({ outcome: 'open', invitationIds: [invitationId] });
  });

  it('mints another code for the reminder', async () => {
    const { f, sms } = await sentInCodeMode();
    f.setNow('2026-11-26T05:00:00Z');
    expect((await sendDueInvitations(f.deps)).reminded).toBe(1);
    const reminder = f.state.sent[1]!;
    expect(reminder).toMatchObject({ purpose: 'reminder', link: 'http://localhost:3000/c' });
    expect(reminder.code).not.toBe(sms.code);
    expect(f.state.codes.size).toBe(2);
  });
});

describe('a code entry', () => {
  it('opens the survey with a fresh link token and changes nothing on the invitation', async () => {
    const { f, sms, invitationId, digits } = await sentInCodeMode();
    const before = f.state.invitations.get(invitationId);
    const entry = await enterSurveyCode(f.deps, { code: sms.code!.toLowerCase(), digits }, 'a');
    expect(entry).toMatchObject({ outcome: 'open', invitationIds: [invitationId], token: expect.any(String) });
    expect(await f.deps.invitations.byTokenHash(f.deps.tokens.hash((entry as { token: string }).token))).toEqual(before);
    expect(f.state.invitations.get(invitationId)).toEqual(before);
  });

  it('refuses every entry from an address at its limit before looking anything up', async () => {
    const { f, sms, digits } = await sentInCodeMode();
    const looked: string[] = [];
    f.deps.rateLimits = { hit: async () => 21, count: async () => 20 };
    const get = f.deps.codes.get;
    f.deps.codes = { ...f.deps.codes, get: async (hash) => (looked.push(hash), get(hash)) };
    expect(await enterSurveyCode(f.deps, { code: sms.code!, digits }, 'a')).toEqual({ outcome: 'limited', retryAfterSeconds: 600 });
    expect(looked).toEqual([]);
  });

  it('answers limited to the failed entry that goes past the limit in a race', async () => {
    const { f, digits } = await sentInCodeMode();
    f.deps.rateLimits = { hit: async () => 21, count: async () => 19 };
    expect(await enterSurveyCode(f.deps, { code: 'ZZZZZZZZ', digits }, 'a')).toMatchObject({ outcome: 'limited' });
  });

  it('says how many tries are left after wrong digits, and locks the code at the limit', async () => {
    const { f, sms } = await sentInCodeMode();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await enterSurveyCode(f.deps, { code: sms.code!, digits: '9999' }, 'a'));
    expect(outcomes).toEqual([4, 3, 2, 1].map((triesLeft) => ({ outcome: 'wrong-digits', triesLeft })));
    expect(await enterSurveyCode(f.deps, { code: sms.code!, digits: '9999' }, 'a')).toEqual({ outcome: 'locked' });
  });

  it('opens a bundle’s code while any of its issues is open; answered once one is answered and none is open', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z', { surveyLinkMode: 'code' });
    const ids: string[] = [];
    for (const title of ['a', 'b']) {
      const issue = await createIssue(f.deps, member, { enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title });
      ids.push((await closeIssue(f.deps, member, issue.id, { resolution: 'r' })).invitation.id);
    }
    f.setNow('2026-11-24T05:00:00Z');
    await sendDueInvitations(f.deps);
    const code = f.state.sent[0]!.code!;
    const entry = await enterSurveyCode(f.deps, { code, digits: '0001' }, 'a');
    await recordBundleAnswer(f.deps, (await resolveBundleLink(f.deps, (entry as { token: string }).token))!, ids[0]!, { overall: 4 });
    expect(await enterSurveyCode(f.deps, { code, digits: '0001' }, 'a')).toMatchObject({ outcome: 'open', invitationIds: ids });
    f.setNow('2026-12-02T05:00:00Z'); // past the 7-day expiry: the open issue is gone, the answered one stays answered
    expect(await enterSurveyCode(f.deps, { code, digits: '0001' }, 'a')).toEqual({ outcome: 'answered' });
  });
});
