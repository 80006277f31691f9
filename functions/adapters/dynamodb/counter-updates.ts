import type { CounterDelta } from '../../core/scoring/counters';
import { counterKey } from './keys';

/**
 * The transaction item that ADDs one delta to its counter. Counters are created on first use;
 * their descriptive attributes are SET every time (idempotent), their numbers only ever ADDed.
 * A `remove` delta ADDs the negatives of one answer, on condition that the counter holds such an
 * answer, so a counter never goes below zero.
 */
export function counterUpdate(tableName: string, delta: CounterDelta) {
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
