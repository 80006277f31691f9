import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimitStore } from '../../core/ports';
import type { Table } from './client';
import { rateKey } from './keys';

/** Fixed-window hit counters; DynamoDB's TTL clears old windows (the count never relies on it). */
export class DynamoRateLimitStore implements RateLimitStore {
  constructor(private readonly table: Table) {}

  async hit(key: string, windowStart: Date, expiresAt: Date): Promise<number> {
    const out = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: rateKey(key, windowStart.toISOString()),
        UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD hits :one',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':type': 'rate', ':ttl': Math.floor(expiresAt.getTime() / 1000), ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits ?? 1);
  }

  async count(key: string, windowStart: Date): Promise<number> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: rateKey(key, windowStart.toISOString()), ConsistentRead: true }));
    return Number(out.Item?.hits ?? 0);
  }
}
