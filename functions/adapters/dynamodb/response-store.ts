import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../core/errors';
import type { Page, PageRequest, ResponseQuery, ResponseStore, SurveyResponse } from '../../core/ports';
import { queryPage, type Table } from './client';
import { decodeCursor, encodeCursor, fromItem } from './items';
import { responseKey, responseRange } from './keys';

/** A filtered drill-down reads at most this many items per round trip, and this many round trips per page. */
const FILTERED_READ = 200;
const MAX_ROUNDS = 5;

/** Recorded survey answers, each stored beside its invitation. */
export class DynamoResponseStore implements ResponseStore {
  constructor(private readonly table: Table) {}

  async get(invitationId: string): Promise<SurveyResponse | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: responseKey(invitationId), ConsistentRead: true }));
    return fromItem<SurveyResponse>(out.Item);
  }

  /**
   * GSI3 `RESP`, SK between `RESP#from` and `RESP#to`: every response answered in `[from, to)`
   * (an answer at `to` sorts after `RESP#to`), oldest first, one page at a time.
   */
  answeredBetween(range: { from: string; to: string }, page: PageRequest): Promise<Page<SurveyResponse>> {
    return queryPage<SurveyResponse>(
      this.table,
      {
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :p AND GSI3SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': 'RESP', ':from': `RESP#${range.from}`, ':to': `RESP#${range.to}` },
      },
      { name: 'GSI3PK', value: 'RESP' },
      page,
    );
  }

  /**
   * One page of a group's answers in a time range, newest first, read from the group's index by its
   * sort-key range. A category or a rating narrows that range with a FilterExpression; since
   * DynamoDB filters after it reads, a filtered page reads on (a bounded number of round trips)
   * until it has `limit` answers. The cursor is the key of the last answer returned, so pages never
   * repeat or skip one.
   */
  async list(query: ResponseQuery, page: PageRequest): Promise<Page<SurveyResponse>> {
    const range = responseRange(query.group, query.from, query.to);
    let start: Record<string, unknown> | undefined = decodeCursor(page.cursor, { name: range.pk, value: range.value });
    const at = start?.[range.sk];
    if (start && (typeof at !== 'string' || at < range.low || at > range.high || start.SK !== 'RESPONSE')) {
      // A cursor from another range would make DynamoDB refuse the query: it is the caller's mistake.
      throw new DomainError('validation.failed', 'The cursor is not valid for this list.', [{ code: 'cursor.invalid', path: 'cursor', message: 'use nextCursor from the previous page of the same query' }]);
    }
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':p': range.value, ':low': range.low, ':high': range.high };
    if (query.group.kind === 'category') {
      filters.push('category = :category');
      values[':category'] = query.group.category;
    }
    if (query.rating !== undefined) {
      filters.push('score = :rating');
      values[':rating'] = query.rating;
    }
    const kept: Record<string, unknown>[] = [];
    // Reads until one answer past the page is in hand (so a full last page gets no empty successor),
    // the range ends, or the round trips run out.
    for (let round = 0; round < MAX_ROUNDS && kept.length <= page.limit; round++) {
      const out = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: range.IndexName,
          KeyConditionExpression: `${range.pk} = :p AND ${range.sk} BETWEEN :low AND :high`,
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: filters.length > 0 ? FILTERED_READ : page.limit + 1 - kept.length,
          ExclusiveStartKey: start,
        }),
      );
      kept.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    let nextCursor: string | null = encodeCursor(start);
    if (kept.length > page.limit) {
      // More than a page: the next one starts after the last answer shown, not after the last read.
      kept.length = page.limit;
      nextCursor = encodeCursor(keyOf(kept[page.limit - 1]!, range));
    }
    return { items: kept.map((item) => fromItem<SurveyResponse>(item) as SurveyResponse), nextCursor };
  }
}

/** The index key of an item, as DynamoDB's own LastEvaluatedKey would give it. */
function keyOf(item: Record<string, unknown>, range: { pk: string; sk: string }): Record<string, unknown> {
  return { PK: item.PK, SK: item.SK, [range.pk]: item[range.pk], [range.sk]: item[range.sk] };
}
