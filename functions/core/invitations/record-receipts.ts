import type { InvitationStore } from '../ports';
import type { ParsedReceipts } from './delivery-receipts';
import type { SmsProvider } from './sms-send-error';

/** What became of a batch of receipts, as every receipt route answers it. */
export interface ReceiptCounts {
  recorded: number;
  /** Older than (or as old as) the receipt the invitation already holds: a duplicate or a late one. */
  stale: number;
  /** Named an invitation huifang does not have. */
  unknown: number;
  /** Not a final outcome, or naming no invitation (nor a message id huifang sent). */
  skipped: number;
}

/**
 * Records each parsed receipt of `provider` on its invitation. A receipt that names only the
 * provider's message id is matched through the lookup written when that message was sent; one that
 * matches nothing is skipped (a message sent before the lookup existed, or by another system).
 * Safe to run twice with the same batch: repeats come back `stale`.
 *
 * @example
 * const counts = await recordDeliveryReceipts(deps.invitations, 'tencent', parseWith(deliveryReceiptsSchema('tencent'), body));
 */
export async function recordDeliveryReceipts(invitations: InvitationStore, provider: SmsProvider, parsed: ParsedReceipts): Promise<ReceiptCounts> {
  const counts: ReceiptCounts = { recorded: 0, stale: 0, unknown: 0, skipped: parsed.skipped };
  for (const receipt of parsed.receipts) {
    const invitationId = receipt.invitationId ?? (receipt.providerMessageId ? await invitations.invitationOfMessage(provider, receipt.providerMessageId) : undefined);
    if (!invitationId) {
      counts.skipped++;
      continue;
    }
    counts[await invitations.recordDelivery(invitationId, receipt.providerMessageId, receipt.delivery)]++;
  }
  return counts;
}
