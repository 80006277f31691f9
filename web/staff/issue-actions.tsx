import type { Principal } from '../../functions/core/auth/principal';
import type { Issue } from '../../functions/core/ledger/issue';
import { holdsIssue, levelAbove, levelBelow, levelOf, mayReopen } from '../../functions/core/ledger/levels';
import { levelLabel } from './labels';

export type IssueAction = 'start' | 'escalate' | 'bounce' | 'close' | 'reopen';

/**
 * The ledger actions `viewer` may take on `issue`, by the core's rules (levels.ts, transitions.ts);
 * the core checks again on every post, so this only decides which forms to show.
 */
export function actionsFor(viewer: Principal, issue: Issue): IssueAction[] {
  if (issue.status === 'closed') {
    return mayReopen(viewer, issue) ? ['reopen'] : [];
  }
  if (!holdsIssue(viewer, issue)) return [];
  const level = levelOf(issue);
  return [
    ...(issue.status === 'open' ? (['start'] as const) : []),
    ...(levelAbove(level) ? (['escalate'] as const) : []),
    ...(levelBelow(level) ? (['bounce'] as const) : []),
    'close' as const,
  ];
}

function NoteForm(props: { issue: Issue; action: IssueAction; summary: string; field: string; fieldText: string; button: string; children?: unknown }) {
  return (
    <details>
      <summary>{props.summary}</summary>
      <form method="post" action={`/app/issues/${props.issue.id}/${props.action}`}>
        {props.children}
        <label class="field">
          {props.fieldText}
          <textarea name={props.field} required maxlength={props.field === 'resolution' ? 4000 : 2000} />
        </label>
        <button type="submit">{props.button}</button>
      </form>
    </details>
  );
}

/** The forms of the actions the viewer may take, each a plain POST to `/app/issues/{id}/{action}`. */
export function IssueActions(props: { issue: Issue; actions: IssueAction[]; functionGroups: Array<{ id: string; name: string }> }) {
  const { issue, actions } = props;
  if (actions.length === 0) return null;
  const above = levelAbove(levelOf(issue));
  const below = levelBelow(levelOf(issue));
  return (
    <section class="card actions" aria-label="办理">
      <h2>办理</h2>
      {actions.includes('start') ? (
        <form method="post" action={`/app/issues/${issue.id}/start`}>
          <button type="submit">开始办理</button>
        </form>
      ) : null}
      {actions.includes('escalate') && above ? (
        <NoteForm issue={issue} action="escalate" summary={`上报至${levelLabel[above]}`} field="note" fieldText="上报说明（必填）" button="上报">
          {above === 'function-group' ? (
            <label class="field">
              服务功能组
              <select name="functionGroupId" required>
                {props.functionGroups.map((g) => (
                  <option value={g.id}>{g.name}</option>
                ))}
              </select>
            </label>
          ) : null}
        </NoteForm>
      ) : null}
      {actions.includes('bounce') && below ? (
        <NoteForm issue={issue} action="bounce" summary={`退单至${levelLabel[below]}`} field="reason" fieldText="退单理由（必填）" button="退单" />
      ) : null}
      {actions.includes('close') ? <NoteForm issue={issue} action="close" summary="办结" field="resolution" fieldText="办理结果（必填）" button="办结" /> : null}
      {actions.includes('reopen') ? <NoteForm issue={issue} action="reopen" summary="重新打开" field="reason" fieldText="重新打开的理由（必填）" button="重新打开" /> : null}
    </section>
  );
}
