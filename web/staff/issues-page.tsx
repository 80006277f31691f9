import { issueStatuses } from '../../functions/core/ledger/issue';
import type { Team, Zone } from '../../functions/core/org/org';
import { IssueList, type IssueRow } from './issue-list';
import { statusLabel } from './labels';
import type { Flash } from './messages';
import { FilterSelect } from './filter-select';
import { StaffLayout, type Viewer } from './staff-layout';

export interface IssueFilter {
  status?: string | undefined;
  zoneId?: string | undefined;
  teamId?: string | undefined;
}

/** The ledger's filters, a plain GET form: status for everyone, zone and team for those who see more than one. */
export function IssueFilters(props: { filter: IssueFilter; zones: Zone[]; teams: Team[] }) {
  return (
    <form method="get" action="/app/issues" class="card filters">
      <FilterSelect name="status" text="状态" value={props.filter.status} options={issueStatuses.map((s) => ({ value: s, text: statusLabel[s] ?? s }))} />
      {props.zones.length > 1 ? <FilterSelect name="zoneId" text="开发区" value={props.filter.zoneId} options={props.zones.map((z) => ({ value: z.id, text: z.name }))} /> : null}
      {props.teams.length > 1 ? <FilterSelect name="teamId" text="助企队" value={props.filter.teamId} options={props.teams.map((t) => ({ value: t.id, text: t.name }))} /> : null}
      <button type="submit" class="secondary">
        筛选
      </button>
    </form>
  );
}

/** `/app/issues`: the ledger (台账), filtered and paged. */
export function IssuesPage(props: { viewer: Viewer; filter: IssueFilter; zones: Zone[]; teams: Team[]; rows: IssueRow[]; now: Date; nextHref?: string | undefined; flash?: Flash }) {
  return (
    <StaffLayout title="台账" viewer={props.viewer} section="issues" flash={props.flash}>
      <h1>诉求台账</h1>
      <p>
        <a href="/app/issues/new">＋ 登记新诉求</a>
      </p>
      <IssueFilters filter={props.filter} zones={props.zones} teams={props.teams} />
      <div class="card">
        <IssueList rows={props.rows} now={props.now} empty="没有符合条件的诉求。" />
      </div>
      {props.nextHref ? (
        <p class="pager">
          <a href={props.nextHref}>下一页 →</a>
        </p>
      ) : null}
    </StaffLayout>
  );
}
