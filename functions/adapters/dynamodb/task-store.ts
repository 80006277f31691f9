import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { CallbackTask, OverdueLevel, TaskKind, TaskStatus } from '../../core/tasks/callback-task';
import type { Page, PageRequest, TaskEffects, TaskStore } from '../../core/ports';
import type { CounterDelta } from '../../core/scoring/counters';
import { queryPage, type Table } from './client';
import { counterUpdate } from './counter-updates';
import { invitationItem, taskItem } from './entity-items';
import { fromItem, isConditionFailure, isTransactionCollision } from './items';
import { scopeIndex, TASK_DUE_PARTITION, taskDueSortKey, taskKey, taskStatusPrefix } from './keys';
import { bundleWriteItems } from './survey-bundle-store';

/** Callback and rectification tasks. */
export class DynamoTaskStore implements TaskStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<CallbackTask | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: taskKey(id), ConsistentRead: true }));
    return fromItem<CallbackTask>(out.Item);
  }

  list(scope: Scope, filter: { kind?: TaskKind; status?: TaskStatus; overdueAt?: Date }, page: PageRequest): Promise<Page<CallbackTask>> {
    const index = scopeIndex(scope, 'TASK');
    const open = `TASK#${taskStatusPrefix('open')}`;
    // Overdue = open and due before now: a range of the sort key (open first, then by due time).
    const range = filter.overdueAt
      ? { condition: `${index.sk} BETWEEN :s AND :e`, values: { ':s': open, ':e': `${open}${filter.overdueAt.toISOString()}` } }
      : { condition: `begins_with(${index.sk}, :s)`, values: { ':s': `TASK#${filter.status ? taskStatusPrefix(filter.status) : ''}` } };
    return queryPage<CallbackTask>(
      this.table,
      {
        IndexName: index.IndexName,
        KeyConditionExpression: `${index.pk} = :p AND ${range.condition}`,
        // `kind` has two values and refines a page already narrowed by key; it is not worth an index.
        ...(filter.kind ? { FilterExpression: 'kind = :k' } : {}),
        ExpressionAttributeValues: { ':p': index.value, ...range.values, ...(filter.kind ? { ':k': filter.kind } : {}) },
      },
      { name: index.pk, value: index.value },
      page,
    );
  }

  async complete(task: CallbackTask, effects: TaskEffects = {}): Promise<boolean> {
    const t = this.table.name;
    const { followUpTask, followUpInvitation } = effects;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: t,
                Item: taskItem(task),
                // Raised or not must be as read: the sweeper counts a raised task late, completion counts the others.
                ConditionExpression: `attribute_exists(PK) AND #status = :open AND ${task.overdueLevel ? 'attribute_exists' : 'attribute_not_exists'}(overdueLevel)`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':open': 'open' },
              },
            },
            ...(effects.counters ?? []).map((delta) => counterUpdate(t, delta)),
            ...(followUpTask ? [{ Put: { TableName: t, Item: taskItem(followUpTask), ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
            ...(followUpInvitation
              ? [{ Put: { TableName: t, Item: invitationItem(followUpInvitation), ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
            ...(effects.bundle ? bundleWriteItems(t, effects.bundle) : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0) || (effects.bundle && isConditionFailure(error))) return false;
      throw error;
    }
  }

  async recordAttempt(task: CallbackTask, previousAttempts: number): Promise<boolean> {
    const attempt = task.attempts?.[previousAttempts];
    if (!attempt) throw new Error('recordAttempt needs the new attempt at the end of task.attempts');
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: taskKey(task.id),
          ConditionExpression: '#status = :open AND ((attribute_not_exists(attempts) AND :n = :zero) OR size(attempts) = :n)',
          UpdateExpression: 'SET attempts = list_append(if_not_exists(attempts, :empty), :attempt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':n': previousAttempts, ':zero': 0, ':empty': [], ':attempt': [attempt] },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Reads the sparse DUE index for tasks up to `now`: only what is overdue and not yet raised as far as it goes. */
  async overdue(now: Date, limit: number): Promise<CallbackTask[]> {
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: 'DUE',
        KeyConditionExpression: 'DUEPK = :p AND DUESK <= :now',
        ExpressionAttributeValues: { ':p': TASK_DUE_PARTITION, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => fromItem<CallbackTask>(i) as CallbackTask);
  }

  /** The overdue step and its work counters (late, on the first raise) in ONE transaction. */
  async markOverdue(raised: CallbackTask, previous: OverdueLevel | undefined, counters: CounterDelta[] = []): Promise<boolean> {
    const next = raised.nextOverdueCheckAt;
    const t = this.table.name;
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: t,
                Key: taskKey(raised.id),
                ConditionExpression: `#status = :open AND ${previous ? 'overdueLevel = :previous' : 'attribute_not_exists(overdueLevel)'}`,
                UpdateExpression: next
                  ? 'SET overdueLevel = :level, overdueAt = :at, nextOverdueCheckAt = :next, DUESK = :due'
                  : 'SET overdueLevel = :level, overdueAt = :at REMOVE nextOverdueCheckAt, DUEPK, DUESK',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':open': 'open',
                  ':level': raised.overdueLevel,
                  ':at': raised.overdueAt,
                  ...(previous ? { ':previous': previous } : {}),
                  ...(next ? { ':next': next, ':due': taskDueSortKey(next, raised.id) } : {}),
                },
              },
            },
            ...counters.map((delta) => counterUpdate(t, delta)),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Another sweeper raced for it, or another transaction held a counter: the next sweep tries again.
      if (isConditionFailure(error, 0) || isTransactionCollision(error)) return false;
      throw error;
    }
  }
}
