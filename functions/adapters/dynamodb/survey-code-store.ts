import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CodeClaim, StoredSurveyCode, SurveyCodeStore } from '../../core/ports';
import type { Table } from './client';
import { isConditionFailure, toItem } from './items';
import { codeKey } from './keys';
import { invitationIdsAttributes, invitationIdsOf, linkTokenPut } from './link-items';

/**
 * The transaction item that stores a survey code with the claim that sends it: `CODE#<sha256>`
 * -> the invitation(s) (all of a bundle's members), no failures yet, dropped by TTL after `keepUntil`. Its condition fails on the
 * (rare, 2^-39.6 per live code) chance that the code is live already; the claim then fails and the
 * next sweep mints another.
 */
export function codeClaimPut(tableName: string, invitationIds: string[], code: CodeClaim) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...toItem('code', { ...invitationIdsAttributes(invitationIds), failures: 0 }, codeKey(code.hash)), ttl: Math.floor(code.keepUntil.getTime() / 1000) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Survey codes by hash: a lookup, and the wrong-digits count kept on the code item itself. */
export class DynamoSurveyCodeStore implements SurveyCodeStore {
  constructor(private readonly table: Table) {}

  async get(codeHash: string): Promise<StoredSurveyCode | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: codeKey(codeHash), ConsistentRead: true }));
    // TTL deletes late, which does no harm: by then the invitation itself says it has expired.
    const invitationIds = out.Item && invitationIdsOf(out.Item);
    return invitationIds ? { invitationIds, failures: Number(out.Item!.failures ?? 0) } : undefined;
  }

  async takeAttempt(codeHash: string, limit: number): Promise<number | undefined> {
    try {
      const out = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: codeKey(codeHash),
          ConditionExpression: 'attribute_exists(PK) AND failures < :limit',
          UpdateExpression: 'ADD failures :one',
          ExpressionAttributeValues: { ':limit': limit, ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.failures);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async giveBackAttempt(codeHash: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: codeKey(codeHash),
        ConditionExpression: 'attribute_exists(PK) AND failures > :zero',
        UpdateExpression: 'ADD failures :minusOne',
        ExpressionAttributeValues: { ':zero': 0, ':minusOne': -1 },
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }

  async addLinkToken(invitationIds: string[], tokenHash: string): Promise<void> {
    await this.table.doc.send(new PutCommand(linkTokenPut(this.table.name, tokenHash, invitationIds)));
  }
}
