import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../../functions/core/ports';
import { answerCounterDeltas } from '../../../functions/core/scoring/answer-deltas';
import { counterKeysFor } from '../../../functions/core/scoring/counters';
import { compareAnswerNumbers, counterKeyId, reconciliationPlan, recountAnswers, type AnswerNumbersRow } from '../../../functions/core/scoring/recount';
import { FOLLOWUP_SURVEY_ID } from '../../../functions/core/surveys/definition';

const answer = (over: Partial<SurveyResponse>): SurveyResponse => ({
  invitationId: 'inv-1',
  issueId: 'issue-1',
  enterpriseId: 'ent-001',
  teamId: 'gaoxin-01',
  zoneId: 'gaoxin',
  category: '用工短缺',
  surveyId: 'default',
  surveyVersion: 1,
  channel: 'sms',
  score: 4,
  answers: { overall: 4 },
  answeredAt: '2026-11-16T02:00:00.000Z',
  ...over,
});

const row = (rows: Map<string, AnswerNumbersRow>, id: string) => rows.get(id);

describe('answerCounterDeltas', () => {
  it('adds one answer of its score to every bucket counterKeysFor gives for its Shanghai day and month', () => {
    const r = answer({ answeredAt: '2026-10-31T15:30:00.000Z', score: 2 });
    const deltas = answerCounterDeltas(r);
    expect(deltas.map((d) => d.key)).toEqual(counterKeysFor(r, new Date(r.answeredAt), 'sms'));
    expect(deltas.every((d) => d.rating === 2 && d.remove === undefined)).toBe(true);
    expect(new Set(deltas.map((d) => d.key.period))).toEqual(new Set(['2026-10-31', '2026-10']));
  });

  it('takes the same buckets back out with remove', () => {
    const r = answer({ surveyId: FOLLOWUP_SURVEY_ID });
    const removal = answerCounterDeltas(r, { remove: true });
    expect(removal.map((d) => d.key)).toEqual(answerCounterDeltas(r).map((d) => d.key));
    expect(removal.every((d) => d.remove === true && d.key.channel === 'followup')).toBe(true);
  });
});

describe('recountAnswers', () => {
  it('adds level counts, n and sum per counter from the responses', () => {
    const rows = recountAnswers([answer({ invitationId: 'a', score: 5 }), answer({ invitationId: 'b', score: 2 }), answer({ invitationId: 'c', teamId: 'gaoxin-02', score: 5 })]);
    expect(row(rows, 'team#day#2026-11-16#gaoxin-01#sms')).toMatchObject({ n: 2, sum: 7, counts: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
    expect(row(rows, 'overall#month#2026-11#all#sms')).toMatchObject({ n: 3, sum: 12 });
    expect(row(rows, 'zone#month#2026-11#gaoxin#sms')).toMatchObject({ n: 3, sum: 12 });
  });

  it('skips a response taken out by an approved appeal', () => {
    const rows = recountAnswers([answer({ invitationId: 'a', score: 5 }), answer({ invitationId: 'b', score: 1, excludedAt: '2026-11-20T00:00:00Z', appealId: 'ap' })]);
    expect(row(rows, 'overall#day#2026-11-16#all#sms')).toMatchObject({ n: 1, sum: 5, counts: { '1': 0 } });
  });

  it('counts an answer at 23:30 on 31 October in October, and a follow-up answer in followup', () => {
    const rows = recountAnswers([answer({ answeredAt: '2026-10-31T15:30:00.000Z', surveyId: FOLLOWUP_SURVEY_ID })]);
    expect(row(rows, 'overall#month#2026-10#all#followup')?.n).toBe(1);
    expect(row(rows, 'overall#month#2026-11#all#followup')).toBeUndefined();
    expect(row(rows, 'overall#month#2026-10#all#sms')).toBeUndefined();
  });
});

describe('reconciliationPlan', () => {
  it('compares every day of the range and recounts each month it touches whole, in UTC', () => {
    const plan = reconciliationPlan('2026-10-31', '2026-11-01');
    expect(plan.days).toEqual(['2026-10-31', '2026-11-01']);
    expect(plan.months).toEqual(['2026-10', '2026-11']);
    expect(plan.recount).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
  });

  it('crosses a year end', () => {
    expect(reconciliationPlan('2026-12-31', '2026-12-31').recount).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });
});

describe('compareAnswerNumbers', () => {
  const plan = { days: ['2026-11-16'], months: ['2026-11'] };
  const expected = recountAnswers([answer({ score: 4 })]);
  const actualOf = (change: (r: AnswerNumbersRow) => AnswerNumbersRow = (r) => r) => [...expected.values()].map((r) => change({ ...r, counts: { ...r.counts } }));

  it('finds nothing when the counters hold the recount', () => {
    // team, zone, category, zone x category and overall, each for the day and the month
    expect(compareAnswerNumbers(expected, actualOf(), plan)).toEqual({ compared: 10, differences: [] });
  });

  it('reports a tampered counter with what it should hold and what it holds', () => {
    const actual = actualOf((r) => (r.dimension === 'team' && r.granularity === 'day' ? { ...r, n: 2, sum: 9, counts: { ...r.counts, '5': 1 } } : r));
    const { differences } = compareAnswerNumbers(expected, actual, plan);
    expect(differences).toHaveLength(1);
    expect(counterKeyId(differences[0]!.key)).toBe('team#day#2026-11-16#gaoxin-01#sms');
    expect(differences[0]!.expected).toEqual({ n: 1, sum: 4, counts: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 } });
    expect(differences[0]!.actual).toEqual({ n: 2, sum: 9, counts: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } });
  });

  it('reports a missing counter, and a counter holding answers nobody gave', () => {
    const actual = actualOf().filter((r) => !(r.dimension === 'zone' && r.granularity === 'month'));
    actual.push({ dimension: 'team', groupId: 'ghost', granularity: 'day', period: '2026-11-16', channel: 'sms', n: 1, sum: 3, counts: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 0 } });
    const { differences } = compareAnswerNumbers(expected, actual, plan);
    expect(differences.map((d) => [counterKeyId(d.key), d.expected.n, d.actual.n])).toEqual([
      ['team#day#2026-11-16#ghost#sms', 0, 1],
      ['zone#month#2026-11#gaoxin#sms', 1, 0],
    ]);
  });

  it('ignores phone ratings and buckets outside the range', () => {
    const actual = actualOf();
    actual.push({ dimension: 'team', groupId: 'gaoxin-01', granularity: 'day', period: '2026-11-16', channel: 'callback', n: 3, sum: 15, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 3 } });
    actual.push({ dimension: 'team', groupId: 'gaoxin-01', granularity: 'day', period: '2026-11-17', channel: 'sms', n: 3, sum: 15, counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 3 } });
    expect(compareAnswerNumbers(expected, actual, plan).differences).toEqual([]);
  });
});
