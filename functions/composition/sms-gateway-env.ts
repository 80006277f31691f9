/**
 * The SMS part of the cloud environment: which gateway sends (`HUIFANG_SMS_GATEWAY`) and the
 * variables each one needs, checked together by `functions/composition/cloud.ts` at the cold start. The secret
 * ones (provider keys, the webhook gateway's signing secret) come either as plain variables (the
 * local host, tests, emulators) or, in the cloud, from the Secrets Manager secret that
 * `HUIFANG_SMS_CREDENTIALS_SECRET_ARN` names (`smsCredentialsSchema`), read once per cold start.
 */
import { z } from 'zod';
import { aliyunSmsGateway } from '../adapters/sms/aliyun-sms';
import { awsSmsGateway } from '../adapters/sms/aws-end-user-messaging';
import { logSmsGateway } from '../adapters/sms/log-gateway';
import { linkVariables } from '../adapters/sms/template-link';
import { tencentSmsGateway } from '../adapters/sms/tencent-sms';
import { webhookSmsGateway } from '../adapters/sms/webhook-gateway';
import type { SmsGateway } from '../core/ports';

export const smsGatewayKinds = ['log', 'aws', 'aliyun', 'tencent', 'webhook'] as const;

const text = z.string().min(1);
const secret = z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)');
const secretArn = z.string().regex(/^arn:[a-z-]+:secretsmanager:/, 'the ARN of a Secrets Manager secret');

/** The variables, all optional one by one: which are required depends on `HUIFANG_SMS_GATEWAY`. */
export const smsGatewayEnvShape = {
  /** `log` (the default: nothing is sent), `aws`, `aliyun`, `tencent` or `webhook`. */
  HUIFANG_SMS_GATEWAY: z.enum(smsGatewayKinds).default('log'),
  /** Only to play a provider in tests (`http://127.0.0.1:<port>`); unset in the cloud. */
  HUIFANG_SMS_ENDPOINT: z.string().url().optional(),
  /** What a template's link variable carries: `token` (default), `path` or `url` (see adapters/sms/template-link.ts). */
  HUIFANG_SMS_LINK_VARIABLE: z.enum(linkVariables).optional(),
  HUIFANG_SMS_AWS_ORIGINATION_IDENTITY: text.optional(),
  HUIFANG_SMS_AWS_CONFIGURATION_SET: text.optional(),
  /** End User Messaging's region when it differs from the function's. */
  HUIFANG_SMS_AWS_REGION: text.optional(),
  HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: text.optional(),
  HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET: text.optional(),
  HUIFANG_SMS_ALIYUN_SIGN_NAME: text.optional(),
  HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: text.optional(),
  HUIFANG_SMS_ALIYUN_REMINDER_TEMPLATE_CODE: text.optional(),
  HUIFANG_SMS_TENCENT_SECRET_ID: text.optional(),
  HUIFANG_SMS_TENCENT_SECRET_KEY: text.optional(),
  HUIFANG_SMS_TENCENT_SDK_APP_ID: text.optional(),
  HUIFANG_SMS_TENCENT_SIGN_NAME: text.optional(),
  HUIFANG_SMS_TENCENT_TEMPLATE_ID: text.optional(),
  HUIFANG_SMS_TENCENT_REMINDER_TEMPLATE_ID: text.optional(),
  HUIFANG_SMS_TENCENT_REGION: text.optional(),
  HUIFANG_SMS_WEBHOOK_URL: z.string().url().startsWith('https://', 'must be an https URL').optional(),
  HUIFANG_SMS_WEBHOOK_SECRET: secret.optional(),
  /** Signs `POST /api/v1/sms/receipts/{provider}` and derives the push URLs' keys; unset: receipts answer 503. */
  HUIFANG_SMS_RECEIPT_SECRET: secret.optional(),
  /** Or, in the cloud: the secret that holds it (a generated string), read once per cold start. */
  HUIFANG_SMS_RECEIPT_SECRET_ARN: secretArn.optional(),
  /** The secret holding the provider's keys as JSON (`smsCredentialsSchema`), instead of the plain variables. */
  HUIFANG_SMS_CREDENTIALS_SECRET_ARN: secretArn.optional(),
};
const smsGatewayEnvSchema = z.object({ ...smsGatewayEnvShape, AWS_REGION: z.string() });
export type SmsGatewayEnv = z.infer<typeof smsGatewayEnvSchema>;

