/**
 * `npm start`: the embedded default. DynamoDB Local (files under HUIFANG_DATA_DIR), the table from
 * the one definition, the demo seed (once), the Hono app on PORT, the sweeper every 30 s and the
 * local SMS outbox. Ctrl-C stops everything, Java included; the next start keeps the data.
 */
import { rm, writeFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { readCalendarOverrideFile } from '../../functions/adapters/calendar/override-file';
import { runSweeper } from '../../functions/jobs/sweeper';
import { DEMO_PASSWORD, demoUsers } from './demo-users';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, portTaken, startDynamoDbLocal, StartupError } from './dynamodb-local';
import { buildLocalHost } from './local-host';
import { endpointFile } from './reconcile-cli';
import { seedDemoHistory, seedDemoOrg } from './seed/demo-seed';
import { describeLargeSeed, seedLarge } from './seed/large-seed';
import { stageLargeSeed } from './seed/staged-large-seed';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HUIFANG_DATA_DIR: z.string().min(1).default('.data'),
  HUIFANG_DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HUIFANG_SEED: z.enum(['demo', 'none', 'large']).default('demo'),
  HUIFANG_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A JSON file of State Council notices (one object or an array) laid over the shipped calendar. */
  HUIFANG_CALENDAR_FILE: z.string().min(1).optional(),
});

const TABLE = 'huifang';

