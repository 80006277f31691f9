import type { CoreDeps } from '../core/deps';
import { invitationView } from '../core/invitations/invitation';
import type { Closure } from '../core/ledger/close-issue';
import { deadlineWarnings } from '../core/scheduling/calendar-year';

/**
 * The answer to a close, the same whoever closed: the issue, its callback task, the invitation as
 * staff may see it, and a warning when the due date was counted without the year's official calendar.
 */
export function closureBody(core: CoreDeps, closure: Closure) {
  const warnings = deadlineWarnings(core.calendar, new Date(closure.issue.closedAt ?? closure.callbackTask.createdAt), new Date(closure.callbackTask.dueAt));
  return {
    issue: closure.issue,
    callbackTask: closure.callbackTask,
    invitation: invitationView(closure.invitation),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
