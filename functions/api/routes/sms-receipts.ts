import { Hono } from 'hono';
import { DomainError } from '../../core/errors';
import { deliveryReceiptsSchema, smsProviderOf } from '../../core/invitations/delivery-receipts';
import type { SmsProvider } from '../../core/invitations/sms-send-error';
import type { ApiDeps } from '../env';
import { parseWith } from '../validation';
import { signedJsonBody } from '../webhook-signature';

/** What each provider expects back to stop retrying the push; huifang's own counts come alongside. */
const acknowledgement: Record<SmsProvider, Record<string, unknown>> = {
  aliyun: { code: 0, msg: '接收成功' },
  tencent: { result: 0, errmsg: 'OK' },
  aws: {},
  webhook: {},
};

/**
 * `/api/v1/sms/receipts/{provider}`: delivery receipts, which move an invitation's `delivery` to
 * delivered or undelivered. Mounted before the staff middleware: a provider has no staff token.
 *
 * Every provider's receipt is signed as huifang's webhooks are (`X-Huifang-Timestamp`,
 * `X-Huifang-Signature` over timestamp + "." + the raw body, with `HUIFANG_SMS_RECEIPT_SECRET`).
 * The government platform signs so itself. Aliyun and Tencent push unsigned receipts (only their
 * source addresses are published) and AWS delivers events through SNS or Firehose, so in
 * production they reach this route through a relay that signs, until each gets its own check.
 */
export function smsReceiptRoutes(deps: ApiDeps) {
  return new Hono().post('/:provider', async (c) => {
    const provider = smsProviderOf(c.req.param('provider'));
    if (!provider) throw new DomainError('not_found', `No SMS provider ${c.req.param('provider')}; receipts are taken for aws, aliyun, tencent and webhook.`);
    const secret = deps.smsReceiptSecret;
    if (!secret) throw new DomainError('webhook.not_configured', 'This deployment has no receipt secret (HUIFANG_SMS_RECEIPT_SECRET); receipts are refused until it is set.');
    const payload = await signedJsonBody(c, secret);
    const { receipts, skipped } = parseWith(deliveryReceiptsSchema(provider), payload);
    const counts = { recorded: 0, stale: 0, unknown: 0, skipped };
    for (const receipt of receipts) {
      counts[await deps.core.invitations.recordDelivery(receipt.invitationId, receipt.providerMessageId, receipt.delivery)]++;
    }
    return c.json({ ...acknowledgement[provider], ...counts });
  });
}
