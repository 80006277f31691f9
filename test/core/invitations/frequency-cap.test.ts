import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { recordBundleAnswer, resolveBundleLink } from '../../../functions/core/invitations/bundle-link';
import { enterSurveyCode } from '../../../functions/core/invitations/code-entry';
import { sendDueInvitations } from '../../../functions/core/invitations/send-due';
import { cappedSendAfter } from '../../../functions/core/invitations/survey-bundle';
import { closeIssue } from '../../../functions/core/ledger/close-issue';
import { createIssue } from '../../../functions/core/ledger/issues';
import { reopenIssue } from '../../../functions/core/ledger/transitions';
import { optOutBySmsReply } from '../../../functions/core/org/opt-out';
import { recordAnswer } from '../../../functions/core/responses/record-answer';
import { completeTask } from '../../../functions/core/tasks/callback-tasks';
import { defaultSettings } from '../../../functions/core/settings';
import { weekdaysOnlyCalendar } from '../../../functions/core/scheduling/working-days';
import { demoEnterprises } from '../../../infra/local/seed/demo-org';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const enterpriseId = 'ent-001';
const tokenIn = (body: string) => /\/s\/(\S+)$/.exec(body)![1]!;
// Tuesday 24 November 2026, 10:00 Shanghai; a closure then is surveyed at 12:00.
const TUESDAY_10 = '2026-11-24T02:00:00Z';
const TUESDAY_NOON = '2026-11-24T04:00:00.000Z';

async function close(f: ReturnType<typeof fakeDeps>, at: string, title = 't') {
  f.setNow(at);
  const issue = await createIssue(f.deps, member, { enterpriseId, teamId: 'gaoxin-01', category: '其他', title });
  return closeIssue(f.deps, member, issue.id, { resolution: 'r' });
}

