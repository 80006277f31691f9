import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { flagForReview } from './transitions';

export const RESOLUTION_MISMATCH = 'resolution-mismatch';

const said = { yes: '已解决', partly: '部分解决', no: '未解决' } as const;

/**
 * The two-sided check: once both the team's callback and the enterprise's own survey have said
 * whether the problem is solved, a flat contradiction (one says solved, the other not) reopens the
 * issue for the zone dispatcher, flagged. "Partly" contradicts nothing. Runs after either side
 * answers, so the order they come in does not matter.
 */
export async function checkResolutionAgreement(deps: CoreDeps, issueId: string): Promise<'agree' | 'flagged' | 'incomplete'> {
  const issue = await deps.issues.get(issueId);
  if (!issue || issue.status !== 'closed') return 'incomplete';
  const [task, response] = await Promise.all([
    issue.callbackTaskId ? deps.tasks.get(issue.callbackTaskId) : undefined,
    issue.invitationId ? deps.responses.get(issue.invitationId) : undefined,
  ]);
  const team = task?.status === 'done' ? task.enterpriseSaysResolved : undefined;
  const enterprise = response?.answers.resolved;
  if (!team || (enterprise !== 'yes' && enterprise !== 'no' && enterprise !== 'partly')) return 'incomplete';
  if (!((team === 'yes' && enterprise === 'no') || (team === 'no' && enterprise === 'yes'))) return 'agree';
  try {
    await flagForReview(deps, issue, RESOLUTION_MISMATCH, `回访记录「${said[team]}」，企业问卷「${said[enterprise]}」，请开发区分调度室核实。`);
  } catch (error) {
    // Someone moved the issue in the meantime: it is in human hands already.
    if (error instanceof DomainError && error.code === 'issue.changed') return 'incomplete';
    throw error;
  }
  return 'flagged';
}
