import type { CoreDeps } from '../../core/deps';
import type { Issue } from '../../core/ledger/issue';
import type { Team } from '../../core/org/org';
import type { CallbackTask } from '../../core/tasks/callback-task';
import type { IssueRow } from '../../../web/staff/issue-list';
import type { TaskRow } from '../../../web/staff/task-card';

/** Reads each id once however many rows name it. */
function once<T>(read: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (id) => {
    let value = seen.get(id);
    if (!value) seen.set(id, (value = read(id)));
    return value;
  };
}

/** Tasks with their enterprise (name, contact, phone) and the title of their issue. */
export function taskRows(core: CoreDeps, tasks: CallbackTask[]): Promise<TaskRow[]> {
  const enterprise = once((id) => core.org.getEnterprise(id));
  const issue = once((id) => core.issues.get(id));
  return Promise.all(tasks.map(async (task) => ({ task, enterprise: await enterprise(task.enterpriseId), issueTitle: (await issue(task.issueId))?.title })));
}

/** Issues with their enterprise's and team's names. */
export function issueRows(core: CoreDeps, issues: Issue[], teams: Team[]): Promise<IssueRow[]> {
  const enterprise = once((id) => core.org.getEnterprise(id));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return Promise.all(issues.map(async (issue) => ({ issue, enterpriseName: (await enterprise(issue.enterpriseId))?.name, teamName: teamName.get(issue.teamId) })));
}
