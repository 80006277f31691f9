import type { CoreDeps } from '../core/deps';
import { sendDueInvitations, type SendReport } from '../core/invitations/send-due';
import { raiseOverdueTasks, type OverdueReport } from '../core/tasks/overdue';

export interface SweepReport {
  at: string;
  invitations: SendReport;
  overdueTasks: OverdueReport;
}

/**
 * One sweep: everything that has come due since the last one: survey SMS to send (inside the send
 * window, retried with backoff), reminders to non-responders, links to mark expired, tasks gone
 * overdue. Runs every minute in the cloud
 * (EventBridge Scheduler) and every 30 s locally; safe to run twice at once, since every action
 * claims its item with a conditional write first. Reads only the DUE index, never the table.
 */
export async function runSweeper(deps: CoreDeps): Promise<SweepReport> {
  const at = deps.clock.now().toISOString();
  const invitations = await sendDueInvitations(deps);
  const overdueTasks = await raiseOverdueTasks(deps);
  return { at, invitations, overdueTasks };
}