/** One configured gateway, discriminated on `kind`, with everything it needs present. */
export const smsGatewayConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('log') }),
  z.object({ kind: z.literal('aws'), originationIdentity: text, configurationSet: text.optional(), region: text, endpoint: z.string().optional() }),
  z.object({
    kind: z.literal('aliyun'),
    accessKeyId: text,
    accessKeySecret: text,
    signName: text,
    templateCode: text,
    reminderTemplateCode: text.optional(),
    linkVariable: z.enum(linkVariables),
    endpoint: z.string().optional(),
  }),
  z.object({
    kind: z.literal('tencent'),
    secretId: text,
    secretKey: text,
    sdkAppId: text,
    signName: text,
    templateId: text,
    reminderTemplateId: text.optional(),
    linkVariable: z.enum(linkVariables),
    region: text,
    endpoint: z.string().optional(),
  }),
  z.object({ kind: z.literal('webhook'), url: z.string().url(), secret }),
]);
export type SmsGatewayConfig = z.infer<typeof smsGatewayConfigSchema>;

/** Each config field's variable, so a missing one is reported under the name an operator sets. */
const variableOf: Record<string, keyof typeof smsGatewayEnvShape> = {
  originationIdentity: 'HUIFANG_SMS_AWS_ORIGINATION_IDENTITY',
  accessKeyId: 'HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID',
  accessKeySecret: 'HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET',
  templateCode: 'HUIFANG_SMS_ALIYUN_TEMPLATE_CODE',
  secretId: 'HUIFANG_SMS_TENCENT_SECRET_ID',
  secretKey: 'HUIFANG_SMS_TENCENT_SECRET_KEY',
  sdkAppId: 'HUIFANG_SMS_TENCENT_SDK_APP_ID',
  templateId: 'HUIFANG_SMS_TENCENT_TEMPLATE_ID',
  url: 'HUIFANG_SMS_WEBHOOK_URL',
  secret: 'HUIFANG_SMS_WEBHOOK_SECRET',
};

/**
 * The secret fields of each gateway, as the JSON of the credentials secret holds them: e.g.
 * `{"accessKeyId":"LTAI...","accessKeySecret":"..."}` for Aliyun, `{"secretId":"AKID...","secretKey":"..."}`
 * for Tencent, `{"secret":"<at least 32 characters>"}` for the webhook gateway.
 */
export const smsSecretFields = { log: [], aws: [], aliyun: ['accessKeyId', 'accessKeySecret'], tencent: ['secretId', 'secretKey'], webhook: ['secret'] } as const;

