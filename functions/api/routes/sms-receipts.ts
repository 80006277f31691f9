import { Hono, type Context } from 'hono';
import { DomainError } from '../../core/errors';
import { deliveryReceiptsSchema, smsProviderOf } from '../../core/invitations/delivery-receipts';
import { recordDeliveryReceipts } from '../../core/invitations/record-receipts';
import type { SmsProvider } from '../../core/invitations/sms-send-error';
import type { ApiDeps } from '../env';
import { parseWith } from '../validation';
import { signedJsonBody } from '../webhook-signature';
import { matchesReceiptPathKey, pushingProviders } from '../receipt-path-key';

/** What each provider expects back to stop retrying the push; huifang's own counts come alongside. */
const acknowledgement: Record<SmsProvider, Record<string, unknown>> = {
  aliyun: { code: 0, msg: '接收成功' },
  tencent: { result: 0, errmsg: 'OK' },
  aws: {},
  webhook: {},
};

/** The body as JSON, or `validation.failed` (a provider's push is not signed: nothing to verify first). */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new DomainError('validation.failed', 'The body must be JSON.', [{ code: 'body.invalid_json', path: '(body)', message: 'not valid JSON' }]);
  }
}

/**
 * `/api/v1/sms/receipts/...`: delivery receipts, which move an invitation's `delivery` to delivered
 * or undelivered. Mounted before the staff middleware: a provider has no staff token.
 *
 * - `POST /{provider}`: signed as huifang's webhooks are (`X-Huifang-Timestamp`, `X-Huifang-Signature`
 *   over timestamp + "." + the raw body, with the receipt secret): the government platform's
 *   gateway, or a relay that signs.
 * - `POST /{provider}/{key}` for `aliyun` and `tencent`, which push unsigned receipts in their own
 *   format: the unguessable per-provider key in the path (`receiptPathKey`) is the credential, set
 *   as the push URL in the provider's console. A wrong key is 404, as if the route did not exist.
 * AWS End User Messaging events do not come over HTTP: SNS delivers them to the sms-events function.
 */
export function smsReceiptRoutes(deps: ApiDeps) {
  const secretOrRefuse = () => {
    const secret = deps.smsReceiptSecret;
    if (!secret) throw new DomainError('webhook.not_configured', 'This deployment has no receipt secret (HUIFANG_SMS_RECEIPT_SECRET); receipts are refused until it is set.');
    return secret;
  };
  const record = async (c: Context, provider: SmsProvider, payload: unknown) => {
    const counts = await recordDeliveryReceipts(deps.core.invitations, provider, parseWith(deliveryReceiptsSchema(provider), payload));
    return c.json({ ...acknowledgement[provider], ...counts });
  };
  return new Hono()
    .post('/:provider', async (c) => {
      const provider = smsProviderOf(c.req.param('provider'));
      if (!provider) throw new DomainError('not_found', `No SMS provider ${c.req.param('provider')}; receipts are taken for aws, aliyun, tencent and webhook.`);
      return record(c, provider, await signedJsonBody(c, secretOrRefuse()));
    })
    .post('/:provider/:key', async (c) => {
      const provider = pushingProviders.find((p) => p === c.req.param('provider'));
      const secret = secretOrRefuse();
      // One answer for an unknown provider and a wrong key: a prober learns nothing.
      if (!provider || !matchesReceiptPathKey(secret, provider, c.req.param('key'))) throw new DomainError('not_found', `No route POST ${c.req.path}.`);
      return record(c, provider, await jsonBody(c));
    });
}
