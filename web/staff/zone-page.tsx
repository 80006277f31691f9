import type { Zone } from '../../functions/core/org/org';
import { IssueList, type IssueRow } from './issue-list';
import type { Flash } from './messages';
import { StaffLayout, type Viewer } from './staff-layout';
import { TaskCard, type TaskRow } from './task-card';

export interface ZonePageProps {
  viewer: Viewer;
  /** Offered to the office, which sees every zone; a dispatcher sees their own. */
  zones: Zone[];
  zoneId?: string | undefined;
  title: string;
  overdue: TaskRow[];
  escalated: IssueRow[];
  flagged: IssueRow[];
  now: Date;
  flash?: Flash;
}

/** `/app/zone`: the dispatcher's view of the zone's overdue tasks, escalations and flagged issues. */
export function ZonePage(props: ZonePageProps) {
  return (
    <StaffLayout title="调度" viewer={props.viewer} section="zone" flash={props.flash}>
      <h1>{props.title}</h1>
      {props.zones.length > 1 ? (
        <form method="get" action="/app/zone" class="card filters">
          <label class="field">
            开发区
            <select name="zoneId">
              <option value="">全部</option>
              {props.zones.map((z) => (
                <option value={z.id} selected={z.id === props.zoneId}>
                  {z.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
      ) : null}
      <section aria-label="逾期任务">
        <h2>逾期任务（{props.overdue.length}）</h2>
        {props.overdue.length === 0 ? <p class="muted card">没有逾期任务。</p> : props.overdue.map((row) => <TaskCard row={row} now={props.now} />)}
      </section>
      <section class="card" aria-label="上报待处理">
        <h2>上报待处理（{props.escalated.length}）</h2>
        <IssueList rows={props.escalated} now={props.now} empty="没有待处理的上报。" />
      </section>
      <section class="card" aria-label="标记待复核">
        <h2>标记待复核（{props.flagged.length}）</h2>
        <IssueList rows={props.flagged} now={props.now} empty="没有被标记的诉求。" />
      </section>
    </StaffLayout>
  );
}
