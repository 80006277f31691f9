import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { CallbackTask, TaskKind, TaskStatus } from '../../core/tasks/callback-task';
import type { Page, PageRequest, TaskStore } from '../../core/ports';
import { queryPage, type Table } from './client';
import { fromItem, isConditionFailure, toItem } from './items';
import { scopeIndex, taskKey, taskKeys, taskStatusPrefix } from './keys';

/** Callback and rectification tasks. */
export class DynamoTaskStore implements TaskStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<CallbackTask | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: taskKey(id), ConsistentRead: true }));
    return fromItem<CallbackTask>(out.Item);
  }

  list(scope: Scope, filter: { kind?: TaskKind; status?: TaskStatus }, page: PageRequest): Promise<Page<CallbackTask>> {
    const index = scopeIndex(scope, 'TASK');
    return queryPage<CallbackTask>(
      this.table,
      {
        IndexName: index.IndexName,
        KeyConditionExpression: `${index.pk} = :p AND begins_with(${index.sk}, :s)`,
        // `kind` has two values and refines a page already narrowed by key; it is not worth an index.
        ...(filter.kind ? { FilterExpression: 'kind = :k' } : {}),
        ExpressionAttributeValues: {
          ':p': index.value,
          ':s': `TASK#${filter.status ? taskStatusPrefix(filter.status) : ''}`,
          ...(filter.kind ? { ':k': filter.kind } : {}),
        },
      },
      { name: index.pk, value: index.value },
      page,
    );
  }

  async complete(task: CallbackTask): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: toItem('task', task, taskKeys(task)),
          ConditionExpression: 'attribute_exists(PK) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
