import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { Issue, IssueStatus, LedgerEvent } from '../../core/ledger/issue';
import { DomainError } from '../../core/errors';
import type { ClosureWrite, ExternalRef, IssueStore, Page, PageRequest, TransitionWrite } from '../../core/ports';
import { queryAll, queryPage, type Table } from './client';
import { bundleWriteItems } from './survey-bundle-store';
import { eventItem, invitationItem, issueItem, taskItem } from './entity-items';
import { fromItem, isConditionFailure, toItem } from './items';
import { counterUpdate } from './counter-updates';
import { externalRefKey, invitationKey, issueKey, ledgerEventKey, scopeIndex } from './keys';

/** The condition that the stored issue is still the version that was read (0 for issues stored without one). */
const unchangedSince = {
  expression: 'attribute_exists(PK) AND (version = :was OR (attribute_not_exists(version) AND :was = :zero))',
  values: (previous: Issue) => ({ ':was': previous.version ?? 0, ':zero': 0 }),
};

/** The ledger: issues and their events. */
export class DynamoIssueStore implements IssueStore {
  constructor(private readonly table: Table) {}

  async create(issue: Issue, event: LedgerEvent, externalRef?: ExternalRef): Promise<void> {
    const claim = externalRef && { ...externalRef, issueId: issue.id, createdAt: issue.createdAt };
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table.name, Item: issueItem(issue), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: this.table.name, Item: eventItem(event) } },
            ...(claim
              ? [{ Put: { TableName: this.table.name, Item: toItem('external-ref', claim, externalRefKey(claim.source, claim.externalId)), ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (!externalRef || !isConditionFailure(error, 2)) throw error;
      const holder = await this.issueIdByExternalRef(externalRef);
      throw new DomainError('issue.duplicate', `${externalRef.source} ${externalRef.externalId} is already issue ${holder}.`, { issueId: holder });
    }
  }

  async issueIdByExternalRef(ref: ExternalRef): Promise<string | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: externalRefKey(ref.source, ref.externalId), ConsistentRead: true }));
    return fromItem<{ issueId: string }>(out.Item)?.issueId;
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
   * Issue -> closed, callback task, invitation, ledger event and work counters in ONE transaction. The issue is
   * written only if it is still the version that was read, so of two racing closes exactly one
   * commits and the other learns `already_closed`.
   */
  async close(write: ClosureWrite, previous: Issue): Promise<'closed' | 'already_closed' | 'bundle_changed'> {
    const { issue, task, invitation, event, bundle, counters = [] } = write;
    const t = this.table.name;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: t,
                Item: issueItem(issue),
                ConditionExpression: `${unchangedSince.expression} AND #status <> :closed`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ...unchangedSince.values(previous), ':closed': 'closed' },
              },
            },
            { Put: { TableName: t, Item: taskItem(task), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...(invitation
              ? [{ Put: { TableName: t, Item: invitationItem(invitation), ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
            { Put: { TableName: t, Item: eventItem(event) } },
            ...counters.map((delta) => counterUpdate(t, delta)),
            // Last, so the indexes above stay as they were: the enterprise's survey state and its bundle.
            ...(bundle ? bundleWriteItems(t, bundle) : []),
          ],
        }),
      );
      return 'closed';
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'already_closed';
      if (bundle && isConditionFailure(error)) return 'bundle_changed';
      throw error;
    }
  }

  /**
   * One ledger hop in ONE transaction: the issue (only if unchanged since read), its event, and
   * the survey and callback it withdraws (only if still pending, so a survey already on its way
   * is never marked cancelled).
   */
  async transition(write: TransitionWrite): Promise<'done' | 'conflict'> {
    const { issue, previous, event, cancel, counters = [] } = write;
    const t = this.table.name;
    const withdrawn = [
      ...(cancel?.invitation
        ? [
            {
              Update: {
                TableName: t,
                Key: invitationKey(cancel.invitation.id),
                ConditionExpression: '#status = :scheduled',
                UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at REMOVE DUEPK, DUESK',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':scheduled': 'scheduled', ':cancelled': 'cancelled', ':at': event.at },
              },
            },
          ]
        : []),
      ...(cancel?.task
        ? [
            {
              Put: {
                TableName: t,
                Item: taskItem({ ...cancel.task, status: 'cancelled' }),
                ConditionExpression: '#status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':open': 'open' },
              },
            },
          ]
        : []),
    ];
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: t,
                Item: issueItem(issue),
                ConditionExpression: unchangedSince.expression,
                ExpressionAttributeValues: unchangedSince.values(previous),
              },
            },
            { Put: { TableName: t, Item: eventItem(event) } },
            ...withdrawn,
            ...counters.map((delta) => counterUpdate(t, delta)),
          ],
        }),
      );
      return 'done';
    } catch (error) {
      if (isConditionFailure(error)) return 'conflict';
      throw error;
    }
  }
}
