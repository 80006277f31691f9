import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ResponseStore, SurveyResponse } from '../../core/ports';
import type { Table } from './client';
import { fromItem } from './items';
import { responseKey } from './keys';

/** Recorded survey answers, each stored beside its invitation. */
export class DynamoResponseStore implements ResponseStore {
  constructor(private readonly table: Table) {}

  async get(invitationId: string): Promise<SurveyResponse | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: responseKey(invitationId), ConsistentRead: true }));
    return fromItem<SurveyResponse>(out.Item);
  }
}
