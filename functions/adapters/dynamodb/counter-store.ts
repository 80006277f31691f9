import type { CounterStore } from '../../core/ports';
import { workCounts, type CounterRow, type Dimension, type WorkCount } from '../../core/scoring/counters';
import { queryAll, type Table } from './client';
import { counterPartition } from './keys';

interface CounterItem extends Partial<Record<WorkCount, number>> {
  dimension: Dimension;
  groupId: string;
  granularity: 'day' | 'month';
  period: string;
  channel: CounterRow['channel'];
  invited?: number;
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

  async read(dimension: Dimension, periods: Array<{ granularity: 'day' | 'month'; period: string }>): Promise<CounterRow[]> {
    const pages = await Promise.all(
      periods.map((p) =>
        queryAll<CounterItem>(this.table, {
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: { ':p': counterPartition(dimension, p.granularity, p.period) },
        }),
      ),
    );
    return pages
      .flat()
      .map((i) => ({
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
}
