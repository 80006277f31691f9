import { reconcile, yesterdayRange } from '../jobs/reconcile';
import { cloudCoreDeps, readCloudEnv } from '../composition/cloud';

const deps = cloudCoreDeps(readCloudEnv());

/** What the schedule sends (`{}`: yesterday, report only), or a run by hand: `{"from":"2026-11-01","to":"2026-11-30","repair":true}`. */
export interface ReconcileEvent {
  from?: string;
  to?: string;
  repair?: boolean;
}

/** EventBridge Scheduler, daily at 03:00 Shanghai -> yesterday's counters checked; the report goes to the logs as JSON. */
export async function handler(event: ReconcileEvent | null = {}) {
  const range = event?.from ? { from: event.from, to: event.to ?? event.from } : yesterdayRange(deps.clock.now());
  const report = await reconcile(deps, { ...range, repair: event?.repair === true });
  const left = report.differences.length - report.repaired;
  console.log(JSON.stringify({ level: left > 0 ? 'warn' : 'info', message: `reconcile: ${report.differences.length} differences, ${report.repaired} repaired`, ...report }));
  return report;
}
