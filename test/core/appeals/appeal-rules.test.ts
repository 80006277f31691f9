import { beforeEach, describe, expect, it } from 'vitest';
import { fileAppeal, listAppeals } from '../../../functions/core/appeals/appeals';
import { answerRemoval, decideAppeal } from '../../../functions/core/appeals/decide-appeal';
import type { Principal } from '../../../functions/core/auth/principal';
import type { SurveyResponse } from '../../../functions/core/ports';
import { counterKeysFor } from '../../../functions/core/scoring/counters';
import { FOLLOWUP_SURVEY_ID } from '../../../functions/core/surveys/definition';
import { fakeAppealStores } from '../fake-appeals';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm1', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const otherTeam: Principal = { sub: 'm2', username: 'member-gaoxin-02', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-02' };
const dispatcher: Principal = { sub: 'd', username: 'dispatcher-gaoxin', role: 'zone-dispatcher', zoneId: 'gaoxin' };
const office: Principal = { sub: 'o', username: 'office', role: 'office' };

/** An answer at 00:30 on 1 December in Shanghai, which is still 30 November in UTC. */
const response: SurveyResponse = {
  invitationId: 'inv-1',
  issueId: 'issue-1',
  enterpriseId: 'ent-001',
  teamId: 'gaoxin-01',
  zoneId: 'gaoxin',
  category: '用工短缺',
  surveyId: 'default',
  surveyVersion: 1,
  channel: 'sms',
  score: 1,
  answers: { overall: 1 },
  answeredAt: '2026-11-30T16:30:00.000Z',
};

describe('answerRemoval', () => {
  it('takes one answer of its score out of exactly the buckets the answer was added to', () => {
    const deltas = answerRemoval(response);
    const added = counterKeysFor(response, new Date(response.answeredAt), 'sms');
    expect(deltas.map((d) => d.key)).toEqual(added);
    expect(deltas).toHaveLength(10);
    expect(deltas.every((d) => d.rating === 1 && d.remove === true && d.invited === undefined)).toBe(true);
  });

  it('uses the Shanghai day and month of the answer, not the UTC ones', () => {
    const periods = new Set(answerRemoval(response).map((d) => `${d.key.granularity}:${d.key.period}`));
    expect([...periods].sort()).toEqual(['day:2026-12-01', 'month:2026-12']);
    const groups = answerRemoval(response).map((d) => `${d.key.dimension}:${d.key.groupId}`);
    expect(new Set(groups)).toEqual(new Set(['team:gaoxin-01', 'zone:gaoxin', 'category:用工短缺', 'overall:all', 'zoneCategory:gaoxin|用工短缺']));
  });

  it('takes a follow-up survey’s answer out of the follow-up counters it was added to, not the ranked ones', () => {
    const followup = { ...response, surveyId: FOLLOWUP_SURVEY_ID };
    expect(new Set(answerRemoval(followup).map((d) => d.key.channel))).toEqual(new Set(['followup']));
    expect(new Set(answerRemoval(response).map((d) => d.key.channel))).toEqual(new Set(['sms']));
  });
});

describe('appeal rules', () => {
  let f: ReturnType<typeof fakeDeps>;
  let appeals: ReturnType<typeof fakeAppealStores>;
  beforeEach(() => {
    f = fakeDeps('2026-12-02T02:00:00Z');
    f.state.responses.push({ ...response });
    appeals = fakeAppealStores(f.state.responses);
    Object.assign(f.deps, appeals.stores);
  });

  it('files a pending appeal with the rating copied in, and refuses a second open one', async () => {
    const appeal = await fileAppeal(f.deps, member, 'inv-1', { reason: '企业误评' });
    expect(appeal).toMatchObject({ status: 'pending', invitationId: 'inv-1', teamId: 'gaoxin-01', score: 1, answeredAt: response.answeredAt, filedBy: 'member-gaoxin-01' });
    await expect(fileAppeal(f.deps, dispatcher, 'inv-1', { reason: 'again' })).rejects.toMatchObject({ code: 'appeal.already_open' });
  });

  it('hides another team’s response and refuses the office as appellant', async () => {
    await expect(fileAppeal(f.deps, otherTeam, 'inv-1', { reason: 'x y' })).rejects.toMatchObject({ code: 'response.not_found' });
    await expect(fileAppeal(f.deps, office, 'inv-1', { reason: 'x y' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(fileAppeal(f.deps, member, 'inv-404', { reason: 'x y' })).rejects.toMatchObject({ code: 'response.not_found' });
  });

  it('lets only the office decide, once; approval carries the removal of the answer', async () => {
    const appeal = await fileAppeal(f.deps, member, 'inv-1', { reason: '企业误评' });
    await expect(decideAppeal(f.deps, member, appeal.id, { decision: 'approve', note: 'x' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    const approved = await decideAppeal(f.deps, office, appeal.id, { decision: 'approve', note: '经核实' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'office', decidedAt: '2026-12-02T02:00:00.000Z', decisionNote: '经核实' });
    expect(appeals.state.approvals).toHaveLength(1);
    const approvedCounts = appeals.state.approvals[0]!.counters.filter((d) => d.work);
    expect(appeals.state.approvals[0]!.counters.filter((d) => !d.work)).toEqual(answerRemoval(response));
    // The approval counts once in every group of the answer, on the day it is decided (2 December), in the work rows.
    expect(approvedCounts).toHaveLength(10);
    expect(approvedCounts.every((d) => d.key.channel === 'work' && d.work?.appealsApproved === 1)).toBe(true);
    expect(new Set(approvedCounts.map((d) => d.key.period))).toEqual(new Set(['2026-12-02', '2026-12']));
    await expect(decideAppeal(f.deps, office, appeal.id, { decision: 'approve', note: 'again' })).rejects.toMatchObject({ code: 'appeal.already_decided' });
    await expect(decideAppeal(f.deps, office, appeal.id, { decision: 'reject', note: 'again' })).rejects.toMatchObject({ code: 'appeal.already_decided' });
    expect(appeals.state.approvals).toHaveLength(1);
    expect(f.state.responses[0]).toMatchObject({ excludedAt: '2026-12-02T02:00:00.000Z', excludedBy: 'office', appealId: appeal.id });
    await expect(fileAppeal(f.deps, member, 'inv-1', { reason: '再次申诉' })).rejects.toMatchObject({ code: 'response.excluded' });
  });

  it('after a rejection the rating still counts and a new appeal may be filed', async () => {
    const first = await fileAppeal(f.deps, member, 'inv-1', { reason: '企业误评' });
    expect(await decideAppeal(f.deps, office, first.id, { decision: 'reject', note: '证据不足' })).toMatchObject({ status: 'rejected' });
    expect(appeals.state.approvals).toHaveLength(0);
    expect(f.state.responses[0]).not.toHaveProperty('openAppealId');
    expect(await fileAppeal(f.deps, member, 'inv-1', { reason: '补充了通话录音' })).toMatchObject({ status: 'pending' });
    expect((await listAppeals(f.deps, member, {}, { limit: 50 })).items).toHaveLength(2);
    expect((await listAppeals(f.deps, otherTeam, {}, { limit: 50 })).items).toHaveLength(0);
  });
});
