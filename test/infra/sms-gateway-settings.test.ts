import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../../infra/cloud/settings';
import { smsGatewayEnvironment } from '../../infra/cloud/sms-gateway';
import { skipBundling, synthesizeHuifang } from './synth-huifang';

const SYNTH_TIMEOUT = 120_000;
const read = (context: Record<string, unknown>) => readDeploymentSettings({ context: (key) => context[key], env: {} });
const issuer = JSON.stringify({ issuer: 'https://idp.example.gov.cn', audience: 'huifang' });
const aliyun = { kind: 'aliyun', signName: '长春新区营商办', templateCode: 'SMS_480000001', reminderTemplateCode: 'SMS_480000002' };

/** The environment and IAM actions of the api and sweeper functions in a stateless template. */
function functionsOf(template: ReturnType<typeof synthesizeHuifang>['stateless']) {
  const functions = Object.values(template.findResources('AWS::Lambda::Function')).map((r) => r.Properties.Environment.Variables as Record<string, unknown>);
  const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => s.Action));
  return { functions, actions };
}

describe('the smsGateway deployment setting', () => {
  it('stays log when unset, and takes a provider object from cdk.json or -c as JSON', () => {
    expect(read({}).smsGateway).toBe('log');
    expect(read({ smsGateway: JSON.stringify(aliyun) }).smsGateway).toEqual(aliyun);
    expect(read({ smsGateway: { kind: 'webhook', url: 'https://sms.example.gov.cn/huifang' } }).smsGateway).toEqual({ kind: 'webhook', url: 'https://sms.example.gov.cn/huifang' });
  });

  it('stops the synth for a provider without its settings, a misspelt field, or a plain-http webhook', () => {
    expect(() => read({ smsGateway: 'aliyun' })).toThrow(/smsGateway/);
    expect(() => read({ smsGateway: { kind: 'tencent', sdkAppId: '1400000000', signName: 's' } })).toThrow(/smsGateway\.templateId/);
    expect(() => read({ smsGateway: { ...aliyun, templateID: 'x' } })).toThrow(/smsGateway/);
    expect(() => read({ smsGateway: { kind: 'webhook', url: 'http://sms.example.gov.cn' } })).toThrow(/must be an https URL/);
  });

  it('refuses AWS End User Messaging SMS in aws-cn and points at the China providers', () => {
    const china = { region: 'cn-north-1', externalStaffIssuer: issuer };
    expect(() => read({ ...china, smsGateway: { kind: 'aws', originationIdentity: 'pool-1' } })).toThrow(/smsGateway: AWS End User Messaging SMS is not offered in cn-north-1; in mainland China use .*aliyun/);
    expect(read({ ...china, smsGateway: aliyun }).smsGateway).toEqual(aliyun);
  });

  it('passes only non-secret variables to the functions', () => {
    expect(smsGatewayEnvironment('log')).toEqual({ HUIFANG_SMS_GATEWAY: 'log' });
    expect(smsGatewayEnvironment({ kind: 'tencent', sdkAppId: '1400000000', signName: '长春新区营商办', templateId: '2000001' })).toEqual({
      HUIFANG_SMS_GATEWAY: 'tencent',
      HUIFANG_SMS_TENCENT_SDK_APP_ID: '1400000000',
      HUIFANG_SMS_TENCENT_SIGN_NAME: '长春新区营商办',
      HUIFANG_SMS_TENCENT_TEMPLATE_ID: '2000001',
    });
  });

  it(
    'gives every function the AWS gateway variables, and the two that send (not the reconciliation) sms-voice:SendTextMessage, when the gateway is aws',
    () => {
      const { stateless } = synthesizeHuifang({ ...skipBundling, stage: 'test', region: 'eu-west-1', account: '123456789012', smsGateway: { kind: 'aws', originationIdentity: 'pool-huifang', configurationSet: 'huifang' } });
      const { functions, actions } = functionsOf(stateless);
      // api, sweeper, sms-events (records End User Messaging delivery events; may not send) and reconcile (sends nothing)
      expect(functions).toHaveLength(4);
      for (const env of functions) expect(env).toMatchObject({ HUIFANG_SMS_GATEWAY: 'aws', HUIFANG_SMS_AWS_ORIGINATION_IDENTITY: 'pool-huifang', HUIFANG_SMS_AWS_CONFIGURATION_SET: 'huifang' });
      expect(actions.filter((a) => a === 'sms-voice:SendTextMessage')).toHaveLength(2);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'synthesizes an Aliyun gateway in cn-north-1 with no AWS SMS permission',
    () => {
      const { stateless } = synthesizeHuifang({ ...skipBundling, stage: 'test', region: 'cn-north-1', account: '123456789012', externalStaffIssuer: issuer, smsGateway: aliyun });
      const { functions, actions } = functionsOf(stateless);
      for (const env of functions) expect(env).toMatchObject({ HUIFANG_SMS_GATEWAY: 'aliyun', HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办', HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_480000001' });
      expect(actions).not.toContain('sms-voice:SendTextMessage');
    },
    SYNTH_TIMEOUT,
  );
});
