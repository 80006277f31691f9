import type { Enterprise } from '../../functions/core/org/org';
import type { CallbackTask } from '../../functions/core/tasks/callback-task';
import { isOverdue, shanghaiDateTime } from './format';
import { label, outcomeLabel, overdueLevelLabel, ratingLabel, resolvedLabel, taskKindLabel, taskStatusLabel } from './labels';
import { OutcomeForm } from './outcome-form';

/** A task with what its card shows beside it. */
export interface TaskRow {
  task: CallbackTask;
  enterprise?: Enterprise | undefined;
  issueTitle?: string | undefined;
}

function Done(props: { task: CallbackTask; now: Date }) {
  const { task, now } = props;
  const said = [label(outcomeLabel, task.outcome), label(resolvedLabel, task.enterpriseSaysResolved), task.rating ? `评价：${label(ratingLabel, String(task.rating))}` : ''];
  return (
    <p>
      {task.completedAt ? `${shanghaiDateTime(task.completedAt, now)} 由 ${task.completedBy ?? ''} 完成：` : ''}
      {said.filter(Boolean).join('，')}
    </p>
  );
}

/** One callback or rectification task: enterprise, tap-to-call, due date (overdue marked), and the outcome form while open. */
export function TaskCard(props: { row: TaskRow; now: Date; withForm?: boolean }) {
  const { task, enterprise, issueTitle } = props.row;
  const overdue = isOverdue(task, props.now);
  const attempts = task.attempts?.length ?? 0;
  return (
    <article class={overdue ? 'card task overdue' : 'card task'} id={`task-${task.id}`} data-status={task.status}>
      <p>
        <span class="badge">{label(taskKindLabel, task.kind)}</span>
        <span class={task.status === 'open' ? 'badge open' : 'badge done'}>{label(taskStatusLabel, task.status)}</span>
        {overdue ? <span class="badge overdue">已逾期</span> : null}
        {task.status === 'open' && task.overdueLevel ? <span class="badge">{label(overdueLevelLabel, task.overdueLevel)}</span> : null}
      </p>
      <h2>{enterprise?.name ?? task.enterpriseId}</h2>
      {issueTitle ? (
        <p class="muted">
          诉求：<a href={`/app/issues/${task.issueId}`}>{issueTitle}</a> · {task.category}
        </p>
      ) : null}
      {task.status === 'open' ? <p class="due">{shanghaiDateTime(task.dueAt, props.now)} 截止</p> : null}
      {task.status === 'done' ? <Done task={task} now={props.now} /> : null}
      {attempts > 0 && task.status === 'open' ? <p class="muted">已拨打 {attempts} 次未接通</p> : null}
      {enterprise && task.status === 'open' ? (
        <p>
          <a class="tel" href={`tel:${enterprise.contactPhone}`}>
            拨打 {enterprise.contactName} {enterprise.contactPhone}
          </a>
        </p>
      ) : null}
      {props.withForm && task.status === 'open' ? <OutcomeForm task={task} /> : null}
    </article>
  );
}
