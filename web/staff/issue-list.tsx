import type { Issue } from '../../functions/core/ledger/issue';
import { shanghaiDay } from './format';
import { flagLabel, label, levelLabel, statusLabel } from './labels';

/** An issue with the names its row shows. */
export interface IssueRow {
  issue: Issue;
  enterpriseName?: string | undefined;
  teamName?: string | undefined;
}

/** The flags an issue carries (e.g. the two-sided check's `resolution-mismatch`); none on older issues. */
export const flagsOf = (issue: Issue): string[] => issue.flags ?? [];

/** The status badge, with the level while escalated. */
export function IssueStatus(props: { issue: Issue }) {
  const { issue } = props;
  return (
    <>
      <span class={issue.status === 'closed' ? 'badge done' : 'badge open'}>{label(statusLabel, issue.status)}</span>
      {issue.status !== 'closed' && issue.level && issue.level !== 'team' ? <span class="badge">{label(levelLabel, issue.level)}</span> : null}
      {flagsOf(issue).map((f) => (
        <span class="badge flag">{label(flagLabel, f)}</span>
      ))}
    </>
  );
}

/** A list of issues, each linking to its page. */
export function IssueList(props: { rows: IssueRow[]; now: Date; empty?: string }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty ?? '暂无诉求。'}</p>;
  return (
    <ul class="list">
      {props.rows.map(({ issue, enterpriseName, teamName }) => (
        <li data-issue={issue.id}>
          <a class="title" href={`/app/issues/${issue.id}`}>
            {issue.title}
          </a>
          <div>
            <IssueStatus issue={issue} />
          </div>
          <div class="muted">
            {[enterpriseName ?? issue.enterpriseId, teamName ?? issue.teamId, issue.category, `${shanghaiDay(issue.createdAt, props.now)} 登记`].join(' · ')}
          </div>
        </li>
      ))}
    </ul>
  );
}
