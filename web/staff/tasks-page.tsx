import { isOverdue } from './format';
import type { Flash } from './messages';
import { StaffLayout, type Viewer } from './staff-layout';
import { TaskCard, type TaskRow } from './task-card';

/** `/app/tasks`: the team's callback and rectification tasks, open ones first by due date. */
export function TasksPage(props: { viewer: Viewer; rows: TaskRow[]; now: Date; nextHref?: string | undefined; flash?: Flash }) {
  const open = props.rows.filter((r) => r.task.status === 'open');
  const overdue = open.filter((r) => isOverdue(r.task, props.now)).length;
  return (
    <StaffLayout title="回访任务" viewer={props.viewer} section="tasks" flash={props.flash}>
      <h1>回访与整改任务</h1>
      <p class="muted">
        {props.nextHref ? "本页" : ""}待办 {open.length} 项{overdue > 0 ? `，其中逾期 ${overdue} 项` : ''}。按截止时间排序，时间均为北京时间。
      </p>
      {props.rows.length === 0 ? <p class="card">暂无任务。</p> : props.rows.map((row) => <TaskCard row={row} now={props.now} withForm />)}
      {props.nextHref ? (
        <p class="pager">
          <a href={props.nextHref}>下一页 →</a>
        </p>
      ) : null}
    </StaffLayout>
  );
}
