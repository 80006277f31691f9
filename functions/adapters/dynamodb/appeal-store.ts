import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Appeal, AppealStatus } from '../../core/appeals/appeal';
import type { Scope } from '../../core/auth/principal';
import type { AppealApproval, AppealStore, Page, PageRequest } from '../../core/ports';
import type { CounterDelta } from '../../core/scoring/counters';
import { queryPage, type Table } from './client';
import { counterUpdate } from './counter-updates';
import { appealItem } from './entity-items';
import { fromItem, isConditionFailure } from './items';
import { appealKey, appealStatusPrefix, responseKey, scopeIndex } from './keys';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Appeals against ratings. Filing and deciding are transactions over the appeal and its response
 * (the response carries `openAppealId` while an appeal is pending), and an approval also takes the
 * answer out of its counters; each holds only while the appeal is still pending.
 */
export class DynamoAppealStore implements AppealStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Appeal | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: appealKey(id), ConsistentRead: true }));
    return fromItem<Appeal>(out.Item);
  }

  list(scope: Scope, filter: { status?: AppealStatus }, page: PageRequest): Promise<Page<Appeal>> {
    const index = scopeIndex(scope, 'APPEAL');
    return queryPage<Appeal>(
      this.table,
      {
        IndexName: index.IndexName,
        KeyConditionExpression: `${index.pk} = :p AND begins_with(${index.sk}, :s)`,
        ExpressionAttributeValues: { ':p': index.value, ':s': `APPEAL#${filter.status ? appealStatusPrefix(filter.status) : ''}` },
      },
      { name: index.pk, value: index.value },
      page,
    );
  }

  async file(appeal: Appeal, counters: CounterDelta[] = []): Promise<boolean> {
    try {
      await this.transact([
        { Put: { TableName: this.table.name, Item: appealItem(appeal), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Update: {
            TableName: this.table.name,
            Key: responseKey(appeal.invitationId),
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(openAppealId) AND attribute_not_exists(excludedAt)',
            UpdateExpression: 'SET openAppealId = :id',
            ExpressionAttributeValues: { ':id': appeal.id },
          },
        },
        ...counters.map((delta) => counterUpdate(this.table.name, delta)),
      ]);
      return true;
    } catch (error) {
      if (isConditionFailure(error, 1)) return false;
      throw error;
    }
  }

  /**
   * ONE transaction: the appeal -> approved (only while pending), the response marked excluded
   * (only if this appeal is its open one and it is not excluded yet), and one answer of its score
   * subtracted from every counter it was added to.
   */
  async approve(write: AppealApproval): Promise<'approved' | 'already_decided'> {
    const { appeal } = write;
    return this.decide(appeal, 'approved', [
      {
        Update: {
          TableName: this.table.name,
          Key: responseKey(appeal.invitationId),
          ConditionExpression: 'openAppealId = :id AND attribute_not_exists(excludedAt)',
          UpdateExpression: 'SET excludedAt = :at, excludedBy = :by, appealId = :id REMOVE openAppealId',
          ExpressionAttributeValues: { ':id': appeal.id, ':at': appeal.decidedAt, ':by': appeal.decidedBy },
        },
      },
      ...write.counters.map((delta) => counterUpdate(this.table.name, delta)),
    ]);
  }

  async reject(appeal: Appeal): Promise<'rejected' | 'already_decided'> {
    return this.decide(appeal, 'rejected', [
      {
        Update: {
          TableName: this.table.name,
          Key: responseKey(appeal.invitationId),
          ConditionExpression: 'openAppealId = :id',
          UpdateExpression: 'REMOVE openAppealId',
          ExpressionAttributeValues: { ':id': appeal.id },
        },
      },
    ]);
  }

  /** Stores the decided appeal under the condition that it is still pending, together with `effects`. */
  private async decide<O extends 'approved' | 'rejected'>(appeal: Appeal, outcome: O, effects: TransactItems): Promise<O | 'already_decided'> {
    try {
      await this.transact([
        {
          Put: {
            TableName: this.table.name,
            Item: appealItem(appeal),
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending' },
          },
        },
        ...effects,
      ]);
      return outcome;
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'already_decided';
      if (isConditionFailure(error)) {
        // The appeal was pending, yet its response or a counter disagreed: the data is inconsistent, not the caller wrong.
        throw new Error(`appeal ${appeal.id}: its response or counters do not hold the appealed answer; nothing was changed`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * A transaction, tried again when it only collided with another transaction on a shared item
   * (two approvals of one team's answers touch the same counters). Conditions make a retry safe.
   */
  private async transact(items: TransactItems, attempts = 6): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.table.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (attempt >= attempts || !isTransactionConflict(error)) throw error;
        await sleep(10 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }
}

/** True when a transaction was cancelled only because another one held an item it touched. */
function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}
