import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../core/ports';
import { decodeCursor, encodeCursor, fromItem } from './items';

/** The table and the document client every store uses. */
export interface Table {
  doc: DynamoDBDocumentClient;
  name: string;
}

/** A document client that drops `undefined` fields (optional entity fields). */
export function documentClient(config: DynamoDBClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** One page of a key-condition query, with the opaque cursor checked against the partition queried. */
export async function queryPage<T>(
  table: Table,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  partition: { name: string; value: string },
  page: { limit: number; cursor?: string },
): Promise<Page<T>> {
  const out = await table.doc.send(
    new QueryCommand({ ...input, TableName: table.name, Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, partition) }),
  );
  return { items: (out.Items ?? []).map((i) => fromItem<T>(i) as T), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** Every item of a key-condition query (for small, bounded partitions such as org lists and counters). */
export async function queryAll<T>(table: Table, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.doc.send(new QueryCommand({ ...input, TableName: table.name, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) items.push(fromItem<T>(item) as T);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
