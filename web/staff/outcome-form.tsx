import type { CallbackTask } from '../../functions/core/tasks/callback-task';
import { outcomeLabel, ratingLabel, resolvedLabel } from './labels';

function Choices(props: { name: string; options: Array<[string, string]>; checked?: string; required?: boolean; stacked?: boolean }) {
  return (
    <div class={props.stacked ? 'levels' : 'choices'}>
      {props.options.map(([value, text]) => (
        <label class="choice">
          <input type="radio" name={props.name} value={value} required={props.required} checked={props.checked === value} />
          <span>{text}</span>
        </label>
      ))}
    </div>
  );
}

/**
 * The outcome of a callback or rectification, one plain POST to `/app/tasks/{id}/complete`. Optional
 * answers start on "not given" so a tap can always be taken back without JavaScript.
 */
export function OutcomeForm(props: { task: CallbackTask }) {
  const { task } = props;
  return (
    <details class="outcome">
      <summary>登记{task.kind === 'rectification' ? '整改' : '回访'}结果</summary>
      <form method="post" action={`/app/tasks/${task.id}/complete`}>
        <fieldset>
          <legend>回访结果</legend>
          <Choices name="outcome" options={Object.entries(outcomeLabel)} required stacked />
        </fieldset>
        <fieldset>
          <legend>企业认为问题是否解决</legend>
          <Choices name="enterpriseSaysResolved" options={[...Object.entries(resolvedLabel), ['', '未说明']]} checked="" />
        </fieldset>
        <fieldset>
          <legend>
            企业电话评价 <span class="muted">（可选）</span>
          </legend>
          <Choices name="rating" options={[...['5', '4', '3', '2', '1'].map((v): [string, string] => [v, ratingLabel[v] ?? v]), ['', '不评价']]} checked="" />
        </fieldset>
        {task.kind === 'rectification' ? (
          <>
            <label class="field">
              问题原因（必填）
              <textarea name="rootCause" required maxlength={2000} />
            </label>
            <label class="field">
              整改措施（必填）
              <textarea name="actionTaken" required maxlength={2000} />
            </label>
          </>
        ) : null}
        <label class="field">
          备注 <span class="muted">（可选）</span>
          <textarea name="note" maxlength={2000} />
        </label>
        <button type="submit">提交结果</button>
      </form>
    </details>
  );
}
