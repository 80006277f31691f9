import type { LedgerEvent } from '../../functions/core/ledger/issue';
import { shanghaiDateTime } from './format';
import { actionLabel, label, levelLabel, roleLabel, statusLabel } from './labels';

/** The action of an event; events written before actions were recorded are read from their statuses. */
function actionOf(e: LedgerEvent): string {
  if (e.action) return e.action;
  if (e.from === null) return 'create';
  return e.to === 'closed' ? 'close' : e.from === 'closed' ? 'reopen' : e.to;
}

/** Where the event moved the issue: the level hop when there was one, else the status change. */
function hopOf(e: LedgerEvent): string {
  if (e.fromLevel && e.toLevel && e.fromLevel !== e.toLevel) return `${label(levelLabel, e.fromLevel)} → ${label(levelLabel, e.toLevel)}`;
  return e.from ? `${label(statusLabel, e.from)} → ${label(statusLabel, e.to)}` : label(statusLabel, e.to);
}

/**
 * The ledger's events of one issue, oldest first: who did what, in which role, from which level to
 * which, with their note, at Shanghai time.
 */
export function Timeline(props: { events: LedgerEvent[]; now: Date }) {
  const events = [...props.events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li data-action={actionOf(e)}>
          <div>
            <strong>{label(actionLabel, actionOf(e))}</strong> <span class="muted">{hopOf(e)}</span>
          </div>
          <div class="muted">
            <time datetime={e.at}>{shanghaiDateTime(e.at, props.now)}</time> · {e.by}（{label(roleLabel, e.role)}）
          </div>
          {e.note ? <p class="note">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