/** The credentials secret's value for `kind`: a JSON object of exactly its secret fields. */
export function smsCredentialsSchema(kind: (typeof smsGatewayKinds)[number]) {
  const fields = Object.fromEntries(smsSecretFields[kind].map((field) => [field, field === 'secret' ? secret : text]));
  return z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON: {${smsSecretFields[kind].map((f) => `"${f}": "..."`).join(', ')}}` });
        return z.NEVER;
      }
    })
    .pipe(z.object(fields).strict());
}
export type SmsCredentials = Record<string, string>;

/** True when the secret field `variable` is to come from the credentials secret rather than the environment. */
function fromSecret(env: SmsGatewayEnv, variable: string): boolean {
  const secretVariables = Object.entries(variableOf).filter(([field]) => (smsSecretFields[env.HUIFANG_SMS_GATEWAY] as readonly string[]).includes(field)).map(([, v]) => v as string);
  return env.HUIFANG_SMS_CREDENTIALS_SECRET_ARN !== undefined && secretVariables.includes(variable);
}

/**
 * What is wrong with the SMS variables of a parsed environment, before any secret is read: the
 * non-secret settings must all be there, and the secret ones too unless a credentials secret is
 * named (then they must not be set as well).
 */
export function smsGatewayEnvProblems(env: SmsGatewayEnv): Array<{ path: string; message: string }> {
  const problems = smsGatewayConfigOf(env).problems.filter((problem) => !fromSecret(env, problem.path));
  if (env.HUIFANG_SMS_CREDENTIALS_SECRET_ARN !== undefined) {
    for (const field of smsSecretFields[env.HUIFANG_SMS_GATEWAY]) {
      const variable = variableOf[field]!;
      if (env[variable] !== undefined) problems.push({ path: variable, message: `set either ${variable} or HUIFANG_SMS_CREDENTIALS_SECRET_ARN, not both` });
    }
  }
  if (env.HUIFANG_SMS_RECEIPT_SECRET !== undefined && env.HUIFANG_SMS_RECEIPT_SECRET_ARN !== undefined) {
    problems.push({ path: 'HUIFANG_SMS_RECEIPT_SECRET_ARN', message: 'receipt secret: set either HUIFANG_SMS_RECEIPT_SECRET or HUIFANG_SMS_RECEIPT_SECRET_ARN, not both' });
  }
  return problems;
}

function candidate(env: SmsGatewayEnv): Record<string, unknown> {
  const endpoint = env.HUIFANG_SMS_ENDPOINT;
  const linkVariable = env.HUIFANG_SMS_LINK_VARIABLE ?? 'token';
  switch (env.HUIFANG_SMS_GATEWAY) {
    case 'log':
      return { kind: 'log' };
    case 'aws':
      return { kind: 'aws', originationIdentity: env.HUIFANG_SMS_AWS_ORIGINATION_IDENTITY, configurationSet: env.HUIFANG_SMS_AWS_CONFIGURATION_SET, region: env.HUIFANG_SMS_AWS_REGION ?? env.AWS_REGION, endpoint };
    case 'aliyun':
      return {
        kind: 'aliyun',
        accessKeyId: env.HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID,
        accessKeySecret: env.HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET,
        signName: env.HUIFANG_SMS_ALIYUN_SIGN_NAME,
        templateCode: env.HUIFANG_SMS_ALIYUN_TEMPLATE_CODE,
        reminderTemplateCode: env.HUIFANG_SMS_ALIYUN_REMINDER_TEMPLATE_CODE,
        linkVariable,
        endpoint,
      };
    case 'tencent':
      return {
        kind: 'tencent',
        secretId: env.HUIFANG_SMS_TENCENT_SECRET_ID,
        secretKey: env.HUIFANG_SMS_TENCENT_SECRET_KEY,
        sdkAppId: env.HUIFANG_SMS_TENCENT_SDK_APP_ID,
        signName: env.HUIFANG_SMS_TENCENT_SIGN_NAME,
        templateId: env.HUIFANG_SMS_TENCENT_TEMPLATE_ID,
        reminderTemplateId: env.HUIFANG_SMS_TENCENT_REMINDER_TEMPLATE_ID,
        linkVariable,
        region: env.HUIFANG_SMS_TENCENT_REGION ?? 'ap-guangzhou',
        endpoint,
      };
    case 'webhook':
      return { kind: 'webhook', url: env.HUIFANG_SMS_WEBHOOK_URL, secret: env.HUIFANG_SMS_WEBHOOK_SECRET };
  }
}

/**
 * The configured gateway of a parsed environment, with the `credentials` read from the credentials
 * secret (when one is named), or the variables it lacks, named as set.
 */
export function smsGatewayConfigOf(env: SmsGatewayEnv, credentials?: SmsCredentials): { config: SmsGatewayConfig; problems: [] } | { config?: undefined; problems: Array<{ path: string; message: string }> } {
  const parsed = smsGatewayConfigSchema.safeParse({ ...candidate(env), ...credentials });
  if (parsed.success) return { config: parsed.data, problems: [] };
  const kind = env.HUIFANG_SMS_GATEWAY;
  const signName = kind === 'aliyun' ? 'HUIFANG_SMS_ALIYUN_SIGN_NAME' : 'HUIFANG_SMS_TENCENT_SIGN_NAME';
  return {
    problems: parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      const variable = field === 'signName' ? signName : (variableOf[field] ?? field);
      return { path: variable, message: `required for HUIFANG_SMS_GATEWAY=${kind}${issue.code === 'invalid_type' ? '' : `: ${issue.message}`}` };
    }),
  };
}

/**
 * The gateway a configuration names. Every provider gateway throws `SmsSendError` with
 * `retryable`, so the sweeper can tell throttling from a bad number.
 *
 * @example
 * const sms = smsGatewayOf({ kind: 'webhook', url: 'https://sms.example.gov.cn/send', secret });
 */
export function smsGatewayOf(config: SmsGatewayConfig): SmsGateway {
  switch (config.kind) {
    case 'log':
      return logSmsGateway;
    case 'aws':
      return awsSmsGateway(config);
    case 'aliyun':
      return aliyunSmsGateway(config);
    case 'tencent':
      return tencentSmsGateway(config);
    case 'webhook':
      return webhookSmsGateway(config);
  }
}
