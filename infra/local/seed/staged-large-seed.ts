import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Settings } from '../../../functions/core/settings';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../dynamodb-local';
import { buildLocalHost } from '../local-host';
import { seedLarge, type LargeSeedSummary } from './large-seed';
import type { LargeSeedSize } from './large-org';
import type { ProgressStream } from './progress';

/** The file DynamoDB Local keeps every table in when started with `-sharedDb`. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

/** A memory-backed folder when the system has one (/dev/shm on Linux), else the temp folder. */
function stagingBase(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/**
 * Seeds the large data set for a data folder that has no database yet. DynamoDB Local on disk
 * commits and syncs every item on its own, so its write rate is the disk's sync rate: about 1,000
 * items/s on an idle disk, 30 on a busy one. The seed is therefore written by a second DynamoDB
 * Local whose files live in memory (/dev/shm), and its database file is moved into `dbDir` before
 * the real one starts; it is the same file DynamoDB Local would have written. `not-fresh` when
 * `dbDir` already holds a database: the caller seeds that in place (`seedLarge`), or finds it seeded.
 */
export async function stageLargeSeed(options: {
  dbDir: string;
  tableName: string;
  settings?: Partial<Settings>;
  size?: LargeSeedSize;
  progress?: ProgressStream;
}): Promise<LargeSeedSummary | 'not-fresh'> {
  const target = join(options.dbDir, SHARED_DB_FILE);
  if (existsSync(target)) return 'not-fresh';
  const staging = await mkdtemp(join(stagingBase(), 'huifang-seed-'));
  const db = await startDynamoDbLocal({ dataDir: staging }).catch(async (error: unknown) => {
    await rm(staging, { recursive: true, force: true });
    throw error;
  });
  // Ctrl-C while staging: stop the staging DynamoDB Local and drop its files, leaving the data folder as it was.
  const interrupted = () => void db.stop().finally(() => rm(staging, { recursive: true, force: true }).finally(() => process.exit(130)));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const admin = new DynamoDBClient({ endpoint: db.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await ensureTable(admin, options.tableName);
    admin.destroy();
    const host = await buildLocalHost({ endpoint: db.endpoint, tableName: options.tableName, ...(options.settings ? { settings: options.settings } : {}) });
    const summary = await seedLarge(host, { ...(options.size ? { size: options.size } : {}), ...(options.progress ? { progress: options.progress } : {}) });
    host.close();
    await db.stop();
    if (summary === 'already-seeded') throw new Error('a fresh staging table was already seeded');
    await mkdir(options.dbDir, { recursive: true });
    // Copied beside the target and renamed, so a crash never leaves half a database in the data folder.
    await copyFile(join(staging, SHARED_DB_FILE), `${target}.partial`);
    await rename(`${target}.partial`, target);
    return summary;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await db.stop();
    await rm(staging, { recursive: true, force: true });
  }
}
