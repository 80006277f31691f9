import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { Issue, IssueStatus, LedgerEvent } from '../../core/ledger/issue';
import type { ClosureWrite, IssueStore, Page, PageRequest } from '../../core/ports';
import { queryAll, queryPage, type Table } from './client';
import { fromItem, isConditionFailure, toItem } from './items';
import { invitationKeys, issueKey, issueKeys, ledgerEventKey, scopeIndex, taskKeys } from './keys';

/** The ledger: issues and their events. */
export class DynamoIssueStore implements IssueStore {
  constructor(private readonly table: Table) {}

  async create(issue: Issue, event: LedgerEvent): Promise<void> {
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table.name, Item: toItem('issue', issue, issueKeys(issue)), ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: this.table.name, Item: toItem('event', event, ledgerEventKey(issue.id, event.id)) } },
        ],
      }),
    );
  }

  async get(id: string): Promise<Issue | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: issueKey(id), ConsistentRead: true }));
    return fromItem<Issue>(out.Item);
  }

  list(scope: Scope, status: IssueStatus | undefined, page: PageRequest): Promise<Page<Issue>> {
    const index = scopeIndex(scope, 'ISSUE');
    return queryPage<Issue>(
      this.table,
      {
        IndexName: index.IndexName,
        KeyConditionExpression: `${index.pk} = :p AND begins_with(${index.sk}, :s)`,
        ExpressionAttributeValues: { ':p': index.value, ':s': status ? `ISSUE#${status}#` : 'ISSUE#' },
        // Descending: open, in_progress, escalated, closed; newest first within each.
        ScanIndexForward: false,
      },
      { name: index.pk, value: index.value },
      page,
    );
  }

  events(issueId: string): Promise<LedgerEvent[]> {
    const key = ledgerEventKey(issueId, '');
    return queryAll<LedgerEvent>(this.table, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
      ExpressionAttributeValues: { ':p': key.PK, ':s': key.SK },
      ConsistentRead: true,
    });
  }

  /**
   * Issue -> closed, callback task, invitation and ledger event in ONE transaction. The issue is
   * written only if it is still as it was read (same `updatedAt`), so of two racing closes exactly
   * one commits and the other learns `already_closed`.
   */
  async close(write: ClosureWrite, previous: Issue): Promise<'closed' | 'already_closed'> {
    const { issue, task, invitation, event } = write;
    const t = this.table.name;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: t,
                Item: toItem('issue', issue, issueKeys(issue)),
                ConditionExpression: 'attribute_exists(PK) AND updatedAt = :was AND #status <> :closed',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':was': previous.updatedAt, ':closed': 'closed' },
              },
            },
            { Put: { TableName: t, Item: toItem('task', task, taskKeys(task)), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: t, Item: toItem('invitation', invitation, invitationKeys(invitation)), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: t, Item: toItem('event', event, ledgerEventKey(issue.id, event.id)) } },
          ],
        }),
      );
      return 'closed';
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'already_closed';
      throw error;
    }
  }
}
