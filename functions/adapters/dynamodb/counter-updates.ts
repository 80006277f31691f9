import type { CounterDelta, CounterKey, WorkCounts } from '../../core/scoring/counters';
import { counterKey } from './keys';

/** One Update of a transaction, on one counter row. */
export interface CounterUpdateItem {
  Update: {
    TableName: string;
    Key: { PK: string; SK: string };
    UpdateExpression: string;
    ConditionExpression?: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  };
}

/**
 * The transaction item that ADDs one delta to its counter. Counters are created on first use;
 * their descriptive attributes are SET every time (idempotent), their numbers only ever ADDed.
 * A `remove` delta ADDs the negatives of one answer, on condition that the counter holds such an
 * answer, so a counter never goes below zero. A work delta ADDs only its work counts.
 */
export function counterUpdate(tableName: string, delta: CounterDelta): CounterUpdateItem {
  if (delta.work) return workCounterUpdate(tableName, delta.key, delta.work);
  const { key } = delta;
  const sign = delta.remove ? -1 : 1;
  const adds = ['invited :invited', '#sum :sum', 'n :n'];
  const values: Record<string, unknown> = {
    ':dimension': key.dimension,
    ':groupId': key.groupId,
    ':granularity': key.granularity,
    ':period': key.period,
    ':channel': key.channel,
    ':invited': delta.remove ? 0 : (delta.invited ?? 0),
    ':sum': sign * (delta.rating ?? 0),
    ':n': delta.rating ? sign : 0,
  };
  if (delta.rating) {
    adds.push(`c${delta.rating} :level`);
    values[':level'] = sign;
  }
  const removing = delta.remove === true && delta.rating !== undefined;
  if (removing) values[':held'] = 1;
  const guard = removing ? { ConditionExpression: `c${delta.rating} >= :held AND n >= :held` } : {};
  return {
    Update: {
      TableName: tableName,
      Key: counterKey(key),
      UpdateExpression: `SET dimension = :dimension, groupId = :groupId, granularity = :granularity, period = :period, channel = :channel ADD ${adds.join(', ')}`,
      ...guard,
      ExpressionAttributeNames: { '#sum': 'sum' },
      ExpressionAttributeValues: values,
    },
  };
}

/** The attributes a key's group is described by, SET on every write so a row reads on its own. */
function describe(key: CounterKey) {
  return {
    expression: 'SET dimension = :dimension, groupId = :groupId, granularity = :granularity, period = :period, channel = :channel',
    values: { ':dimension': key.dimension, ':groupId': key.groupId, ':granularity': key.granularity, ':period': key.period, ':channel': key.channel },
  };
}

/** ADDs work counts (closed, reopened, on time, late, appeals) to one `work` row; attribute names are the counts' own. */
function workCounterUpdate(tableName: string, key: CounterKey, work: Partial<WorkCounts>): CounterUpdateItem {
  const entries = Object.entries(work).filter(([, v]) => v !== undefined && v !== 0);
  if (entries.length === 0) throw new Error(`a work counter delta for ${key.dimension}/${key.groupId} adds nothing`);
  const { expression, values } = describe(key);
  return {
    Update: {
      TableName: tableName,
      Key: counterKey(key),
      UpdateExpression: `${expression} ADD ${entries.map(([name]) => `#${name} :${name}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
      ExpressionAttributeValues: { ...values, ...Object.fromEntries(entries.map(([name, v]) => [`:${name}`, v])) },
    },
  };
}
