/**
 * The composition root of the cloud host: the only place that reads the environment. It is parsed
 * once with zod, and every adapter is built from the parsed values.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'hono';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { z } from 'zod';
import { jwtStaffAuthenticator, type JwtPayloadVerifier } from '../adapters/auth/staff-authenticator';
import { officialCalendarWith } from '../adapters/calendar/official-calendar';
import { systemClock } from '../adapters/clock/clocks';
import { documentClient } from '../adapters/dynamodb/client';
import { dynamoStores } from '../adapters/dynamodb/stores';
import { surveyTokens, ulidIds } from '../adapters/ids/ids';
import { secretsManagerLoader, type SecretLoader } from '../adapters/secrets/secrets-manager-loader';
import { defaultSurveyCatalog } from '../adapters/surveys/catalog';
import type { ApiDeps } from '../api/env';
import type { CoreDeps } from '../core/deps';
import { settingsSchema } from '../core/settings';
import { smsLengthProblems } from '../core/invitations/sms-text';
import { smsGatewayConfigOf, smsGatewayEnvProblems, smsGatewayEnvShape, smsGatewayOf, type SmsCredentials } from './sms-gateway-env';
import { loadSmsCredentials, loadSmsReceiptSecret, unavailableSmsGateway } from './sms-secrets';

const jsonObject = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

/** Staff tokens and their signing keys are trusted only over TLS. */
const httpsUrl = z.string().url().startsWith('https://', 'must be an https URL');

/** What an outside ledger signs webhooks with, however it reaches the function. */
const webhookSecretValue = z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)');

/**
 * The two ways to say who signs staff tokens, each with the variables it needs; exactly one is set.
 * `cognito`: a Cognito user pool and app client (the aws partition), its groups are the huifang roles.
 * `issuer`: any OIDC/JWT issuer that publishes a JWKS, such as the government's identity provider in
 * aws-cn, where Cognito user pools do not exist (`HUIFANG_JWKS_URI` is optional).
 */
export const staffIdentityVariables = {
  cognito: ['HUIFANG_USER_POOL_ID', 'HUIFANG_USER_POOL_CLIENT_ID'],
  issuer: ['HUIFANG_JWT_ISSUER', 'HUIFANG_JWT_AUDIENCE'],
} as const;

export const cloudEnvSchema = z
  .object({
    HUIFANG_TABLE_NAME: z.string().min(3),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** Only to run the Lambda code against DynamoDB Local (tests, local emulators); unset in the cloud. */
    HUIFANG_DYNAMODB_ENDPOINT: z.string().url().optional(),
    /** Cognito user pool whose ID tokens staff send; its groups are the huifang roles. */
    HUIFANG_USER_POOL_ID: z.string().min(1).optional(),
    HUIFANG_USER_POOL_CLIENT_ID: z.string().min(1).optional(),
    /** Or another issuer: exactly its tokens' `iss` (a trailing slash matters). */
    HUIFANG_JWT_ISSUER: httpsUrl.optional(),
    /** The `aud` its tokens are issued for (for an OIDC ID token, huifang's client id). */
    HUIFANG_JWT_AUDIENCE: z.string().min(1).optional(),
    /** Where its signing keys are published; omitted: `<issuer>/.well-known/jwks.json`. */
    HUIFANG_JWKS_URI: httpsUrl.optional(),
    /** `HUIFANG_SMS_GATEWAY` and each gateway's variables (sms-gateway-env.ts). */
    ...smsGatewayEnvShape,
    /** Office-tunable rules as JSON (see core/settings.ts); every field optional. */
    HUIFANG_SETTINGS: jsonObject.pipe(settingsSchema).optional(),
    HUIFANG_PUBLIC_BASE_URL: z.string().url(),
    /** Shared with an outside ledger that signs `POST /api/v1/events/issue-closed`; unset: that route answers 503. */
    HUIFANG_WEBHOOK_SECRET: webhookSecretValue.optional(),
    /** Or, in the cloud: the Secrets Manager secret that holds it, read once per cold start (`loadWebhookSecret`). */
    HUIFANG_WEBHOOK_SECRET_ARN: z.string().regex(/^arn:[a-z-]+:secretsmanager:/, 'the ARN of a Secrets Manager secret').optional(),
  })
  .superRefine((env, ctx) => {
    for (const problem of smsGatewayEnvProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    if (env.HUIFANG_WEBHOOK_SECRET !== undefined && env.HUIFANG_WEBHOOK_SECRET_ARN !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['HUIFANG_WEBHOOK_SECRET_ARN'], message: 'webhook secret: set either HUIFANG_WEBHOOK_SECRET or HUIFANG_WEBHOOK_SECRET_ARN, not both' });
    }
    const cognito = env.HUIFANG_USER_POOL_ID !== undefined || env.HUIFANG_USER_POOL_CLIENT_ID !== undefined;
    const issuer = env.HUIFANG_JWT_ISSUER !== undefined || env.HUIFANG_JWT_AUDIENCE !== undefined || env.HUIFANG_JWKS_URI !== undefined;
    const either = `${staffIdentityVariables.cognito.join(' and ')} (a Cognito user pool) or ${staffIdentityVariables.issuer.join(' and ')} (another OIDC issuer)`;
    if (cognito === issuer) {
      ctx.addIssue({ code: 'custom', path: [], message: `staff identity: set either ${either}${cognito ? ', not both' : ''}` });
      return;
    }
    for (const name of staffIdentityVariables[cognito ? 'cognito' : 'issuer']) {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required for staff identity: set either ${either}` });
    }
  });
export type CloudEnv = z.infer<typeof cloudEnvSchema>;

/** Who signs staff tokens, read from a parsed environment. */
export type StaffIdentity =
  | { kind: 'cognito'; userPoolId: string; clientId: string }
  | { kind: 'issuer'; issuer: string; audience: string; jwksUri: string };

/** The staff identity of `env`; `readCloudEnv` has already made sure exactly one is complete. */
export function staffIdentityOf(env: CloudEnv): StaffIdentity {
  const { HUIFANG_USER_POOL_ID: userPoolId, HUIFANG_USER_POOL_CLIENT_ID: clientId, HUIFANG_JWT_ISSUER: issuer, HUIFANG_JWT_AUDIENCE: audience } = env;
  if (userPoolId && clientId) return { kind: 'cognito', userPoolId, clientId };
  if (issuer && audience) {
    return { kind: 'issuer', issuer, audience, jwksUri: env.HUIFANG_JWKS_URI ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json` };
  }
  throw new Error('huifang configuration is invalid: no staff identity (parse the environment with readCloudEnv)');
}

