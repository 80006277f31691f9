/**
 * `npm run bench`: starts DynamoDB Local in memory, runs every bench against fresh tables, and
 * prints one table of medians and ratios measured side by side in this run. No pass or fail:
 * absolute times depend on the machine and its load, the ratios much less.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { buildLocalHost } from '../infra/local/local-host';
import { benchScoreReport } from './score-report.bench';
import { benchSeeding } from './seeding.bench';
import { table, type BenchRow } from './timing';

const started = Date.now();
const db = await startDynamoDbLocal({});
try {
  const admin = new DynamoDBClient({ endpoint: db.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const fresh = async () => {
    const tableName = `bench-${randomUUID().slice(0, 8)}`;
    await ensureTable(admin, tableName);
    return buildLocalHost({ endpoint: db.endpoint, tableName });
  };
  const rows: BenchRow[] = [];
  for (const [name, bench] of [
    ['score report', () => benchScoreReport(fresh)],
    ['seeding', () => benchSeeding(fresh)],
  ] as const) {
    process.stderr.write(`bench: ${name}...\n`);
    rows.push(...(await bench()));
  }
  admin.destroy();
  console.log(table(rows));
  console.log(`(DynamoDB Local in memory; medians; ratio against the first line of each bench and size; ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
} finally {
  await db.stop();
}
