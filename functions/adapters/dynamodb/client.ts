import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../core/ports';
import { decodeCursor, encodeCursor, fromItem, isConditionFailure, isTransactionCollision } from './items';

/** The table and the document client every store uses. */
export interface Table {
  doc: DynamoDBDocumentClient;
  name: string;
}

/** A document client that drops `undefined` fields (optional entity fields) and retries colliding transactions. */
export function documentClient(config: DynamoDBClientConfig): DynamoDBDocumentClient {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  retryTransactionCollisions(doc);
  return doc;
}

/** Attempts of a transaction that only collided with another one, before the collision is let through. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * Every answer and every closure adds to the district's counters of the day, so two of them at the
 * same moment can cancel each other with `TransactionConflict` although neither condition failed.
 * Such a transaction wrote nothing, so it is sent again after a short random wait (up to
 * `TRANSACTION_ATTEMPTS` times). A transaction whose condition failed is never retried: that answer
 * (already closed, already answered) is the caller's to read.
 */
export function retryTransactionCollisions(doc: DynamoDBDocumentClient, wait = (attempt: number) => 10 * 2 ** attempt * Math.random()): void {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      for (let attempt = 1; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          if (attempt >= TRANSACTION_ATTEMPTS || !isTransactionCollision(error) || isConditionFailure(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, wait(attempt)));
        }
      }
    },
    { step: 'initialize', name: 'huifangRetryTransactionCollisions' },
  );
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
