import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest, ResponseStore, SurveyResponse } from '../../core/ports';
import { queryPage, type Table } from './client';
import { fromItem } from './items';
import { responseKey } from './keys';

/** Recorded survey answers, each stored beside its invitation. */
export class DynamoResponseStore implements ResponseStore {
  constructor(private readonly table: Table) {}

  async get(invitationId: string): Promise<SurveyResponse | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: responseKey(invitationId), ConsistentRead: true }));
    return fromItem<SurveyResponse>(out.Item);
  }

  /**
   * GSI3 `RESP`, SK between `RESP#from` and `RESP#to`: every response answered in `[from, to)`
   * (an answer at `to` sorts after `RESP#to`), oldest first, one page at a time.
   */
  answeredBetween(range: { from: string; to: string }, page: PageRequest): Promise<Page<SurveyResponse>> {
    return queryPage<SurveyResponse>(
      this.table,
      {
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :p AND GSI3SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': 'RESP', ':from': `RESP#${range.from}`, ':to': `RESP#${range.to}` },
      },
      { name: 'GSI3PK', value: 'RESP' },
      page,
    );
  }
}
