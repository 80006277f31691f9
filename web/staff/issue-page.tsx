import type { Principal } from '../../functions/core/auth/principal';
import type { Invitation } from '../../functions/core/invitations/invitation';
import type { Issue, LedgerEvent } from '../../functions/core/ledger/issue';
import type { Enterprise } from '../../functions/core/org/org';
import { shanghaiDateTime } from './format';
import { actionsFor, IssueActions } from './issue-actions';
import { IssueStatus } from './issue-list';
import { label, levelLabel } from './labels';
import type { Flash } from './messages';
import { StaffLayout } from './staff-layout';
import { SurveySection } from './survey-section';
import { Timeline } from './timeline';

export interface IssuePageProps {
  viewer: Principal;
  issue: Issue;
  events: LedgerEvent[];
  enterprise?: Enterprise | undefined;
  teamName?: string | undefined;
  functionGroups: Array<{ id: string; name: string }>;
  /** The closure's survey invitation, if the issue was closed with one. */
  invitation?: Invitation | undefined;
  now: Date;
  flash?: Flash;
}

/** `/app/issues/{id}`: the issue, what the viewer may do with it, and its timeline of ledger events. */
export function IssuePage(props: IssuePageProps) {
  const { issue, enterprise, now } = props;
  const group = props.functionGroups.find((g) => g.id === issue.functionGroupId);
  const facts: Array<[string, unknown]> = [
    ['企业', enterprise?.name ?? issue.enterpriseId],
    ['联系人', enterprise ? <a href={`tel:${enterprise.contactPhone}`}>{`${enterprise.contactName} ${enterprise.contactPhone}`}</a> : undefined],
    ['助企队', props.teamName ?? issue.teamId],
    ['类别', issue.category],
    ['当前层级', issue.status === 'closed' ? undefined : label(levelLabel, issue.level ?? 'team') + (group ? `（${group.name}）` : '')],
    ['登记', `${shanghaiDateTime(issue.createdAt, now)} · ${issue.createdBy}`],
    ['办结', issue.closedAt ? `${shanghaiDateTime(issue.closedAt, now)} · ${issue.closedBy ?? ''}` : undefined],
    ['退单次数', issue.bounceBacks ? String(issue.bounceBacks) : undefined],
    ['重新打开次数', issue.reopenCount ? String(issue.reopenCount) : undefined],
  ];
  return (
    <StaffLayout title={issue.title} viewer={props.viewer} section="issues" flash={props.flash}>
      <p>
        <a href="/app/issues">← 台账</a>
      </p>
      <h1>{issue.title}</h1>
      <p>
        <IssueStatus issue={issue} />
      </p>
      <section class="card">
        <dl class="facts">
          {facts
            .filter(([, value]) => value !== undefined && value !== '')
            .map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </>
            ))}
        </dl>
        {issue.description ? <p class="pre">{issue.description}</p> : null}
        {issue.resolution ? <p class="pre">办理结果：{issue.resolution}</p> : null}
      </section>
      {props.invitation ? <SurveySection invitation={props.invitation} now={now} /> : null}
      <IssueActions issue={issue} actions={actionsFor(props.viewer, issue)} functionGroups={props.functionGroups} />
      <section class="card" aria-label="办理记录">
        <h2>办理记录</h2>
        <Timeline events={props.events} now={now} />
      </section>
    </StaffLayout>
  );
}
