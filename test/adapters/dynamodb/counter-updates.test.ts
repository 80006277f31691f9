import { describe, expect, it } from 'vitest';
import { counterUpdate } from '../../../functions/adapters/dynamodb/counter-updates';
import type { CounterKey } from '../../../functions/core/scoring/counters';

const key: CounterKey = { dimension: 'team', groupId: 'gaoxin-01', granularity: 'day', period: '2026-12-01', channel: 'sms' };

describe('counterUpdate', () => {
  it('adds one answer: its level, n and sum up, nothing invited, no condition', () => {
    const { Update } = counterUpdate('t', { key, rating: 4 });
    expect(Update.Key).toEqual({ PK: 'COUNT#team#day#2026-12-01', SK: 'gaoxin-01#sms' });
    expect(Update.UpdateExpression).toMatch(/ADD invited :invited, #sum :sum, n :n, c4 :level$/);
    expect(Update.ExpressionAttributeValues).toMatchObject({ ':invited': 0, ':sum': 4, ':n': 1, ':level': 1 });
    expect(Update).not.toHaveProperty('ConditionExpression');
  });

  it('counts an invitation without touching the ratings', () => {
    const { Update } = counterUpdate('t', { key, invited: 1 });
    expect(Update.UpdateExpression).toMatch(/ADD invited :invited, #sum :sum, n :n$/);
    expect(Update.ExpressionAttributeValues).toMatchObject({ ':invited': 1, ':sum': 0, ':n': 0 });
  });

  it('removes one answer of a 1: c1 -1, n -1, sum -1, invited untouched, only if the counter holds it', () => {
    const { Update } = counterUpdate('t', { key, rating: 1, remove: true });
    expect(Update.Key).toEqual({ PK: 'COUNT#team#day#2026-12-01', SK: 'gaoxin-01#sms' });
    expect(Update.UpdateExpression).toMatch(/ADD invited :invited, #sum :sum, n :n, c1 :level$/);
    expect(Update.ExpressionAttributeValues).toMatchObject({ ':invited': 0, ':sum': -1, ':n': -1, ':level': -1, ':held': 1 });
    expect(Update.ConditionExpression).toBe('c1 >= :held AND n >= :held');
  });

  it('removes the whole score of a 5 from the sum', () => {
    const { Update } = counterUpdate('t', { key, rating: 5, remove: true, invited: 1 });
    expect(Update.ExpressionAttributeValues).toMatchObject({ ':invited': 0, ':sum': -5, ':n': -1, ':level': -1 });
    expect(Update.UpdateExpression).toContain('c5 :level');
  });

  it('adds work counts to a work row and nothing else, under their own names', () => {
    const { Update } = counterUpdate('t', { key: { ...key, channel: 'work' }, work: { callbackLate: 1, closed: 0 } });
    expect(Update.Key).toEqual({ PK: 'COUNT#team#day#2026-12-01', SK: 'gaoxin-01#work' });
    expect(Update.UpdateExpression).toMatch(/ADD #callbackLate :callbackLate$/);
    expect(Update.ExpressionAttributeNames).toEqual({ '#callbackLate': 'callbackLate' });
    expect(Update.ExpressionAttributeValues).toMatchObject({ ':callbackLate': 1, ':channel': 'work' });
    expect(Update).not.toHaveProperty('ConditionExpression');
  });
});