describe('where the frequency cap puts a new survey', () => {
  it('schedules the first closure of an enterprise as without the cap, in a bundle of its own', async () => {
    const capped = fakeDeps(TUESDAY_10);
    const uncapped = fakeDeps(TUESDAY_10, { frequencyCapDays: 0 });
    const a = await close(capped, TUESDAY_10);
    const b = await close(uncapped, TUESDAY_10);
    expect(a.invitation.sendAfter).toBe(TUESDAY_NOON);
    expect(b.invitation.sendAfter).toBe(TUESDAY_NOON);
    expect(a.invitation.bundleId).toBeDefined();
    expect(capped.state.surveyStates.get(enterpriseId)).toMatchObject({ version: 1, openBundleId: a.invitation.bundleId, openBundleSendAfter: TUESDAY_NOON });
  });

  it('adds a second closure within the week to the bundle still waiting, at the bundle’s send time', async () => {
    const f = fakeDeps(TUESDAY_10);
    const first = await close(f, TUESDAY_10);
    const second = await close(f, '2026-11-24T03:30:00Z'); // 11:30: alone it would go at 13:30
    expect(second.invitation).toMatchObject({ bundleId: first.invitation.bundleId, sendAfter: TUESDAY_NOON });
    expect(f.state.bundles.get(first.invitation.bundleId!)!.memberIds).toEqual([first.invitation.id, second.invitation.id]);
  });

  it('defers a closure three days after a sent survey to the first send-window moment after day 7', async () => {
    const f = fakeDeps(TUESDAY_10);
    await close(f, TUESDAY_10);
    f.setNow(TUESDAY_NOON);
    expect((await sendDueInvitations(f.deps)).sent).toBe(1);
    expect(f.state.surveyStates.get(enterpriseId)).toMatchObject({ lastSentAt: TUESDAY_NOON });
    const later = await close(f, '2026-11-27T02:00:00Z'); // Friday
    expect(later.invitation.sendAfter).toBe('2026-12-01T04:00:00.000Z'); // the next Tuesday, 12:00
    f.setNow('2026-11-30T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(0);
    f.setNow('2026-12-01T04:00:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(1);
    // Two surveys a week apart (the first one's reminder went out on Thursday).
    expect(f.state.sent.filter((s) => !s.body.includes('提醒')).map((s) => s.body.slice(0, 15))).toEqual(['【长春新区】问题已办结，请评价', '【长春新区】问题已办结，请评价']);
  });

  it('moves the end of a cap that falls on a Sunday to 09:00 on Monday', () => {
    const deps = { calendar: weekdaysOnlyCalendar, settings: defaultSettings };
    // Sent on Sunday 29 November 10:00 Shanghai (say, a 调休 working Sunday): the cap ends on Sunday 6 December.
    expect(cappedSendAfter(deps, '2026-12-01T04:00:00.000Z', '2026-11-29T02:00:00.000Z')).toBe('2026-12-07T01:00:00.000Z');
    expect(cappedSendAfter(deps, '2026-12-09T04:00:00.000Z', '2026-11-29T02:00:00.000Z')).toBe('2026-12-09T04:00:00.000Z');
    expect(cappedSendAfter({ ...deps, settings: { ...defaultSettings, frequencyCapDays: 0 } }, '2026-12-01T04:00:00.000Z', '2026-11-29T02:00:00.000Z')).toBe('2026-12-01T04:00:00.000Z');
  });

  it('surveys as soon as usual once the cap since the last send has run out', async () => {
    const f = fakeDeps(TUESDAY_10);
    await close(f, TUESDAY_10);
    f.setNow(TUESDAY_NOON);
    await sendDueInvitations(f.deps);
    const later = await close(f, '2026-12-02T02:00:00Z'); // 8 days later, Wednesday 10:00
    expect(later.invitation.sendAfter).toBe('2026-12-02T04:00:00.000Z');
  });

  it('with the cap at 0, schedules and sends one SMS per closure as before', async () => {
    const f = fakeDeps(TUESDAY_10, { frequencyCapDays: 0 });
    const a = await close(f, TUESDAY_10);
    const b = await close(f, '2026-11-24T02:10:00Z');
    expect(a.invitation.bundleId).toBeUndefined();
    expect(b.invitation.sendAfter).toBe('2026-11-24T04:10:00.000Z');
    expect(f.state.surveyStates.size).toBe(0);
    f.setNow('2026-11-24T05:00:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(2);
    expect(f.state.sent.map((s) => s.body)).toEqual([expect.stringContaining('问题已办结'), expect.stringContaining('问题已办结')]);
  });

  it('keeps every member when closures of one enterprise race', async () => {
    const f = fakeDeps(TUESDAY_10);
    const issues = await Promise.all([1, 2, 3, 4].map((i) => createIssue(f.deps, member, { enterpriseId, teamId: 'gaoxin-01', category: '其他', title: `t${i}` })));
    const closures = await Promise.all(issues.map((i) => closeIssue(f.deps, member, i.id, { resolution: 'r' })));
    const bundleIds = new Set(closures.map((c) => c.invitation.bundleId));
    expect(bundleIds.size).toBe(1);
    expect([...f.state.bundles.get([...bundleIds][0]!)!.memberIds].sort()).toEqual(closures.map((c) => c.invitation.id).sort());
  });
});

describe('sending a bundle', () => {
  async function threeClosures(settings: Parameters<typeof fakeDeps>[1] = {}) {
    const f = fakeDeps(TUESDAY_10, settings);
    const closures = [await close(f, TUESDAY_10, '道路照明'), await close(f, '2026-11-24T02:20:00Z', '排水'), await close(f, '2026-11-24T02:40:00Z', '用电')];
    f.setNow('2026-11-24T04:05:00Z');
    return { f, closures };
  }

  it('sends three closures of one day as ONE SMS whose link opens all three', async () => {
    const { f, closures } = await threeClosures();
    expect(await sendDueInvitations(f.deps)).toMatchObject({ due: 3, sent: 3, failed: [] });
    expect(f.state.sent).toHaveLength(1);
    expect(f.state.sent[0]!.body).toMatch(/^【长春新区】您有3项诉求办结，请评价：http/);
    const link = await resolveBundleLink(f.deps, tokenIn(f.state.sent[0]!.body));
    expect(link!.members.map((m) => [m.invitation.id, m.issueTitle, m.state])).toEqual(closures.map((c, i) => [c.invitation.id, ['道路照明', '排水', '用电'][i], 'open']));
    expect(closures.every((c) => f.state.invitations.get(c.invitation.id)!.status === 'sent')).toBe(true);
    expect(f.state.surveyStates.get(enterpriseId)).toMatchObject({ lastSentAt: '2026-11-24T04:05:00.000Z' });
    expect(f.state.surveyStates.get(enterpriseId)!.openBundleId).toBeUndefined();
  });

  it('in code mode, sends ONE SMS with one code, whose entry opens a link to all three', async () => {
    const { f, closures } = await threeClosures({ surveyLinkMode: 'code' });
    expect(await sendDueInvitations(f.deps)).toMatchObject({ sent: 3 });
    const sms = f.state.sent[0]!;
    expect(sms).toMatchObject({ link: 'http://localhost:3000/c', body: `【长春新区】您有3项诉求办结，请打开 http://localhost:3000/c 输入评价码${sms.code}` });
    const ids = closures.map((c) => c.invitation.id);
    expect(f.state.codes.get(`hash:${sms.code}`)).toEqual({ invitationIds: ids, failures: 0 });
    const entry = await enterSurveyCode(f.deps, { code: sms.code!, digits: '0001' }, 'a');
    expect(entry).toMatchObject({ outcome: 'open', invitationIds: ids });
    const link = await resolveBundleLink(f.deps, (entry as { token: string }).token);
    expect(link!.members.map((m) => [m.invitation.id, m.state])).toEqual(ids.map((id) => [id, 'open']));
    await recordBundleAnswer(f.deps, link!, ids[0]!, { overall: 5 });

    f.setNow('2026-11-26T04:05:00Z');
    expect(await sendDueInvitations(f.deps)).toMatchObject({ reminded: 1 });
    const reminder = f.state.sent[1]!;
    expect(reminder.body).toBe(`【长春新区】提醒：2项待评价，请打开 http://localhost:3000/c 输入评价码${reminder.code}`);
    // The reminder's code opens the same page as its link would: the answered issue shows as done.
    expect(f.state.codes.get(`hash:${reminder.code}`)!.invitationIds).toEqual(ids);
  });

  it('sends one SMS when two sweepers run at the same moment', async () => {
    const { f } = await threeClosures();
    const [a, b] = await Promise.all([sendDueInvitations(f.deps), sendDueInvitations(f.deps)]);
    expect(f.state.sent).toHaveLength(1);
    expect(a.sent + b.sent).toBe(3);
  });

  it('leaves out a member whose issue was reopened before sending, and sends the rest', async () => {
    const { f, closures } = await threeClosures();
    await reopenIssue(f.deps, member, closures[1]!.issue.id, { reason: '企业反映未解决' });
    expect(await sendDueInvitations(f.deps)).toMatchObject({ sent: 2 });
    expect(f.state.sent[0]!.body).toContain('您有2项');
    expect(f.state.invitations.get(closures[1]!.invitation.id)!.status).toBe('cancelled');
    const link = await resolveBundleLink(f.deps, tokenIn(f.state.sent[0]!.body));
    expect(link!.members.map((m) => m.invitation.id)).toEqual([closures[0]!.invitation.id, closures[2]!.invitation.id]);
  });

  it('retries every member together after a gateway error, then sends one SMS', async () => {
    const { f, closures } = await threeClosures();
    const send = f.deps.sms.send;
    f.deps.sms = { send: async () => Promise.reject(new Error('throttled')) };
    const first = await sendDueInvitations(f.deps);
    expect(first.failed).toEqual([{ invitationId: closures[0]!.invitation.id, reason: 'throttled', attempts: 1, retryAt: '2026-11-24T04:06:00.000Z' }]);
    expect(closures.map((c) => f.state.invitations.get(c.invitation.id)!.sendAfter)).toEqual(Array(3).fill('2026-11-24T04:06:00.000Z'));
    f.deps.sms = { send };
    f.setNow('2026-11-24T04:06:00Z');
    expect((await sendDueInvitations(f.deps)).sent).toBe(3);
    expect(f.state.sent).toHaveLength(1);
  });

  it('suppresses every member when the enterprise opted out before sending', async () => {
    const { f, closures } = await threeClosures();
    await optOutBySmsReply(f.deps, { from: '13804310001', body: '退订' });
    expect(await sendDueInvitations(f.deps)).toMatchObject({ suppressed: 3, sent: 0 });
    expect(closures.map((c) => f.state.invitations.get(c.invitation.id)!.status)).toEqual(['suppressed', 'suppressed', 'suppressed']);
    expect(f.state.sent).toHaveLength(0);
  });

  it('sends one reminder SMS for the unanswered members, whose link still shows the answered one as done', async () => {
    const { f, closures } = await threeClosures();
    await sendDueInvitations(f.deps);
    const link = (await resolveBundleLink(f.deps, tokenIn(f.state.sent[0]!.body)))!;
    await recordBundleAnswer(f.deps, link, closures[0]!.invitation.id, { overall: 5 });
    f.setNow('2026-11-26T04:05:00Z'); // 48 hours later
    expect(await sendDueInvitations(f.deps)).toMatchObject({ reminded: 1 });
    expect(f.state.sent).toHaveLength(2);
    expect(f.state.sent[1]!.body).toMatch(/^【长春新区】提醒：2项诉求待评价：http/);
    const reminded = (await resolveBundleLink(f.deps, tokenIn(f.state.sent[1]!.body)))!;
    expect(reminded.members.map((m) => m.state)).toEqual(['answered', 'open', 'open']);
    expect(closures.slice(1).every((c) => f.state.invitations.get(c.invitation.id)!.remindedAt)).toBe(true);
    expect((await sendDueInvitations(f.deps)).reminded).toBe(0);
    f.setNow('2026-12-01T04:05:00Z'); // 7 days after sending
    expect(await sendDueInvitations(f.deps)).toMatchObject({ expired: 2 });
    await expect(resolveBundleLink(f.deps, tokenIn(f.state.sent[0]!.body))).resolves.toMatchObject({ members: [{ state: 'answered' }, { state: 'expired' }, { state: 'expired' }] });
  });
});

describe('answering a bundle', () => {
  it('records each issue once, under its own invitation, and refuses an issue the link does not open', async () => {
    const f = fakeDeps(TUESDAY_10);
    const a = await close(f, TUESDAY_10);
    const b = await close(f, '2026-11-24T02:20:00Z');
    const e = demoEnterprises[4]!;
    const other = await closeIssue(f.deps, office, (await createIssue(f.deps, office, { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: 'x' })).id, { resolution: 'r' });
    f.setNow('2026-11-24T04:05:00Z');
    await sendDueInvitations(f.deps);
    const token = tokenIn(f.state.sent.find((s) => s.body.includes('您有2项'))!.body);
    const link = (await resolveBundleLink(f.deps, token))!;
    await expect(recordBundleAnswer(f.deps, link, other.invitation.id, { overall: 5 })).rejects.toMatchObject({ code: 'invitation.not_found' });
    await recordBundleAnswer(f.deps, link, a.invitation.id, { overall: 4 });
    await recordBundleAnswer(f.deps, link, b.invitation.id, { overall: 2, reasons: ['speed'] });
    await expect(recordBundleAnswer(f.deps, link, a.invitation.id, { overall: 1 })).rejects.toMatchObject({ code: 'invitation.already_answered' });
    expect(f.state.responses.map((r) => [r.invitationId, r.issueId, r.score])).toEqual([
      [a.invitation.id, a.issue.id, 4],
      [b.invitation.id, b.issue.id, 2],
    ]);
    // The 差评 opens a rectification for its own issue.
    expect([...f.state.tasks.values()].filter((t) => t.kind === 'rectification').map((t) => t.issueId)).toEqual([b.issue.id]);
  });
});

describe('the follow-up survey after a rectification', () => {
  it('waits for the cap too: no second SMS to the enterprise within the week of its survey', async () => {
    const f = fakeDeps(TUESDAY_10);
    await close(f, TUESDAY_10);
    f.setNow('2026-11-24T04:05:00Z');
    await sendDueInvitations(f.deps);
    expect((await recordSingle(f)).score).toBe(1);
    const rectification = [...f.state.tasks.values()].find((t) => t.kind === 'rectification')!;
    f.setNow('2026-11-26T02:00:00Z'); // Thursday: fixed two days later
    await completeTask(f.deps, member, rectification.id, { outcome: 'reached', rootCause: '排班不足', actionTaken: '增派人员' });
    const followUp = [...f.state.invitations.values()].find((i) => i.surveyId === 'rectification-followup')!;
    expect(followUp.sendAfter).toBe('2026-12-01T04:05:00.000Z');
    expect(followUp.bundleId).toBe(f.state.surveyStates.get(enterpriseId)!.openBundleId);
  });

  it('goes out as before with the cap at 0', async () => {
    const f = fakeDeps(TUESDAY_10, { frequencyCapDays: 0 });
    await close(f, TUESDAY_10);
    f.setNow('2026-11-24T04:05:00Z');
    await sendDueInvitations(f.deps);
    await recordSingle(f);
    const rectification = [...f.state.tasks.values()].find((t) => t.kind === 'rectification')!;
    f.setNow('2026-11-26T02:00:00Z');
    await completeTask(f.deps, member, rectification.id, { outcome: 'reached', rootCause: '排班不足', actionTaken: '增派人员' });
    const followUp = [...f.state.invitations.values()].find((i) => i.surveyId === 'rectification-followup')!;
    expect(followUp.sendAfter).toBe('2026-11-26T04:00:00.000Z');
    expect(followUp.bundleId).toBeUndefined();
  });

  /** Answers the one single-issue link sent so far with a 1 (非常不满意), which opens a rectification. */
  async function recordSingle(f: ReturnType<typeof fakeDeps>) {
    return recordAnswer(f.deps, tokenIn(f.state.sent[0]!.body), { overall: 1 }, 'test');
  }
});
