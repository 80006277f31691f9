import { z } from 'zod';
import type { DeliveryReceipt } from './delivery';
import { smsProviders, type SmsProvider } from './sms-send-error';

/**
 * Delivery receipts as each provider posts them, mapped to huifang's `DeliveryReceipt`. Every
 * provider is asked to echo the invitation id it was given at send time; a receipt without it (a
 * Tencent application without `ext`, an AWS event without `context`) keeps the provider's message
 * id, which `recordDeliveryReceipts` looks up:
 * - `aliyun`: SmsReport, a JSON array of `{phone_number, report_time, success, err_code, biz_id, out_id}`;
 *   `out_id` is the `OutId` sent; times are Asia/Shanghai `yyyy-MM-dd HH:mm:ss`.
 * - `tencent`: a JSON array of `{user_receive_time, mobile, report_status: SUCCESS|FAIL, errmsg, sid, ext}`;
 *   `ext` is the `SessionContext` sent (Tencent enables it per application on request).
 * - `aws`: End User Messaging SMS events `{eventType, isFinal, messageId, messageStatus, eventTimestamp, context}`
 *   (one, or an array); `context.invitationId` is the `Context` sent. Non-final events are skipped.
 * - `webhook`: huifang's own shape for the government platform, one or an array of
 *   `{invitationId, providerMessageId?, status: delivered|undelivered, at, providerCode?}`.
 * A report that names neither an invitation nor a message id is counted as skipped.
 */
export interface ParsedReceipts {
  receipts: DeliveryReceipt[];
  /** Reports that are not a final outcome or name no invitation. */
  skipped: number;
}

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((one) => [one] as Array<z.output<T>>)]);

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai (no daylight saving) -> UTC ISO-8601. */
const shanghaiTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'yyyy-MM-dd HH:mm:ss')
  .transform((text) => new Date(`${text.replace(' ', 'T')}+08:00`).toISOString());

const aliyunReport = z.object({
  phone_number: z.string().optional(),
  report_time: shanghaiTime,
  success: z.boolean(),
  err_code: z.string().optional(),
  biz_id: z.string().optional(),
  out_id: z.string().optional(),
});

const tencentReport = z.object({
  user_receive_time: shanghaiTime,
  mobile: z.string().optional(),
  report_status: z.enum(['SUCCESS', 'FAIL']),
  errmsg: z.string().optional(),
  sid: z.string().optional(),
  ext: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

const awsEvent = z.object({
  eventType: z.string(),
  isFinal: z.boolean().optional(),
  messageId: z.string().optional(),
  messageStatus: z.string(),
  eventTimestamp: z.number(),
  context: z.record(z.string(), z.string()).optional(),
});

const webhookReceipt = z.object({
  invitationId: z.string().min(1),
  providerMessageId: z.string().optional(),
  status: z.enum(['delivered', 'undelivered']),
  at: z.string().datetime({ offset: true }).transform((at) => new Date(at).toISOString()),
  providerCode: z.string().max(100).optional(),
});

/** The provider named in a receipt URL, or undefined for an unknown one. */
export function smsProviderOf(name: string): SmsProvider | undefined {
  return (smsProviders as readonly string[]).includes(name) ? (name as SmsProvider) : undefined;
}

/** The schema of `provider`'s receipt body, parsing to receipts and a count of skipped reports. */
export function deliveryReceiptsSchema(provider: SmsProvider): z.ZodType<ParsedReceipts, unknown> {
  switch (provider) {
    case 'aliyun':
      return oneOrMany(aliyunReport).transform((reports) =>
        collect(reports.map((r) => receipt(r.out_id, r.biz_id, { status: r.success ? 'delivered' : 'undelivered', at: r.report_time, provider, ...code(r.err_code) }))),
      );
    case 'tencent':
      return oneOrMany(tencentReport).transform((reports) =>
        collect(
          reports.map((r) => {
            const invitationId = typeof r.ext === 'string' ? r.ext : typeof r.ext?.SessionContext === 'string' ? r.ext.SessionContext : undefined;
            return receipt(invitationId, r.sid, { status: r.report_status === 'SUCCESS' ? 'delivered' : 'undelivered', at: r.user_receive_time, provider, ...code(r.errmsg) });
          }),
        ),
      );
    case 'aws':
      return oneOrMany(awsEvent).transform((events) =>
        collect(
          events.map((e) => {
            const invitationId = e.context?.invitationId;
            // Queued, pending or handed to the carrier says nothing yet about the handset.
            const final = e.isFinal !== false && !['PENDING', 'QUEUED', 'SUCCESSFUL'].includes(e.messageStatus);
            if (!final) return undefined;
            const delivered = e.messageStatus === 'DELIVERED';
            return receipt(invitationId, e.messageId, { status: delivered ? 'delivered' : 'undelivered', at: new Date(e.eventTimestamp).toISOString(), provider, ...(delivered ? {} : { providerCode: e.eventType }) });
          }),
        ),
      );
    case 'webhook':
      return oneOrMany(webhookReceipt).transform((receipts) =>
        collect(receipts.map((r) => ({ invitationId: r.invitationId, ...withId(r.providerMessageId), delivery: { status: r.status, at: r.at, provider, ...code(r.providerCode) } }))),
      );
  }
}

function withId(providerMessageId: string | undefined): { providerMessageId?: string } {
  return providerMessageId ? { providerMessageId } : {};
}

/** A receipt naming its invitation, or only the provider's message id; undefined when it names neither. */
function receipt(invitationId: string | undefined, providerMessageId: string | undefined, delivery: DeliveryReceipt['delivery']): DeliveryReceipt | undefined {
  if (!invitationId && !providerMessageId) return undefined;
  return { ...(invitationId ? { invitationId } : {}), ...withId(providerMessageId), delivery };
}

function code(providerCode: string | undefined): { providerCode?: string } {
  return providerCode && providerCode !== 'DELIVERED' && providerCode !== 'DELIVRD' ? { providerCode } : {};
}

function collect(items: Array<DeliveryReceipt | undefined>): ParsedReceipts {
  const receipts = items.filter((r): r is DeliveryReceipt => r !== undefined);
  return { receipts, skipped: items.length - receipts.length };
}
