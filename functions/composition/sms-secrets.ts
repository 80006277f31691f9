/**
 * The SMS secrets of the cloud host, read from Secrets Manager once per cold start: the provider's
 * keys (`HUIFANG_SMS_CREDENTIALS_SECRET_ARN`) for the function that sends, and the receipt secret
 * (`HUIFANG_SMS_RECEIPT_SECRET_ARN`) for the function that takes receipts. Plain variables
 * (`HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID`, `HUIFANG_SMS_RECEIPT_SECRET`, ...) still work for the local
 * host and tests. Errors and logs name the ARN, never a value.
 */
import type { z } from 'zod';
import { SmsSendError } from '../core/invitations/sms-send-error';
import type { SmsGateway } from '../core/ports';
import type { SecretLoader } from '../adapters/secrets/secrets-manager-loader';
import { smsCredentialsSchema, smsSecretFields, type SmsCredentials, type SmsGatewayEnv as SmsEnv } from './sms-gateway-env';

/** The value of the secret `secretArn`, checked by `schema`; the reason (never the value) when it cannot be had. */
async function readSecret<T>(secretArn: string, loadSecret: SecretLoader, schema: z.ZodType<T, unknown>): Promise<{ value: T } | { problem: string }> {
  try {
    const parsed = schema.safeParse(await loadSecret(secretArn));
    if (parsed.success) return { value: parsed.data };
    // Issue paths and messages only: zod's `input` would carry the value.
    return { problem: parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ') };
  } catch (error) {
    return { problem: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' };
  }
}

/**
 * The provider's keys from the credentials secret, or undefined when the environment names none
 * (they are then plain variables, or the gateway needs none). A secret that cannot be read or does
 * not hold the gateway's fields throws: the sweeper must not start sending without them (its cold
 * start fails and the schedule's errors show it, while due invitations wait, untouched).
 *
 * @example
 * const credentials = await loadSmsCredentials(env, secretsManagerLoader(client)); // { accessKeyId, accessKeySecret }
 */
export async function loadSmsCredentials(env: SmsEnv, loadSecret: SecretLoader): Promise<SmsCredentials | undefined> {
  const secretArn = env.HUIFANG_SMS_CREDENTIALS_SECRET_ARN;
  if (secretArn === undefined || smsSecretFields[env.HUIFANG_SMS_GATEWAY].length === 0) return undefined;
  const read = await readSecret(secretArn, loadSecret, smsCredentialsSchema(env.HUIFANG_SMS_GATEWAY));
  if ('value' in read) return read.value as SmsCredentials;
  throw new Error(`huifang configuration is invalid: SMS credentials for ${env.HUIFANG_SMS_GATEWAY} not loaded from ${secretArn}: ${read.problem}`);
}

/**
 * The receipt secret: `HUIFANG_SMS_RECEIPT_SECRET` as given, or the value of the secret
 * `HUIFANG_SMS_RECEIPT_SECRET_ARN` names; undefined when neither is set or it cannot be read (then
 * only the receipt routes answer 503, which providers retry; the failure is logged with the ARN).
 */
export async function loadSmsReceiptSecret(env: SmsEnv, loadSecret: SecretLoader, schema: z.ZodType<string, unknown>): Promise<string | undefined> {
  if (env.HUIFANG_SMS_RECEIPT_SECRET !== undefined) return env.HUIFANG_SMS_RECEIPT_SECRET;
  const secretArn = env.HUIFANG_SMS_RECEIPT_SECRET_ARN;
  if (secretArn === undefined) return undefined;
  const read = await readSecret(secretArn, loadSecret, schema);
  if ('value' in read) return read.value;
  console.error(JSON.stringify({ level: 'error', message: 'SMS receipt secret not loaded: POST /api/v1/sms/receipts/... answers 503 webhook.not_configured', secretArn, error: read.problem }));
  return undefined;
}

/**
 * The gateway of a function that was not given the provider's keys (the api function never sends):
 * a send, should one ever happen there, fails as retryable and names why.
 */
export function unavailableSmsGateway(provider: 'aliyun' | 'tencent' | 'webhook'): SmsGateway {
  return {
    provider,
    async send() {
      throw new SmsSendError({ provider, retryable: true, providerCode: 'credentials.not_loaded', message: 'this function has not loaded the SMS credentials (HUIFANG_SMS_CREDENTIALS_SECRET_ARN)' });
    },
  };
}