async function main() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new StartupError(`Bad setting: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const env = parsed.data;
  const calendarOverrides = env.HUIFANG_CALENDAR_FILE
    ? await readCalendarOverrideFile(env.HUIFANG_CALENDAR_FILE).catch((e: Error) => Promise.reject(new StartupError(e.message)))
    : [];

  const started = Date.now();
  const portTakenMessage = `Port ${env.PORT} is taken; stop what uses it or start with PORT=3001 npm start.`;
  if (await portTaken(env.PORT)) throw new StartupError(portTakenMessage);
  // The large seed of a fresh data folder is written before the real DynamoDB Local starts (see staged-large-seed.ts).
  const staged =
    env.HUIFANG_SEED === 'large'
      ? await stageLargeSeed({ dbDir: `${env.HUIFANG_DATA_DIR}/dynamodb`, tableName: TABLE, settings: { publicBaseUrl: `http://localhost:${env.PORT}`, calendarOverrides } })
      : undefined;
  const db = await startDynamoDbLocal({ dataDir: `${env.HUIFANG_DATA_DIR}/dynamodb`, ...(env.HUIFANG_DYNAMODB_PORT ? { port: env.HUIFANG_DYNAMODB_PORT } : {}) });
  const stopAll: Array<() => Promise<void> | void> = [() => db.stop()];
  // `npm run reconcile` finds this DynamoDB Local here while huifang runs, instead of starting a second one on the same files.
  await writeFile(endpointFile(env.HUIFANG_DATA_DIR), JSON.stringify({ endpoint: db.endpoint, pid: process.pid }));
  stopAll.push(() => rm(endpointFile(env.HUIFANG_DATA_DIR), { force: true }));
  const shutdown = async (code: number) => {
    for (const stop of stopAll.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const admin = new DynamoDBClient({ endpoint: db.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const table = await ensureTable(admin, TABLE);
    admin.destroy();

    const publicBaseUrl = `http://localhost:${env.PORT}`;
    const host = await buildLocalHost({ endpoint: db.endpoint, tableName: TABLE, dataDir: env.HUIFANG_DATA_DIR, settings: { publicBaseUrl, calendarOverrides } });
    // Zones, teams and enterprises first (a second), so that everyone can sign in at once; the
    // history follows in the background while the server already answers.
    const org = env.HUIFANG_SEED === 'demo' ? await seedDemoOrg(host) : 'none';
    // A data folder that already had a database gets the large seed in place (slower), unless it is seeded.
    const large = staged === 'not-fresh' ? await seedLarge(host) : staged;

    const server = await new Promise<ReturnType<typeof serve>>((done, fail) => {
      const s = serve({ fetch: host.app.fetch, port: env.PORT }, () => done(s));
      s.once('error', (e: NodeJS.ErrnoException) =>
        fail(e.code === 'EADDRINUSE' ? new StartupError(portTakenMessage) : e),
      );
    });
    stopAll.push(() => new Promise<void>((done) => server.close(() => done())));

    let sweeping = false;
    const sweep = async () => {
      if (sweeping) return;
      sweeping = true;
      try {
        const report = await runSweeper(host.core);
        if (report.invitations.sent > 0 || report.invitations.failed.length > 0) {
          console.log(`sweeper: ${report.invitations.sent} survey SMS sent to the outbox, ${report.invitations.failed.length} failed`);
        }
      } catch (error) {
        console.error(`sweeper failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        sweeping = false;
      }
    };
    // The sweeper starts once the history is in: it must not send the seed's past surveys for real.
    const startSweeper = async () => {
      await sweep();
      const timer = setInterval(() => void sweep(), env.HUIFANG_SWEEP_SECONDS * 1000);
      stopAll.push(() => clearInterval(timer));
    };
    const seeded = large
      ? large === 'already-seeded'
        ? 'large data      kept from an earlier start'
        : `large data      ${describeLargeSeed(large)}, in ${large.seconds} s`
      : org === 'seeded'
        ? 'demo data       seeding two months of history in the background (about 20 s)...'
        : org === 'already-seeded'
          ? 'demo data       kept from an earlier start'
          : 'demo data       none (HUIFANG_SEED=none)';
    if (org === 'seeded') {
      const seedStarted = Date.now();
      const history = seedDemoHistory(host);
      host.holdSweepsUntil(history);
      history
        .then(async (result) => {
          console.log(
            `demo data ready (${((Date.now() - seedStarted) / 1000).toFixed(1)} s): ${result.zones} zones, ${result.teams} teams, ${result.enterprises} enterprises, ${result.closed} closed issues (${result.answered} answered), ${result.open} open`,
          );
          await startSweeper();
        })
        .catch((error: unknown) => {
          console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}; delete ${env.HUIFANG_DATA_DIR} to start over`);
          return startSweeper();
        });
    } else {
      await startSweeper();
    }

    const users = await demoUsers(host.core.org);
    const sample = users.filter((u, i) => u.role !== 'team-member' || users.findIndex((x) => x.role === 'team-member') === i);
    console.log(
      [
        '',
        `huifang 回访 is running (${((Date.now() - started) / 1000).toFixed(1)} s): ${publicBaseUrl}`,
        `  DynamoDB Local  ${db.endpoint}  table ${TABLE} ${table === 'created' ? 'created' : 'kept'}, files in ${env.HUIFANG_DATA_DIR}/dynamodb`,
        `  ${seeded}`,
        `  sweeper         every ${env.HUIFANG_SWEEP_SECONDS} s (POST ${publicBaseUrl}/local/sweep to run it now)`,
        `  SMS outbox      ${publicBaseUrl}/local/outbox`,
        `  ledger webhook  POST ${publicBaseUrl}/api/v1/events/issue-closed, signed with the secret at ${publicBaseUrl}/local/webhook-secret`,
        `  API             ${publicBaseUrl}/api/v1/openapi.json`,
        `  demo users      ${publicBaseUrl}/local/demo-users  (password for all: ${DEMO_PASSWORD})`,
        ...sample.map((u) => `    ${u.role.padEnd(16)} ${u.username}`),
        `    team-member      member-<team id>, one for each of ${users.filter((u) => u.role === 'team-member').length} teams`,
        `  sign in         curl -s ${publicBaseUrl}/auth/token -H 'content-type: application/json' -d '{"username":"office","password":"${DEMO_PASSWORD}"}'`,
        'Press Ctrl-C to stop (DynamoDB Local stops too; data is kept).',
        '',
      ].join('\n'),
    );
  } catch (error) {
    await Promise.resolve(db.stop()).catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`huifang could not start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
