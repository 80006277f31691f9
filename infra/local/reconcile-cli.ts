/**
 * `npm run reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD [--repair]`: the reconciliation job against
 * the local table. It uses the DynamoDB Local of a running `npm start` (its endpoint is in
 * `<data dir>/dynamodb-endpoint.json`), or starts one on the data dir itself when none runs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../../functions/adapters/clock/clocks';
import { documentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoCounterStore } from '../../functions/adapters/dynamodb/counter-store';
import { DynamoResponseStore } from '../../functions/adapters/dynamodb/response-store';
import { reconcile, yesterdayRange, type ReconcileReport } from '../../functions/jobs/reconcile';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, StartupError } from './dynamodb-local';

/** Where `npm start` says its DynamoDB Local listens, while it runs. */
export const endpointFile = (dataDir: string) => join(dataDir, 'dynamodb-endpoint.json');

async function answers(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1, requestHandler: { requestTimeout: 2000 } });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** The endpoint of the running `npm start`, or of a DynamoDB Local started here on the data dir (stopped afterwards). */
async function localDynamoDb(dataDir: string): Promise<{ endpoint: string; stop(): Promise<void>; started: boolean }> {
  const recorded = await readFile(endpointFile(dataDir), 'utf8').then((text) => (JSON.parse(text) as { endpoint?: string }).endpoint, () => undefined);
  if (recorded && (await answers(recorded))) return { endpoint: recorded, stop: async () => undefined, started: false };
  const db = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  return { endpoint: db.endpoint, stop: () => db.stop(), started: true };
}

const numbers = (n: ReconcileReport['differences'][number]['expected']) =>
  `n=${n.n} sum=${n.sum} [${(['1', '2', '3', '4', '5'] as const).map((l) => n.counts[l]).join(' ')}]`;

/** The report as people read it: what was checked, each difference, and what was done. */
export function formatReconcileReport(report: ReconcileReport, repair: boolean): string {
  const lines = [
    `reconcile ${report.period.from}..${report.period.to} (months ${report.period.months.join(', ')} recounted whole)`,
    `  ${report.checkedResponses} responses read (${report.excludedResponses} excluded by appeals, not counted), ${report.comparedCounters} counters compared`,
  ];
  if (report.differences.length === 0) lines.push('  0 differences: the counters hold what the responses add up to');
  else {
    lines.push(`  ${report.differences.length} difference(s)  (levels [1 2 3 4 5])`);
    for (const d of report.differences) lines.push(`    ${d.key}\n      expected ${numbers(d.expected)}\n      actual   ${numbers(d.actual)}`);
    if (repair) lines.push(`  repaired ${report.repaired}${report.changedMeanwhile.length ? `; changed during the check, left alone (run again): ${report.changedMeanwhile.join(', ')}` : ''}`);
    else lines.push('  nothing changed; run again with --repair to set these counters to the recount');
  }
  return lines.join('\n');
}

/** Runs the command line; the exit code: 0 when no difference remains (none found, or all repaired), 1 otherwise, 2 on bad arguments. */
export async function runReconcileCli(argv: string[], env: Record<string, string | undefined>, print: (line: string) => void = console.log): Promise<number> {
  let options: { from?: string; to?: string; repair?: boolean };
  try {
    ({ values: options } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, repair: { type: 'boolean', default: false } } }));
  } catch (error) {
    print(`${(error as Error).message}\nusage: npm run reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD [--repair]`);
    return 2;
  }
  const yesterday = yesterdayRange(systemClock.now());
  const from = options.from ?? options.to ?? yesterday.from;
  const request = { from, to: options.to ?? (options.from ? from : yesterday.to), repair: options.repair === true };
  const dataDir = env.HUIFANG_DATA_DIR ?? '.data';
  const db = await localDynamoDb(dataDir);
  const doc = documentClient({ endpoint: db.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const table = { doc, name: env.HUIFANG_TABLE_NAME ?? 'huifang' };
  try {
    const report = await reconcile({ counters: new DynamoCounterStore(table), responses: new DynamoResponseStore(table) }, request);
    print(`${db.started ? `(no running npm start found: started DynamoDB Local on ${dataDir}/dynamodb)\n` : ''}${formatReconcileReport(report, request.repair)}`);
    return report.differences.length - report.repaired > 0 ? 1 : 0;
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: unknown[]; message: string }> }).issues;
    if (issues) {
      print(`bad arguments: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return 2;
    }
    if ((error as Error).name === 'ResourceNotFoundException') throw new StartupError(`No table ${table.name} under ${dataDir}: start huifang once with npm start.`);
    throw error;
  } finally {
    doc.destroy();
    await db.stop();
  }
}
