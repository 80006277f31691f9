/**
 * The SMS secrets of a deployment, in the stateful stack: the provider's keys (or the webhook
 * gateway's signing secret) and the receipt secret. Created and retained, or imported by ARN from
 * the `smsGateway` setting. Never written in a template: Secrets Manager generates what can be
 * generated, and the provider's keys are put by the operator (`put-secret-value`).
 */
import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SmsGatewaySetting } from './sms-gateway';

/** The JSON fields each provider's credentials secret holds (mirrors `smsSecretFields` of the functions). */
const credentialFields = {
  aliyun: ['accessKeyId', 'accessKeySecret'],
  tencent: ['secretId', 'secretKey'],
  webhook: ['secret'],
} as const;

type SecretfulSetting = Exclude<SmsGatewaySetting, 'log'> & { kind: keyof typeof credentialFields };

/** True when the gateway signs in with keys of its own (and so takes receipts on huifang's routes). */
export function hasSmsSecrets(setting: SmsGatewaySetting): setting is SecretfulSetting {
  return setting !== 'log' && setting.kind in credentialFields;
}

/**
 * `credentials`: read by the sweeper, which sends. `receipt`: read by the api function; it signs
 * `POST /api/v1/sms/receipts/{provider}` and derives the Aliyun / Tencent push URLs' keys.
 *
 * @example
 * const sms = new SmsSecrets(this, 'Sms', { setting: { kind: 'aliyun', signName: '长春新区营商办', templateCode: 'SMS_480000001' } });
 */
export class SmsSecrets extends Construct {
  readonly credentials: ISecret;
  readonly receipt: ISecret;

  constructor(scope: Construct, id: string, props: { setting: SecretfulSetting }) {
    super(scope, id);
    const { setting } = props;
    const fields = credentialFields[setting.kind];
    const example = `{${fields.map((f) => `"${f}":"..."`).join(',')}}`;
    // The webhook gateway's secret is shared with the government platform: generated like the ledger's.
    // Aliyun and Tencent keys come from their consoles: until the operator puts them, the value is a
    // placeholder the sweeper refuses at cold start (so nothing is sent, or given up on, without them).
    this.credentials = setting.credentialsSecretArn
      ? Secret.fromSecretCompleteArn(this, 'Credentials', setting.credentialsSecretArn)
      : new Secret(this, 'Credentials', {
          description: `huifang: ${setting.kind} SMS credentials as JSON ${example}; aws secretsmanager put-secret-value --secret-id <arn> --secret-string '${example}'`,
          generateSecretString:
            setting.kind === 'webhook'
              ? { secretStringTemplate: '{}', generateStringKey: 'secret', passwordLength: 48, excludePunctuation: true }
              : { secretStringTemplate: '{}', generateStringKey: 'replaceWithTheProviderKeys', passwordLength: 16, excludePunctuation: true },
          removalPolicy: RemovalPolicy.RETAIN,
        });
    this.receipt = setting.receiptSecretArn
      ? Secret.fromSecretCompleteArn(this, 'Receipt', setting.receiptSecretArn)
      : new Secret(this, 'Receipt', {
          description: 'huifang: SMS receipt secret; signs POST /api/v1/sms/receipts/{provider} and derives the push URL keys of /api/v1/sms/receipts/{aliyun|tencent}/{key}',
          generateSecretString: { passwordLength: 48, excludePunctuation: true },
          removalPolicy: RemovalPolicy.RETAIN,
        });
    new CfnOutput(scope, 'SmsCredentialsSecretArn', { value: this.credentials.secretArn, description: `put the ${setting.kind} SMS credentials here as ${example}` });
    new CfnOutput(scope, 'SmsReceiptSecretArn', {
      value: this.receipt.secretArn,
      description: "push URL key: printf 'huifang-sms-receipts/<provider>' | openssl dgst -sha256 -hmac \"$SECRET\" | awk '{print $2}' | cut -c1-32",
    });
  }
}
