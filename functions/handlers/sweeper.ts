import { runSweeper } from '../jobs/sweeper';
import { loadCloudCoreDeps, readCloudEnv } from '../composition/cloud';

// Top-level await: the provider's keys are read from Secrets Manager once, in the init phase; a
// secret that cannot be read fails the cold start, so nothing is sent (or given up on) without them.
const deps = await loadCloudCoreDeps(readCloudEnv());

/** EventBridge Scheduler, every minute -> one sweep; the report goes to the logs. */
export async function handler() {
  const report = await runSweeper(deps);
  console.log(JSON.stringify({ level: 'info', message: 'sweep', ...report }));
  return report;
}