/**
 * The aws-jwt-verify verifier of staff tokens: Cognito ID tokens of the pool's client, or the
 * issuer's tokens for its audience, signed with a key of its JWKS. The JWKS is fetched on first use
 * and kept for the life of the Lambda instance (fetched again when a token names a key it lacks).
 *
 * @example
 * const verifier = staffVerifier(readCloudEnv());
 * verifier.cacheJwks(jwks); // tests hand the keys over instead of fetching them
 */
export function staffVerifier(env: CloudEnv) {
  const identity = staffIdentityOf(env);
  if (identity.kind === 'cognito') return CognitoJwtVerifier.create({ userPoolId: identity.userPoolId, clientId: identity.clientId, tokenUse: 'id' });
  return JwtVerifier.create({ issuer: identity.issuer, audience: identity.audience, jwksUri: identity.jwksUri });
}

/**
 * The core's deps for the cloud, from the environment and the provider's keys when they come from
 * the credentials secret (`loadCloudCoreDeps` reads them; without them the gateway cannot send).
 */
export function cloudCoreDeps(env: CloudEnv, smsCredentials?: SmsCredentials): CoreDeps {
  const endpoint = env.HUIFANG_DYNAMODB_ENDPOINT ? { endpoint: env.HUIFANG_DYNAMODB_ENDPOINT } : {};
  const table = { doc: documentClient({ region: env.AWS_REGION, ...endpoint }), name: env.HUIFANG_TABLE_NAME };
  const settings = settingsSchema.parse({ ...env.HUIFANG_SETTINGS, publicBaseUrl: env.HUIFANG_PUBLIC_BASE_URL });
  // Sent anyway (two segments cost double but arrive); the default execute-api URL is that long,
  // and a custom domain (publicBaseUrl) is what fixes it.
  for (const problem of smsLengthProblems(settings)) console.warn(JSON.stringify({ level: 'warn', message: problem.message, code: problem.code }));
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    tokens: surveyTokens,
    calendar: officialCalendarWith(settings.calendarOverrides),
    surveys: defaultSurveyCatalog(),
    sms: cloudSmsGateway(env, smsCredentials),
    settings,
    ...dynamoStores(table),
  };
}

/** The configured gateway; one whose keys are in a secret this function did not read cannot send. */
function cloudSmsGateway(env: CloudEnv, smsCredentials: SmsCredentials | undefined) {
  const { config } = smsGatewayConfigOf(env, smsCredentials);
  if (config) return smsGatewayOf(config);
  const kind = env.HUIFANG_SMS_GATEWAY;
  return kind === 'aliyun' || kind === 'tencent' || kind === 'webhook' ? unavailableSmsGateway(kind) : smsGatewayOf({ kind: 'log' });
}

