import type { Invitation } from '../../functions/core/invitations/invitation';
import { DeliveryState, invitationReason, invitationStatusLabel } from './delivery-state';
import { shanghaiDateTime } from './format';
import { label } from './labels';

/** The issue page's survey section: the closure's invitation, whether its SMS arrived, and why not. */
export function SurveySection(props: { invitation: Invitation; now: Date }) {
  const { invitation: inv, now } = props;
  const reason = invitationReason(inv);
  const facts: Array<[string, unknown]> = [
    ['状态', label(invitationStatusLabel, inv.status)],
    ['计划发送', inv.sentAt ? undefined : shanghaiDateTime(inv.sendAfter, now)],
    ['发送', inv.sentAt ? shanghaiDateTime(inv.sentAt, now) : undefined],
    ['短信', <DeliveryState invitation={inv} now={now} />],
    ['原因', reason || undefined],
    ['作答', inv.answeredAt ? shanghaiDateTime(inv.answeredAt, now) : undefined],
    ['链接有效至', inv.expiresAt && inv.status === 'sent' ? shanghaiDateTime(inv.expiresAt, now) : undefined],
  ];
  return (
    <section class="card" aria-label="满意度回访" data-invitation={inv.id}>
      <h2>满意度回访</h2>
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
    </section>
  );
}
