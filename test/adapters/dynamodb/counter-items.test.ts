import { describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../functions/adapters/dynamodb/client';
import { addCounterDelta, counterItem, type CounterTotal } from '../../../functions/adapters/dynamodb/counter-items';
import { counterUpdate } from '../../../functions/adapters/dynamodb/counter-updates';
import { counterKey } from '../../../functions/adapters/dynamodb/keys';
import type { CounterDelta, CounterKey } from '../../../functions/core/scoring/counters';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/dynamodb-local';
import { freshTable } from '../../support/test-host';

const key: CounterKey = { dimension: 'team', groupId: 'gaoxin-01', granularity: 'month', period: '2026-10', channel: 'sms' };

/** Invitations, answers of several levels, and an approved appeal taking a 1 back out. */
const deltas: CounterDelta[] = [
  { key, invited: 1 },
  { key, invited: 1 },
  { key, invited: 1 },
  { key, rating: 5 },
  { key, rating: 1 },
  { key, rating: 4 },
  { key, rating: 1, remove: true },
];

describe('counter items summed in memory (the large seed)', () => {
  it('equal the item the live ADD transactions leave, attribute for attribute', async () => {
    const { endpoint, tableName } = await freshTable('counters');
    const doc = documentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    for (const delta of deltas) await doc.send(new TransactWriteCommand({ TransactItems: [counterUpdate(tableName, delta)] }));
    const live = (await doc.send(new GetCommand({ TableName: tableName, Key: counterKey(key) }))).Item;

    const totals = new Map<string, CounterTotal>();
    for (const delta of deltas) addCounterDelta(totals, delta);
    expect(totals.size).toBe(1);
    expect(counterItem([...totals.values()][0]!)).toEqual(live);
    expect(live).toMatchObject({ invited: 3, n: 2, sum: 9, c1: 0, c4: 1, c5: 1 });
    doc.destroy();
  });

  it('equal the work row the live ADD transactions leave: only the work counts touched, no answer numbers', async () => {
    const { endpoint, tableName } = await freshTable('work-counters');
    const doc = documentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const work: CounterKey = { ...key, channel: 'work' };
    const workDeltas: CounterDelta[] = [
      { key: work, work: { closed: 1 } },
      { key: work, work: { closed: 1, callbackOnTime: 0 } },
      { key: work, work: { reopened: 1 } },
      { key: work, work: { callbackLate: 1 } },
      { key: work, work: { appealsFiled: 1 } },
    ];
    for (const delta of workDeltas) await doc.send(new TransactWriteCommand({ TransactItems: [counterUpdate(tableName, delta)] }));
    const live = (await doc.send(new GetCommand({ TableName: tableName, Key: counterKey(work) }))).Item;

    const totals = new Map<string, CounterTotal>();
    for (const delta of workDeltas) addCounterDelta(totals, delta);
    expect(counterItem([...totals.values()][0]!)).toEqual(live);
    expect(live).toMatchObject({ closed: 2, reopened: 1, callbackLate: 1, appealsFiled: 1 });
    expect(live).not.toHaveProperty('callbackOnTime');
    expect(live).not.toHaveProperty('invited');
    doc.destroy();
  });
});
