/**
 * The `smsGateway` deployment setting: which gateway the functions send through and its non-secret
 * settings, passed on as the `HUIFANG_SMS_*` variables `functions/composition/sms-gateway-env.ts` reads.
 * Provider keys and the receipt secret are never deployment settings: they live in Secrets Manager
 * (`SmsSecrets` in the stateful stack creates them, or imports them by `credentialsSecretArn` /
 * `receiptSecretArn`), and the functions are told only the ARNs.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { z } from 'zod';

const text = z.string().min(1);
const linkVariable = z.enum(['token', 'path', 'url']).optional();
/** An existing secret, by its complete ARN (with the 6-character suffix Secrets Manager adds), in `aws` or `aws-cn`. */
const secretArn = z
  .string()
  .regex(/^arn:aws(-cn)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/, 'the complete ARN of a Secrets Manager secret (ending in -XXXXXX)')
  .optional();
/** Imports instead of new secrets: the provider keys' JSON (see `smsSecretFields`) and the receipt secret. */
const secretArns = { credentialsSecretArn: secretArn, receiptSecretArn: secretArn };

const gateways = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('log') }).strict(),
  /** AWS End User Messaging SMS: a phone number, sender id or pool; a configuration set for delivery events. */
  z.object({ kind: z.literal('aws'), originationIdentity: text, configurationSet: text.optional(), region: text.optional() }).strict(),
  /** Aliyun SMS: the approved signature and template codes (SMS_...). */
  z.object({ kind: z.literal('aliyun'), signName: text, templateCode: text, reminderTemplateCode: text.optional(), linkVariable, ...secretArns }).strict(),
  /** Tencent Cloud SMS: the SMS application, approved signature and template ids. */
  z
    .object({ kind: z.literal('tencent'), sdkAppId: text, signName: text, templateId: text, reminderTemplateId: text.optional(), region: text.optional(), linkVariable, ...secretArns })
    .strict(),
  /** A government SMS platform behind an HMAC-signed HTTPS webhook. */
  z.object({ kind: z.literal('webhook'), url: z.string().url().startsWith('https://', 'must be an https URL'), ...secretArns }).strict(),
]);

/**
 * `log`, or one provider's object. A bare kind (`-c smsGateway=aliyun`) is read as `{kind}`, so the
 * synth lists the fields that provider needs; `{kind: 'log'}` reads back as `'log'`.
 */
export const smsGatewaySettingSchema = z
  .preprocess((value) => (typeof value === 'string' ? { kind: value } : value), gateways)
  .transform((setting) => (setting.kind === 'log' ? ('log' as const) : setting));
export type SmsGatewaySetting = z.infer<typeof smsGatewaySettingSchema>;

/** The gateway's kind, whether the setting is written `'log'` or as an object. */
export function smsGatewayKind(setting: SmsGatewaySetting): 'log' | 'aws' | 'aliyun' | 'tencent' | 'webhook' {
  return typeof setting === 'string' ? setting : setting.kind;
}

/**
 * The functions' `HUIFANG_SMS_*` variables for the setting (non-secret ones only).
 *
 * @example
 * smsGatewayEnvironment({ kind: 'aliyun', signName: '长春新区营商办', templateCode: 'SMS_480000001' });
 * // { HUIFANG_SMS_GATEWAY: 'aliyun', HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办', HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_480000001' }
 */
export function smsGatewayEnvironment(setting: SmsGatewaySetting): Record<string, string> {
  if (setting === 'log') return { HUIFANG_SMS_GATEWAY: 'log' };
  const defined = (vars: Record<string, string | undefined>) => Object.fromEntries(Object.entries(vars).filter((entry): entry is [string, string] => entry[1] !== undefined));
  switch (setting.kind) {
    case 'aws':
      return defined({
        HUIFANG_SMS_GATEWAY: 'aws',
        HUIFANG_SMS_AWS_ORIGINATION_IDENTITY: setting.originationIdentity,
        HUIFANG_SMS_AWS_CONFIGURATION_SET: setting.configurationSet,
        HUIFANG_SMS_AWS_REGION: setting.region,
      });
    case 'aliyun':
      return defined({
        HUIFANG_SMS_GATEWAY: 'aliyun',
        HUIFANG_SMS_ALIYUN_SIGN_NAME: setting.signName,
        HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: setting.templateCode,
        HUIFANG_SMS_ALIYUN_REMINDER_TEMPLATE_CODE: setting.reminderTemplateCode,
        HUIFANG_SMS_LINK_VARIABLE: setting.linkVariable,
      });
    case 'tencent':
      return defined({
        HUIFANG_SMS_GATEWAY: 'tencent',
        HUIFANG_SMS_TENCENT_SDK_APP_ID: setting.sdkAppId,
        HUIFANG_SMS_TENCENT_SIGN_NAME: setting.signName,
        HUIFANG_SMS_TENCENT_TEMPLATE_ID: setting.templateId,
        HUIFANG_SMS_TENCENT_REMINDER_TEMPLATE_ID: setting.reminderTemplateId,
        HUIFANG_SMS_TENCENT_REGION: setting.region,
        HUIFANG_SMS_LINK_VARIABLE: setting.linkVariable,
      });
    case 'webhook':
      return { HUIFANG_SMS_GATEWAY: 'webhook', HUIFANG_SMS_WEBHOOK_URL: setting.url };
  }
}

/**
 * Lets `fn` send through AWS End User Messaging SMS when that is the gateway; the other gateways
 * call out over HTTPS with their own keys and need no AWS permission.
 */
export function grantSmsSending(fn: IGrantable, setting: SmsGatewaySetting): void {
  if (smsGatewayKind(setting) !== 'aws') return;
  // Origination identities and configuration sets are all resources of SendTextMessage: `*` keeps a pool change a setting change.
  fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: ['*'] }));
}
