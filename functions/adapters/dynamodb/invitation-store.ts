import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../../core/invitations/invitation';
import type { AnswerWrite, InvitationStore } from '../../core/ports';
import type { CounterDelta } from '../../core/scoring/counters';
import type { Table } from './client';
import { counterUpdate } from './counter-updates';
import { fromItem, isConditionFailure, toItem } from './items';
import { DUE_PARTITION, dueSortKey, invitationKey, responseKeys, taskKeys, tokenKey } from './keys';

/** Survey invitations: the sweeper's claims and sends, token lookups, and the answer transaction. */
export class DynamoInvitationStore implements InvitationStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Invitation | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: invitationKey(id), ConsistentRead: true }));
    return fromItem<Invitation>(out.Item);
  }

  /** Reads the sparse DUE index up to `now`: only what needs action, never the table. */
  async due(now: Date, limit: number): Promise<Invitation[]> {
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: 'DUE',
        KeyConditionExpression: 'DUEPK = :p AND DUESK <= :now',
        ExpressionAttributeValues: { ':p': DUE_PARTITION, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => fromItem<Invitation>(i) as Invitation);
  }

  async claim(invitation: Invitation, claim: { tokenHash: string; leaseUntil: Date; now: Date }): Promise<boolean> {
    const lease = claim.leaseUntil.toISOString();
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: invitationKey(invitation.id),
                // Due and unclaimed, or claimed by a sweeper whose lease has lapsed.
                ConditionExpression: '(#status = :scheduled AND sendAfter <= :now) OR (#status = :sending AND leaseUntil <= :now)',
                UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, tokenHash = :hash, DUESK = :retry ADD attempts :one',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':scheduled': 'scheduled',
                  ':sending': 'sending',
                  ':now': claim.now.toISOString(),
                  ':lease': lease,
                  ':hash': claim.tokenHash,
                  ':retry': dueSortKey(lease, invitation.id),
                  ':one': 1,
                },
              },
            },
            {
              Put: {
                TableName: this.table.name,
                Item: toItem('token', { invitationId: invitation.id }, tokenKey(claim.tokenHash)),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  async markSent(invitation: Invitation, sent: { sentAt: Date; expiresAt: Date; counters: CounterDelta[] }): Promise<void> {
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table.name,
              Key: invitationKey(invitation.id),
              ConditionExpression: '#status = :sending AND tokenHash = :hash',
              UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, expiresAt = :expiresAt REMOVE leaseUntil, DUEPK, DUESK',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':sending': 'sending',
                ':sent': 'sent',
                ':hash': invitation.tokenHash,
                ':sentAt': sent.sentAt.toISOString(),
                ':expiresAt': sent.expiresAt.toISOString(),
              },
            },
          },
          ...sent.counters.map((delta) => counterUpdate(this.table.name, delta)),
        ],
      }),
    );
  }

  async byTokenHash(hash: string): Promise<Invitation | undefined> {
    const token = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: tokenKey(hash), ConsistentRead: true }));
    const invitationId = token.Item?.invitationId;
    return typeof invitationId === 'string' ? this.get(invitationId) : undefined;
  }

  /**
   * The answer in ONE transaction: the invitation -> answered only if it is open (sent, or being
   * sent) and not expired; the response; every counter ADD; and a rectification for a low score.
   */
  async recordAnswer(write: AnswerWrite): Promise<'recorded' | 'already_answered'> {
    const { invitation, response, counters, rectification } = write;
    const t = this.table.name;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: t,
                Key: invitationKey(invitation.id),
                ConditionExpression: '#status IN (:sending, :sent) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
                UpdateExpression: 'SET #status = :answered, answeredAt = :now REMOVE DUEPK, DUESK, leaseUntil',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':sending': 'sending', ':sent': 'sent', ':answered': 'answered', ':now': response.answeredAt },
              },
            },
            { Put: { TableName: t, Item: toItem('response', response, responseKeys(response)), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...counters.map((delta) => counterUpdate(t, delta)),
            ...(rectification
              ? [{ Put: { TableName: t, Item: toItem('task', rectification, taskKeys(rectification)), ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error, 0) || isConditionFailure(error, 1)) return 'already_answered';
      throw error;
    }
  }
}