/**
 * The core's deps with the provider's keys read first from `HUIFANG_SMS_CREDENTIALS_SECRET_ARN`,
 * once: the sweeper awaits it at cold start, and a secret that cannot be read stops it there.
 *
 * @example
 * const deps = await loadCloudCoreDeps(readCloudEnv());
 */
export async function loadCloudCoreDeps(env: CloudEnv, loadSecret?: SecretLoader): Promise<CoreDeps> {
  return cloudCoreDeps(env, await loadSmsCredentials(env, loadSecret ?? secretsManagerIn(env)));
}

/** Secrets Manager in the function's region; the client is created only when there is an ARN to read. */
function secretsManagerIn(env: CloudEnv): SecretLoader {
  return (arn) => secretsManagerLoader(new SecretsManagerClient({ region: env.AWS_REGION }))(arn);
}

/**
 * The API's deps for the cloud: staff tokens of the configured identity, the caller's address from
 * API Gateway, and `webhookSecret` as `loadWebhookSecret` found it (undefined: the webhook answers 503),
 * and the SMS receipt secret as `loadSmsReceiptSecret` found it (or the plain variable).
 */
export function cloudApiDeps(env: CloudEnv, webhookSecret: string | undefined, smsReceiptSecret: string | undefined = env.HUIFANG_SMS_RECEIPT_SECRET): ApiDeps {
  return {
    core: cloudCoreDeps(env),
    auth: jwtStaffAuthenticator(staffVerifier(env) as unknown as JwtPayloadVerifier),
    clientAddress: (c: Context) => (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } })?.event?.requestContext?.http?.sourceIp ?? 'unknown',
    ...(webhookSecret ? { webhookSecret } : {}),
    ...(smsReceiptSecret ? { smsReceiptSecret } : {}),
  };
}

/**
 * The webhook secret of `env`: `HUIFANG_WEBHOOK_SECRET` as given (tests, emulators), or the value of
 * the secret `HUIFANG_WEBHOOK_SECRET_ARN` names, read with `loadSecret`; undefined when neither is set.
 *
 * A secret that cannot be read, or is too short, does not stop the cold start: only the webhook
 * depends on it, so it answers 503 `webhook.not_configured` (the ledger retries) while staff and
 * survey pages keep working. The failure is logged with the ARN, never with a value.
 *
 * @example
 * const secret = await loadWebhookSecret(env, async (arn) => 'a-test-secret-of-at-least-32-characters');
 */
export async function loadWebhookSecret(env: CloudEnv, loadSecret: SecretLoader): Promise<string | undefined> {
  if (env.HUIFANG_WEBHOOK_SECRET !== undefined) return env.HUIFANG_WEBHOOK_SECRET;
  const secretArn = env.HUIFANG_WEBHOOK_SECRET_ARN;
  if (secretArn === undefined) return undefined;
  let problem: string;
  try {
    const parsed = webhookSecretValue.safeParse(await loadSecret(secretArn));
    if (parsed.success) return parsed.data;
    problem = parsed.error.issues.map((issue) => issue.message).join('; ');
  } catch (error) {
    problem = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  }
  console.error(JSON.stringify({ level: 'error', message: 'webhook secret not loaded: POST /api/v1/events/issue-closed answers 503 webhook.not_configured', secretArn, error: problem }));
  return undefined;
}

/**
 * `cloudApiDeps` with the webhook and SMS receipt secrets loaded first: the api handler awaits them once, at cold start.
 * `loadSecret` defaults to Secrets Manager in the function's region; its client is created only when
 * there is an ARN to read.
 *
 * @example
 * const app = createApp(await loadCloudApiDeps(readCloudEnv()));
 */
export async function loadCloudApiDeps(env: CloudEnv, loadSecret?: SecretLoader): Promise<ApiDeps> {
  const load = loadSecret ?? secretsManagerIn(env);
  // The receipt secret too; not the provider's keys: the api function never sends.
  const [webhookSecret, smsReceiptSecret] = await Promise.all([loadWebhookSecret(env, load), loadSmsReceiptSecret(env, load, webhookSecretValue)]);
  return cloudApiDeps(env, webhookSecret, smsReceiptSecret);
}

/** Parses `process.env` once; a missing setting stops the cold start with a clear list. */
export function readCloudEnv(source: Record<string, string | undefined> = process.env): CloudEnv {
  const parsed = cloudEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new Error(`huifang configuration is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
