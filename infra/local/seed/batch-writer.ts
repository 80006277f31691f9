import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../../functions/adapters/dynamodb/client';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/**
 * Puts `items` with BatchWriteItem: 25 per request, `lanes` requests in flight, and what DynamoDB
 * leaves unprocessed sent again after a growing pause (it throttles by handing items back, not by
 * failing). `onWritten` hears the running total after every request. Items must be distinct keys.
 */
export async function writeInBatches(
  table: Table,
  items: Array<Record<string, unknown>>,
  options: { lanes?: number; onWritten?: (written: number) => void } = {},
): Promise<number> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
  let next = 0;
  let written = 0;
  const lane = async () => {
    while (next < batches.length) {
      let pending = batches[next++] as WriteRequest[];
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(2000, 25 * 2 ** attempt));
        if (attempt > 12) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} tries`);
        const out = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } }));
        const left = (out.UnprocessedItems?.[table.name] ?? []) as WriteRequest[];
        written += pending.length - left.length;
        pending = left;
        options.onWritten?.(written);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 4) }, lane));
  return written;
}
