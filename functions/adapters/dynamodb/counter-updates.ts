import type { CounterDelta } from '../../core/scoring/counters';
import { counterKey } from './keys';

/**
 * The transaction item that ADDs one delta to its counter. Counters are created on first use;
 * their descriptive attributes are SET every time (idempotent), their numbers only ever ADDed.
 */
export function counterUpdate(tableName: string, delta: CounterDelta) {
  const { key } = delta;
  const adds = ['invited :invited', '#sum :sum', 'n :n'];
  const values: Record<string, unknown> = {
    ':dimension': key.dimension,
    ':groupId': key.groupId,
    ':granularity': key.granularity,
    ':period': key.period,
    ':channel': key.channel,
    ':invited': delta.invited ?? 0,
    ':sum': delta.rating ?? 0,
    ':n': delta.rating ? 1 : 0,
  };
  if (delta.rating) {
    adds.push(`c${delta.rating} :one`);
    values[':one'] = 1;
  }
  return {
    Update: {
      TableName: tableName,
      Key: counterKey(key),
      UpdateExpression: `SET dimension = :dimension, groupId = :groupId, granularity = :granularity, period = :period, channel = :channel ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: { '#sum': 'sum' },
      ExpressionAttributeValues: values,
    },
  };
}
