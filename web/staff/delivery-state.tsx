import type { Invitation } from '../../functions/core/invitations/invitation';
import { shanghaiDateTime } from './format';
import { label } from './labels';

export const invitationStatusLabel: Record<string, string> = {
  scheduled: '待发送',
  sending: '发送中',
  sent: '已发送',
  answered: '已作答',
  expired: '已过期未作答',
  cancelled: '已撤回',
  suppressed: '未发送（已退订）',
  failed: '发送失败',
};

/** The lists the office reads, in the order the page shows them. */
export const listingLabel: Record<string, string> = { undelivered: '未送达', failed: '发送失败', suppressed: '已退订未发送', expired: '已过期未作答' };

/**
 * What the provider reported about the survey SMS, as the office reads it: 送达, 未送达 with the
 * provider's code, 未回执 (sent, no receipt yet or ever), or 未发送 when it never left huifang.
 */
export function deliveryStateOf(inv: Pick<Invitation, 'status' | 'sentAt' | 'delivery'>): { text: string; tone: 'done' | 'overdue' | '' } {
  if (inv.delivery?.status === 'delivered') return { text: '送达', tone: 'done' };
  if (inv.delivery?.status === 'undelivered') return { text: `未送达${inv.delivery.providerCode ? `（${inv.delivery.providerCode}）` : ''}`, tone: 'overdue' };
  return inv.sentAt ? { text: '未回执', tone: '' } : { text: '未发送', tone: '' };
}

/** The delivery state as a badge, with the receipt's time when there is one. */
export function DeliveryState(props: { invitation: Pick<Invitation, 'status' | 'sentAt' | 'delivery'>; now: Date }) {
  const state = deliveryStateOf(props.invitation);
  const at = props.invitation.delivery?.at;
  return (
    <span class={`badge ${state.tone}`.trim()} data-delivery={props.invitation.delivery?.status ?? (props.invitation.sentAt ? 'none' : 'unsent')}>
      {`短信${state.text}`}
      {at ? ` · ${shanghaiDateTime(at, props.now)}` : ''}
    </span>
  );
}

/** Why the office is looking at it: the provider's reason for a failure, the opt-out, or the receipt's code. */
export function invitationReason(inv: Invitation): string {
  if (inv.status === 'failed') return inv.failureReason ?? '';
  if (inv.status === 'suppressed') return inv.suppressedReason ?? '';
  if (inv.delivery?.status === 'undelivered') return `${label({ aws: 'AWS', aliyun: '阿里云', tencent: '腾讯云', webhook: '政务短信平台' }, inv.delivery.provider)}回执 ${inv.delivery.providerCode ?? ''}`.trim();
  return '';
}
