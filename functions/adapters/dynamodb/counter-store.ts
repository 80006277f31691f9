import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterStore } from '../../core/ports';
import { workCounts, type CounterKey, type CounterRow, type Dimension, type WorkCount } from '../../core/scoring/counters';
import type { AnswerNumbers, AnswerNumbersRow } from '../../core/scoring/recount';
import { queryAll, type Table } from './client';
import { counterKey, counterPartition } from './keys';

interface CounterItem extends Partial<Record<WorkCount, number>> {
  dimension: Dimension;
  groupId: string;
  granularity: 'day' | 'month';
  period: string;
  channel: CounterRow['channel'];
  invited?: number;
  n?: number;
  sum?: number;
  c1?: number;
  c2?: number;
  c3?: number;
  c4?: number;
  c5?: number;
}

/** Reads pre-aggregated counters: one query per bucket, returning every group of the dimension. */
export class DynamoCounterStore implements CounterStore {
  constructor(private readonly table: Table) {}

  /** Every counter item of a dimension in the given buckets: one query per bucket. */
  private async items(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>, consistent: boolean): Promise<CounterItem[]> {
    const pages = await Promise.all(
      periods.map((p) =>
        queryAll<CounterItem>(this.table, {
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: { ':p': counterPartition(dimension, p.granularity, p.period) },
          ...(consistent ? { ConsistentRead: true } : {}),
        }),
      ),
    );
    return pages.flat();
  }

  async read(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<CounterRow[]> {
    return (await this.items(dimension, periods, false)).map((i) => ({
        dimension: i.dimension,
        groupId: i.groupId,
        granularity: i.granularity,
        period: i.period,
        channel: i.channel,
        invited: i.invited ?? 0,
        sum: i.sum ?? 0,
        counts: { '1': i.c1 ?? 0, '2': i.c2 ?? 0, '3': i.c3 ?? 0, '4': i.c4 ?? 0, '5': i.c5 ?? 0 },
        work: Object.fromEntries(workCounts.map((w) => [w, i[w] ?? 0])) as Record<WorkCount, number>,
      }));
  }

  async readAnswerNumbers(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<AnswerNumbersRow[]> {
    return (await this.items(dimension, periods, true)).map((i) => ({
      dimension: i.dimension,
      groupId: i.groupId,
      granularity: i.granularity,
      period: i.period,
      channel: i.channel,
      n: i.n ?? 0,
      sum: i.sum ?? 0,
      counts: { '1': i.c1 ?? 0, '2': i.c2 ?? 0, '3': i.c3 ?? 0, '4': i.c4 ?? 0, '5': i.c5 ?? 0 },
    }));
  }

  /**
   * One conditional update: the answer numbers are SET to `to` only while every one of them still
   * holds what reconciliation read (`was`; a missing number reads as 0), so an answer or an appeal
   * that touched the counter meanwhile makes the repair fail instead of being overwritten.
   * `invited` and the other numbers of the item are left as they are.
   */
  async correctAnswerNumbers(key: CounterKey, was: AnswerNumbers, to: AnswerNumbers): Promise<boolean> {
    const fields: Array<[string, keyof AnswerNumbers | '1' | '2' | '3' | '4' | '5']> = [
      ['c1', '1'], ['c2', '2'], ['c3', '3'], ['c4', '4'], ['c5', '5'], ['n', 'n'], ['sum', 'sum'],
    ];
    const value = (numbers: AnswerNumbers, field: string) => (field === 'n' ? numbers.n : field === 'sum' ? numbers.sum : numbers.counts[field as '1']);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':dimension': key.dimension,
      ':groupId': key.groupId,
      ':granularity': key.granularity,
      ':period': key.period,
      ':channel': key.channel,
      ':zero': 0,
    };
    const sets = ['dimension = :dimension', 'groupId = :groupId', 'granularity = :granularity', '#period = :period', 'channel = :channel'];
    const conditions: string[] = [];
    names['#period'] = 'period';
    for (const [attribute, field] of fields) {
      const name = `#${attribute}`;
      names[name] = attribute;
      values[`:to_${attribute}`] = value(to, field);
      sets.push(`${name} = :to_${attribute}`);
      if (value(was, field) === 0) {
        conditions.push(`(attribute_not_exists(${name}) OR ${name} = :zero)`);
      } else {
        values[`:was_${attribute}`] = value(was, field);
        conditions.push(`${name} = :was_${attribute}`);
      }
    }
    // DynamoDB refuses a value no expression uses.
    if (conditions.every((c) => !c.includes(':zero'))) delete values[':zero'];
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: counterKey(key),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
