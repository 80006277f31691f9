/**
 * The ONE definition of the huifang table: key attributes and indexes. CDK (`infra/cloud`) and the
 * local host (`infra/local`) both build the table from this, so code and infrastructure cannot drift.
 * Every access pattern that uses these keys is named in `keys.ts`.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** What the index answers, for readers of the template and of this file. */
  purpose: string;
}

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes expired housekeeping items (rate-limit windows). Never used for logic. */
  timeToLiveAttribute: 'ttl',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', purpose: "a team's issues, tasks and responses" },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', purpose: "a zone's issues, tasks and responses" },
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK', purpose: 'district-wide lists by entity type' },
    { indexName: 'DUE', partitionKey: 'DUEPK', sortKey: 'DUESK', purpose: 'what the sweeper must act on, by due time (sparse)' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** The CreateTable request for DynamoDB Local (and tests), from the one definition. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition;
  const attributes = [partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
