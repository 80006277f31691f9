import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let db: DynamoDbLocal | undefined;

/** One DynamoDB Local for the whole run, in memory on a free port; each test file makes its own table. */
export async function setup(project: TestProject) {
  db = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', db.endpoint);
}

export async function teardown() {
  await db?.stop();
}
