import type { SNSEvent } from 'aws-lambda';
import { deliveryReceiptsSchema } from '../core/invitations/delivery-receipts';
import { recordDeliveryReceipts, type ReceiptCounts } from '../core/invitations/record-receipts';
import type { InvitationStore } from '../core/ports';

/** What one batch of SNS notifications did; `malformed` counts messages that are no End User Messaging event. */
export type SmsEventReport = ReceiptCounts & { malformed: number };

/**
 * AWS End User Messaging SMS delivery events, as the configuration set's SNS event destination
 * publishes them (one event JSON per notification's `Message`), recorded like any receipt: by
 * `context.invitationId`, or else by `messageId` through the lookup written at send time.
 *
 * A message that is not such an event is counted and logged, not thrown: SNS would retry it for
 * nothing. A failure to write does throw, so Lambda's asynchronous retries try the batch again
 * (repeats are harmless: they come back stale).
 *
 * @example
 * export const handler = (event: SNSEvent) => recordSmsEvents(deps.invitations, event);
 */
export async function recordSmsEvents(invitations: InvitationStore, event: SNSEvent): Promise<SmsEventReport> {
  const report: SmsEventReport = { recorded: 0, stale: 0, unknown: 0, skipped: 0, malformed: 0 };
  const schema = deliveryReceiptsSchema('aws');
  for (const record of event.Records ?? []) {
    let payload: unknown;
    try {
      payload = JSON.parse(record.Sns.Message);
    } catch {
      payload = undefined;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      report.malformed++;
      console.warn(JSON.stringify({ level: 'warn', message: 'not an End User Messaging SMS event', snsMessageId: record.Sns.MessageId }));
      continue;
    }
    const counts = await recordDeliveryReceipts(invitations, 'aws', parsed.data);
    for (const key of ['recorded', 'stale', 'unknown', 'skipped'] as const) report[key] += counts[key];
  }
  return report;
}
