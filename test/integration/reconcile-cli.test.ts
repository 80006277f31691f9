import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client';
import { counterKey } from '../../functions/adapters/dynamodb/keys';
import type { CounterKey } from '../../functions/core/scoring/counters';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb-local';
import { endpointFile, runReconcileCli } from '../../infra/local/reconcile-cli';
import { freshTable } from '../support/test-host';

/** `npm run reconcile` against the DynamoDB Local a running `npm start` recorded in the data dir. */
describe('npm run reconcile', () => {
  let env: Record<string, string>;
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runReconcileCli(argv, env, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  };

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('cli');
    const dataDir = await mkdtemp(join(tmpdir(), 'huifang-reconcile-'));
    await writeFile(endpointFile(dataDir), JSON.stringify({ endpoint, pid: process.pid }));
    env = { HUIFANG_DATA_DIR: dataDir, HUIFANG_TABLE_NAME: tableName };
    // A counter holding an answer no response was recorded for.
    const key: CounterKey = { dimension: 'team', groupId: 'gaoxin-01', granularity: 'day', period: '2026-11-16', channel: 'sms' };
    const doc = documentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await doc.send(new PutCommand({ TableName: tableName, Item: { ...counterKey(key), ...key, type: 'counter', invited: 2, n: 1, sum: 4, c4: 1 } }));
    doc.destroy();
  });

  it('prints the difference and exits 1 without --repair, then repairs and exits 0, then finds nothing', async () => {
    const found = await run('--from', '2026-11-16', '--to', '2026-11-16');
    expect(found.code).toBe(1);
    expect(found.out).toContain('team#day#2026-11-16#gaoxin-01#sms');
    expect(found.out).toContain('expected n=0 sum=0 [0 0 0 0 0]');
    expect(found.out).toContain('actual   n=1 sum=4 [0 0 0 1 0]');
    expect(found.out).toContain('run again with --repair');
    expect((await run('--from', '2026-11-16', '--to', '2026-11-16')).code).toBe(1);

    const repaired = await run('--from', '2026-11-16', '--to', '2026-11-16', '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain('repaired 1');

    const clean = await run('--from', '2026-11-16', '--to', '2026-11-16');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('0 differences');
  });

  it('refuses bad dates with exit code 2', async () => {
    expect((await run('--from', '2026-11-31', '--to', '2026-11-16')).code).toBe(2);
    expect((await run('--since', 'x')).code).toBe(2);
  });
});
