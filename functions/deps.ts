/**
 * The composition root of the cloud host: the only place that reads the environment. It is parsed
 * once with zod, and every adapter is built from the parsed values.
 */
import type { Context } from 'hono';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { z } from 'zod';
import { jwtStaffAuthenticator, type JwtPayloadVerifier } from './adapters/auth/staff-authenticator';
import { officialCalendar } from './adapters/calendar/official-calendar';
import { systemClock } from './adapters/clock/clocks';
import { documentClient } from './adapters/dynamodb/client';
import { dynamoStores } from './adapters/dynamodb/stores';
import { surveyTokens, ulidIds } from './adapters/ids/ids';
import { logSmsGateway } from './adapters/sms/log-gateway';
import { defaultSurveyCatalog } from './adapters/surveys/catalog';
import type { ApiDeps } from './api/env';
import type { CoreDeps } from './core/deps';
import { settingsSchema } from './core/settings';

const jsonObject = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

export const cloudEnvSchema = z.object({
  HUIFANG_TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only to run the Lambda code against DynamoDB Local (tests, local emulators); unset in the cloud. */
  HUIFANG_DYNAMODB_ENDPOINT: z.string().url().optional(),
  /** Cognito user pool whose ID tokens staff send; its groups are the huifang roles. */
  HUIFANG_USER_POOL_ID: z.string().min(1),
  HUIFANG_USER_POOL_CLIENT_ID: z.string().min(1),
  HUIFANG_SMS_GATEWAY: z.enum(['log']).default('log'),
  /** Office-tunable rules as JSON (see core/settings.ts); every field optional. */
  HUIFANG_SETTINGS: jsonObject.pipe(settingsSchema).optional(),
  HUIFANG_PUBLIC_BASE_URL: z.string().url(),
});
export type CloudEnv = z.infer<typeof cloudEnvSchema>;

/** The core's deps for the cloud, from the environment. */
export function cloudCoreDeps(env: CloudEnv): CoreDeps {
  const endpoint = env.HUIFANG_DYNAMODB_ENDPOINT ? { endpoint: env.HUIFANG_DYNAMODB_ENDPOINT } : {};
  const table = { doc: documentClient({ region: env.AWS_REGION, ...endpoint }), name: env.HUIFANG_TABLE_NAME };
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    tokens: surveyTokens,
    calendar: officialCalendar,
    surveys: defaultSurveyCatalog(),
    sms: logSmsGateway,
    settings: settingsSchema.parse({ ...env.HUIFANG_SETTINGS, publicBaseUrl: env.HUIFANG_PUBLIC_BASE_URL }),
    ...dynamoStores(table),
  };
}

/** The API's deps for the cloud: Cognito ID tokens, the caller's address from API Gateway. */
export function cloudApiDeps(env: CloudEnv): ApiDeps {
  const verifier = CognitoJwtVerifier.create({ userPoolId: env.HUIFANG_USER_POOL_ID, clientId: env.HUIFANG_USER_POOL_CLIENT_ID, tokenUse: 'id' });
  return {
    core: cloudCoreDeps(env),
    auth: jwtStaffAuthenticator(verifier as unknown as JwtPayloadVerifier),
    clientAddress: (c: Context) => (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } })?.event?.requestContext?.http?.sourceIp ?? 'unknown',
  };
}

/** Parses `process.env` once; a missing setting stops the cold start with a clear list. */
export function readCloudEnv(source: Record<string, string | undefined> = process.env): CloudEnv {
  const parsed = cloudEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`huifang configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
