import { runSweeper } from '../jobs/sweeper';
import { cloudCoreDeps, readCloudEnv } from '../deps';

const deps = cloudCoreDeps(readCloudEnv());

/** EventBridge Scheduler, every minute -> one sweep; the report goes to the logs. */
export async function handler() {
  const report = await runSweeper(deps);
  console.log(JSON.stringify({ level: 'info', message: 'sweep', ...report }));
  return report;
}
