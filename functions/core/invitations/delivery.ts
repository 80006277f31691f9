import type { SmsProvider } from './sms-send-error';

/**
 * What the provider finally reported about an SMS that left huifang: it reached the handset
 * (`delivered`) or the network gave up (`undelivered`, with the provider's code such as
 * `UNDELIV`, `MK:0001`, `TEXT_CARRIER_UNREACHABLE`). Kept on the invitation, apart from its status:
 * an undelivered survey may still have been answered from a reminder.
 */
export interface Delivery {
  status: 'delivered' | 'undelivered';
  /** When the provider says it happened (UTC ISO-8601). */
  at: string;
  provider: SmsProvider;
  providerCode?: string;
  providerMessageId?: string;
}

/** One delivery receipt as a provider reported it, already mapped to huifang's terms. */
export interface DeliveryReceipt {
  /**
   * The invitation the provider echoed back (Aliyun `out_id`, Tencent `ext`, AWS `context`, the
   * webhook's own field); absent when the receipt names only the provider's message id, which is
   * then looked up (`InvitationStore.invitationOfMessage`).
   */
  invitationId?: string;
  providerMessageId?: string;
  delivery: Delivery;
}
