import { afterEach, describe, expect, it } from 'vitest';
import { cloudCoreDeps, readCloudEnv } from '../../../functions/composition/cloud';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { at, fakeProvider, message, type FakeProvider } from './fake-provider';

const base = {
  HUIFANG_TABLE_NAME: 'huifang-test',
  HUIFANG_PUBLIC_BASE_URL: 'https://hf.example.gov.cn',
  HUIFANG_JWT_ISSUER: 'https://idp.example.gov.cn',
  HUIFANG_JWT_AUDIENCE: 'huifang',
  AWS_REGION: 'cn-north-1',
};

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

describe('HUIFANG_SMS_GATEWAY in the cloud environment', () => {
  it('is log by default', () => {
    expect(readCloudEnv(base).HUIFANG_SMS_GATEWAY).toBe('log');
  });

  it('stops the cold start naming every variable the chosen provider lacks', () => {
    expect(() => readCloudEnv({ ...base, HUIFANG_SMS_GATEWAY: 'aliyun', HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办' })).toThrow(
      /HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: required for HUIFANG_SMS_GATEWAY=aliyun; HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET: required .*HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: required/,
    );
    expect(() => readCloudEnv({ ...base, HUIFANG_SMS_GATEWAY: 'webhook', HUIFANG_SMS_WEBHOOK_URL: 'https://sms.example.gov.cn', HUIFANG_SMS_WEBHOOK_SECRET: 'short' })).toThrow(
      /HUIFANG_SMS_WEBHOOK_SECRET: at least 32 characters/,
    );
    expect(() => readCloudEnv({ ...base, HUIFANG_SMS_GATEWAY: 'sns' })).toThrow(/HUIFANG_SMS_GATEWAY/);
  });

  it('builds the Tencent gateway from its variables and sends through it', async () => {
    provider = await fakeProvider(() => ({ json: { Response: { SendStatusSet: [{ SerialNo: 'sn-9', Code: 'Ok', Message: 'send success' }], RequestId: 'r' } } }));
    const env = readCloudEnv({
      ...base,
      HUIFANG_SMS_GATEWAY: 'tencent',
      HUIFANG_SMS_TENCENT_SECRET_ID: 'AKIDtest',
      HUIFANG_SMS_TENCENT_SECRET_KEY: 'secret',
      HUIFANG_SMS_TENCENT_SDK_APP_ID: '1400000000',
      HUIFANG_SMS_TENCENT_SIGN_NAME: '长春新区营商办',
      HUIFANG_SMS_TENCENT_TEMPLATE_ID: '2000001',
      HUIFANG_SMS_LINK_VARIABLE: 'path',
      HUIFANG_SMS_ENDPOINT: provider.url,
    });

    expect(await cloudCoreDeps(env).sms.send(message, at)).toEqual({ providerMessageId: 'sn-9' });
    expect(JSON.parse(provider.requests[0]!.body)).toMatchObject({ SmsSdkAppId: '1400000000', TemplateId: '2000001', TemplateParamSet: ['s/AbCdEfGhIjKlMnOpQrStUv'], SessionContext: message.invitationId });
  });

  it('builds the Aliyun gateway whose refusals the sweeper can classify', async () => {
    provider = await fakeProvider(() => ({ json: { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: '账户余额不足' } }));
    const env = readCloudEnv({
      ...base,
      HUIFANG_SMS_GATEWAY: 'aliyun',
      HUIFANG_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAItest',
      HUIFANG_SMS_ALIYUN_ACCESS_KEY_SECRET: 'secret',
      HUIFANG_SMS_ALIYUN_SIGN_NAME: '长春新区营商办',
      HUIFANG_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_480000001',
      HUIFANG_SMS_ENDPOINT: provider.url,
    });

    const error = await cloudCoreDeps(env).sms.send(message, at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ provider: 'aliyun', retryable: false, providerCode: 'isv.AMOUNT_NOT_ENOUGH' });
  });
});
