/**
 * Deployment settings of the cloud host, validated with zod before any construct exists, so a typo in
 * `cdk.json` or `-c key=value` stops `cdk synth` with a clear list instead of producing a broken stack.
 */
import { z } from 'zod';
import { settingsSchema } from '../../functions/core/settings';

/** `-c key=value` arrives as a string; cdk.json may hold the object itself. Both are accepted. */
const jsonContext = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // left as a string, so the record check below reports it
  }
}, z.record(z.string(), z.unknown()));

export const deploymentSettingsSchema = z.object({
  /** Names the stacks (`huifang-<stage>-stateful`), so several stages can share one account. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, starting with a letter').default('dev'),
  /** Omitted: the stacks are environment-agnostic (the CLI's credentials decide at deploy time). */
  account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional(),
  /** `cn-north-1` (Beijing) and `cn-northwest-1` (Ningxia) land in the `aws-cn` partition; nothing else changes. */
  region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'an AWS region such as cn-north-1').optional(),
  /**
   * Base of the survey links sent by SMS, without a trailing slash. Set it when a custom domain fronts
   * the API (mandatory in practice in mainland China, where the default execute-api host is not
   * publicly reachable without an ICP filing). Omitted: the HTTP API's own endpoint.
   */
  publicBaseUrl: z
    .string()
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Which SMS gateway the functions use; only `log` exists in the cloud build so far. */
  smsGateway: z.enum(['log']).default('log'),
  /** Office-tunable rules (core/settings.ts), passed to the functions as `HUIFANG_SETTINGS`; checked here first. */
  officeSettings: jsonContext
    .superRefine((value, ctx) => {
      const parsed = settingsSchema.omit({ publicBaseUrl: true }).strict().safeParse(value);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    })
    .optional(),
});
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

/** Where settings come from: CDK context (`cdk.json`, `-c`) first, then the CLI's default environment. */
export interface SettingsSources {
  context: (key: string) => unknown;
  env: Record<string, string | undefined>;
}

/**
 * Reads and validates the settings; the only place the CDK app reads `process.env`
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
  });
  if (!parsed.success) {
    throw new Error(`huifang deployment settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
