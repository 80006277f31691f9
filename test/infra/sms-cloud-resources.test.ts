import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { finalSmsEventTypes } from '../../infra/cloud/sms-delivery-events';
import { skipBundling, synthesizeHuifang, type SynthesizedHuifang } from './synth-huifang';

const SYNTH_TIMEOUT = 120_000;
const externalStaffIssuer = { issuer: 'https://idp.example.gov.cn/realms/staff', audience: 'huifang' };
const aliyun = { kind: 'aliyun', signName: '长春新区营商办', templateCode: 'SMS_480000001' };
/** Variables that would hold a secret value; the functions may only ever get the `_ARN` ones. */
const PLAINTEXT_SECRET_VARIABLES = [
  'HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID',
  'HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET',
  'HUIFANG_SMS_TENCENT_SECRET_ID',
  'HUIFANG_SMS_TENCENT_SECRET_KEY',
  'HUIFANG_SMS_WEBHOOK_SECRET',
  'HUIFANG_SMS_RECEIPT_SECRET',
  'HUIFANG_WEBHOOK_SECRET',
];

/** Each Lambda function by a word of its description, with its environment. */
function fn(template: Template, word: string) {
  const hit = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, r]) => String(r.Properties.Description).includes(word));
  expect(hit, `a function described as ${word}`).toBeDefined();
  return { logicalId: hit![0], role: hit![1].Properties.Role['Fn::GetAtt'][0] as string, env: hit![1].Properties.Environment.Variables as Record<string, unknown> };
}

/** The stateful secret whose description mentions `word`. */
function secret(huifang: SynthesizedHuifang, word: string) {
  const hit = Object.entries(huifang.stateful.findResources('AWS::SecretsManager::Secret')).find(([, r]) => String(r.Properties.Description).includes(word));
  expect(hit, `a secret described with ${word}`).toBeDefined();
  return { logicalId: hit![0], resource: hit![1] };
}

/** The output of the stateful stack a weak cross-stack reference points at. */
function produced(huifang: SynthesizedHuifang, reference: unknown): unknown {
  if (typeof reference === 'string') return reference; // an imported secret's ARN, as the setting wrote it
  const ref = (reference as { 'Fn::GetStackOutput'?: { OutputName: string } })['Fn::GetStackOutput'];
  expect(ref, `a cross-stack reference, got ${JSON.stringify(reference)}`).toBeDefined();
  return huifang.stateful.toJSON().Outputs[ref!.OutputName]?.Value;
}

/** Roles allowed secretsmanager:GetSecretValue on each resource (resolved to the stateful value). */
function secretReaders(huifang: SynthesizedHuifang) {
  return Object.values(huifang.stateless.findResources('AWS::IAM::Policy')).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
      .filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => [s.Resource].flat().map((resource) => ({ roles: (policy.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref), resource: produced(huifang, resource) }))),
  );
}

function expectNoPlaintextSecrets(huifang: SynthesizedHuifang) {
  for (const resource of Object.values(huifang.stateful.findResources('AWS::SecretsManager::Secret'))) expect(resource.Properties).not.toHaveProperty('SecretString');
  for (const resource of Object.values(huifang.stateless.findResources('AWS::Lambda::Function'))) {
    for (const name of PLAINTEXT_SECRET_VARIABLES) expect(resource.Properties.Environment.Variables).not.toHaveProperty(name);
  }
}

describe('SMS secrets with Aliyun in aws-cn (cn-north-1)', () => {
  let huifang: SynthesizedHuifang;
  beforeAll(() => {
    huifang = synthesizeHuifang({ stage: 'test', account: '123456789012', region: 'cn-north-1', externalStaffIssuer, smsGateway: aliyun, ...skipBundling });
  }, SYNTH_TIMEOUT);

  it('creates the credentials and receipt secrets in the stateful stack, generated, retained and never written in the template', () => {
    const credentials = secret(huifang, 'aliyun SMS credentials');
    const receipt = secret(huifang, 'SMS receipt secret');
    expect(credentials.resource.Properties.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}' });
    expect(receipt.resource.Properties.GenerateSecretString).toEqual({ PasswordLength: 48, ExcludePunctuation: true });
    for (const { resource } of [credentials, receipt]) expect(resource.DeletionPolicy).toBe('Retain');
    expect(huifang.stateful.toJSON().Outputs.SmsCredentialsSecretArn.Value).toEqual({ Ref: credentials.logicalId });
    expectNoPlaintextSecrets(huifang);
  });

  it('tells the functions only the ARNs: the sweeper the keys, the api the receipt secret (and the keys ARN it cannot read)', () => {
    const credentials = secret(huifang, 'aliyun SMS credentials');
    const receipt = secret(huifang, 'SMS receipt secret');
    const sweeper = fn(huifang.stateless, 'sweeper');
    const api = fn(huifang.stateless, 'HTTP API');
    expect(produced(huifang, sweeper.env.HUIFANG_SMS_CREDENTIALS_SECRET_ARN)).toEqual({ Ref: credentials.logicalId });
    expect(produced(huifang, api.env.HUIFANG_SMS_RECEIPT_SECRET_ARN)).toEqual({ Ref: receipt.logicalId });
    expect(sweeper.env).not.toHaveProperty('HUIFANG_SMS_RECEIPT_SECRET_ARN');
    expect(sweeper.env).toMatchObject({ HUIFANG_SMS_GATEWAY: 'aliyun', HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办', HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_480000001' });
  });

  it('lets the sweeper alone read the keys, and the api alone the receipt and webhook secrets', () => {
    const sweeper = fn(huifang.stateless, 'sweeper');
    const api = fn(huifang.stateless, 'HTTP API');
    const readers = secretReaders(huifang);
    const readersOf = (logicalId: string) => readers.filter((r) => JSON.stringify(r.resource) === JSON.stringify({ Ref: logicalId })).flatMap((r) => r.roles);
    expect(readersOf(secret(huifang, 'aliyun SMS credentials').logicalId)).toEqual([sweeper.role]);
    expect(readersOf(secret(huifang, 'SMS receipt secret').logicalId)).toEqual([api.role]);
    expect(readers).toHaveLength(3);
  });

  it('writes no literal partition: every ARN comes from AWS::Partition', () => {
    for (const template of [huifang.stateful, huifang.stateless]) expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws[:-]/);
  });
});

