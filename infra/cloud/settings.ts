/**
 * Deployment settings of the cloud host, validated with zod before any construct exists, so a typo in
 * `cdk.json` or `-c key=value` stops `cdk synth` with a clear list instead of producing a broken stack.
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { z } from 'zod';
import { settingsSchema } from '../../functions/core/settings';
import { smsGatewayKind, smsGatewaySettingSchema } from './sms-gateway';

/** `-c key=value` arrives as a string; cdk.json may hold the object itself. Both are accepted. */
function fromJsonContext<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value; // left as a string, so the schema reports it
    }
  }, schema);
}

/**
 * Office rules (core/settings.ts) minus the base URL, which is a deployment setting of its own. Checked
 * against the core's schema, but passed on as written, so the functions' defaults stay theirs.
 */
const officeRules = settingsSchema.omit({ publicBaseUrl: true }).strict();
const officeSettingsSchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const parsed = officeRules.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** Staff tokens and their keys are trusted only over TLS. */
const httpsUrl = z.string().url().startsWith('https://', 'must be an https URL');

/**
 * Who signs staff tokens when it is not a user pool of this stack. `issuer` is exactly the tokens'
 * `iss`, `audience` their `aud`; `jwksUri` defaults to `<issuer>/.well-known/jwks.json`. Strict, so
 * a misspelt `jwksUrl` stops the synth instead of leaving the functions at the default.
 */
export const externalStaffIssuerSchema = z
  .object({
    issuer: httpsUrl,
    audience: z.string().min(1),
    jwksUri: httpsUrl.optional(),
  })
  .strict();
export type ExternalStaffIssuer = z.infer<typeof externalStaffIssuerSchema>;

export const deploymentSettingsSchema = z
  .object({
    /** Names the stacks (`huifang-<stage>-stateful`), so several stages can share one account. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, starting with a letter').default('dev'),
    /** Omitted: the stacks are environment-agnostic (the CLI's credentials decide at deploy time). */
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional(),
    /** `cn-north-1` (Beijing) and `cn-northwest-1` (Ningxia) land in the `aws-cn` partition. */
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'an AWS region such as cn-north-1').optional(),
    /**
     * Base of the survey links sent by SMS, without a trailing slash. Set it when a custom domain fronts
     * the API (in practice mandatory in mainland China, where the default execute-api host is not
     * publicly reachable without an ICP filing). Omitted: the HTTP API's own endpoint.
     */
    publicBaseUrl: z
      .string()
      .url()
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /**
     * Which SMS gateway the functions use, with its non-secret settings (infra/cloud/sms-gateway.ts):
     * `log` (the default: nothing is sent), or e.g. {"kind":"aliyun","signName":"长春新区营商办","templateCode":"SMS_480000001"}.
     */
    smsGateway: fromJsonContext(smsGatewaySettingSchema).default('log'),
    /** Office-tunable rules, passed to the functions as `HUIFANG_SETTINGS`; checked here, not at the first cold start. */
    officeSettings: fromJsonContext(officeSettingsSchema).optional(),
    /**
     * An OIDC/JWT issuer that already signs staff tokens (RS256, keys published as a JWKS), trusted
     * instead of creating a Cognito user pool. Required in aws-cn, where CloudFormation offers no
     * `AWS::Cognito::UserPool`: the government's own identity provider keeps staff sign-in inside
     * mainland China. Its tokens carry the role in `groups` (or `role`) and `zoneId` / `teamId`.
     */
    externalStaffIssuer: fromJsonContext(externalStaffIssuerSchema).optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.region && partitionOf(settings.region) === 'aws-cn' && smsGatewayKind(settings.smsGateway) === 'aws') {
      ctx.addIssue({
        code: 'custom',
        path: ['smsGateway'],
        message: `AWS End User Messaging SMS is not offered in ${settings.region}; in mainland China use {"kind":"aliyun",...}, {"kind":"tencent",...} or {"kind":"webhook",...}`,
      });
    }
    if (settings.region && partitionOf(settings.region) === 'aws-cn' && !settings.externalStaffIssuer) {
      ctx.addIssue({
        code: 'custom',
        path: ['externalStaffIssuer'],
        message: `Cognito user pools are not offered in ${settings.region}; set externalStaffIssuer to the issuer that signs staff tokens, e.g. {"issuer":"https://idp.example.gov.cn","audience":"huifang"}`,
      });
    }
  });
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

/** `aws`, `aws-cn`, ... for a concrete region; undefined when CDK does not know the region. */
export function partitionOf(region: string): string | undefined {
  return RegionInfo.get(region).partition;
}

/** Where settings come from: CDK context (`cdk.json`, `-c`) first, then the CLI's default environment. */
export interface SettingsSources {
  context: (key: string) => unknown;
  env: Record<string, string | undefined>;
}

/**
 * Reads and validates the settings; the only place the CDK app reads the environment
 * (`CDK_DEFAULT_ACCOUNT`/`CDK_DEFAULT_REGION` are set by the CDK CLI from the active profile).
 */
export function readDeploymentSettings({ context, env }: SettingsSources): DeploymentSettings {
  const parsed = deploymentSettingsSchema.safeParse({
    stage: context('stage'),
    account: context('account') ?? env.CDK_DEFAULT_ACCOUNT,
    region: context('region') ?? env.CDK_DEFAULT_REGION,
    publicBaseUrl: context('publicBaseUrl'),
    smsGateway: context('smsGateway'),
    officeSettings: context('officeSettings'),
    externalStaffIssuer: context('externalStaffIssuer'),
  });
  if (!parsed.success) {
    throw new Error(`huifang deployment settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
