import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, TRANSACTION_ATTEMPTS } from '../../../functions/adapters/dynamodb/client';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/dynamodb-local';
import { freshTable } from '../../support/test-host';

/** A cancellation as DynamoDB sends it when another transaction held one of the items. */
function cancelled(code: 'TransactionConflict' | 'ConditionalCheckFailed') {
  return new TransactionCanceledException({ message: `Transaction cancelled (${code})`, $metadata: {}, CancellationReasons: [{ Code: code }] });
}

/** A document client on DynamoDB Local whose first `failures` transactions are cancelled with `code` before reaching it. */
async function clientFailing(failures: number, code: 'TransactionConflict' | 'ConditionalCheckFailed') {
  const { endpoint, tableName } = await freshTable('collide');
  const doc = documentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const seen = { transactions: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && seen.transactions++ < failures) throw cancelled(code);
      return next(args);
    },
    { step: 'build', name: 'testCollisions' },
  );
  const write = () =>
    doc.send(
      new TransactWriteCommand({
        TransactItems: [{ Update: { TableName: tableName, Key: { PK: 'COUNT#overall#day#2026-11-29', SK: 'all#work' }, UpdateExpression: 'ADD closed :one', ExpressionAttributeValues: { ':one': 1 } } }],
      }),
    );
  const closed = async () => (await doc.send(new GetCommand({ TableName: tableName, Key: { PK: 'COUNT#overall#day#2026-11-29', SK: 'all#work' } }))).Item?.closed;
  return { write, closed, seen };
}

describe('transactions that collide on a busy counter', () => {
  it('are sent again after a TransactionConflict and then written exactly once', async () => {
    const { write, closed, seen } = await clientFailing(2, 'TransactionConflict');
    await write();
    expect(seen.transactions).toBe(3);
    expect(await closed()).toBe(1);
  });

  it('let the collision through after the last attempt, having written nothing', async () => {
    const { write, closed, seen } = await clientFailing(TRANSACTION_ATTEMPTS, 'TransactionConflict');
    await expect(write()).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(seen.transactions).toBe(TRANSACTION_ATTEMPTS);
    expect(await closed()).toBeUndefined();
  });

  it('are never retried when a condition failed: that answer is the caller’s', async () => {
    const { write, seen } = await clientFailing(1, 'ConditionalCheckFailed');
    await expect(write()).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(seen.transactions).toBe(1);
  });
});