describe('SMS secrets imported by ARN, and the webhook gateway', () => {
  it('imports existing secrets named in the setting instead of creating them, and grants exactly those ARNs', () => {
    const credentialsSecretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:huifang/tencent-AbCdEf';
    const receiptSecretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:huifang/receipts-GhIjKl';
    const tencent = { kind: 'tencent', sdkAppId: '1400000000', signName: '长春新区营商办', templateId: '2000001', credentialsSecretArn, receiptSecretArn };
    const huifang = synthesizeHuifang({ stage: 'test', account: '123456789012', region: 'cn-north-1', externalStaffIssuer, smsGateway: JSON.stringify(tencent), ...skipBundling });

    huifang.stateful.resourceCountIs('AWS::SecretsManager::Secret', 1); // the ledger webhook's only
    const sweeper = fn(huifang.stateless, 'sweeper');
    expect(produced(huifang, sweeper.env.HUIFANG_SMS_CREDENTIALS_SECRET_ARN)).toBe(credentialsSecretArn);
    const readers = secretReaders(huifang);
    expect(readers.filter((r) => r.resource === credentialsSecretArn).flatMap((r) => r.roles)).toEqual([sweeper.role]);
    expect(readers.filter((r) => r.resource === receiptSecretArn).flatMap((r) => r.roles)).toEqual([fn(huifang.stateless, 'HTTP API').role]);
    expectNoPlaintextSecrets(huifang);
  }, SYNTH_TIMEOUT);

  it('refuses a secret ARN that is not a complete Secrets Manager ARN', () => {
    const bad = { ...aliyun, credentialsSecretArn: 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/huifang' };
    expect(() => synthesizeHuifang({ stage: 'test', region: 'cn-north-1', externalStaffIssuer, smsGateway: bad, ...skipBundling })).toThrow(/smsGateway.credentialsSecretArn: the complete ARN/);
  });

  it('generates the webhook gateway signing secret as {"secret": 48 letters and digits}', () => {
    const huifang = synthesizeHuifang({ stage: 'test', smsGateway: { kind: 'webhook', url: 'https://sms.example.gov.cn/send' }, ...skipBundling });
    const credentials = secret(huifang, 'webhook SMS credentials');
    expect(credentials.resource.Properties.GenerateSecretString).toEqual({ SecretStringTemplate: '{}', GenerateStringKey: 'secret', PasswordLength: 48, ExcludePunctuation: true });
    expectNoPlaintextSecrets(huifang);
  }, SYNTH_TIMEOUT);
});

describe('AWS End User Messaging delivery events', () => {
  let huifang: SynthesizedHuifang;
  beforeAll(() => {
    huifang = synthesizeHuifang({ stage: 'test', smsGateway: { kind: 'aws', originationIdentity: 'pool-0123' }, ...skipBundling });
  }, SYNTH_TIMEOUT);

  it('has a configuration set whose event destination sends the final TEXT_* events to the SNS topic, used by the sender', () => {
    const topicId = Object.keys(huifang.stateless.findResources('AWS::SNS::Topic'))[0]!;
    const sets = Object.entries(huifang.stateless.findResources('AWS::SMSVOICE::ConfigurationSet'));
    expect(sets).toHaveLength(1);
    const [setId, set] = sets[0]!;
    expect(set.Properties.ConfigurationSetName).toBe('huifang-test');
    expect(set.Properties.EventDestinations).toEqual([{ EventDestinationName: 'huifang-receipts', Enabled: true, MatchingEventTypes: finalSmsEventTypes, SnsDestination: { TopicArn: { Ref: topicId } } }]);
    expect(set.Properties.EventDestinations[0].MatchingEventTypes).not.toContain('TEXT_SENT');
    expect(fn(huifang.stateless, 'sweeper').env.HUIFANG_SMS_AWS_CONFIGURATION_SET).toEqual({ Ref: setId });
  });

  it('lets only End User Messaging publish to the topic, for this account and configuration set', () => {
    const policies = Object.values(huifang.stateless.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(1);
    const [statement] = policies[0]!.Properties.PolicyDocument.Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Principal: { Service: 'sms-voice.amazonaws.com' }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
    expect(JSON.stringify(statement.Condition.ArnLike['aws:SourceArn'])).toContain(':configuration-set/huifang-test');
  });

  it('subscribes the sms-events function to the topic; it reads the table and may not send', () => {
    const handler = fn(huifang.stateless, 'SMS delivery events');
    huifang.stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [handler.logicalId, 'Arn'] } });
    huifang.stateless.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'sns.amazonaws.com', FunctionName: { 'Fn::GetAtt': [handler.logicalId, 'Arn'] } });
    expect(handler.env).toHaveProperty('HUIFANG_TABLE_NAME');
    expect(handler.env).toHaveProperty('HUIFANG_PUBLIC_BASE_URL');
    const sends = Object.values(huifang.stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('sms-voice:SendTextMessage') && (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === handler.role),
    );
    expect(sends).toEqual([]);
    expectNoPlaintextSecrets(huifang);
    huifang.stateful.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });
});
