import { afterEach, describe, expect, it } from 'vitest';
import { tencentSmsGateway } from '../../../functions/adapters/sms/tencent-sms';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { at, codeMessage, fakeProvider, message, type FakeProvider, type ProviderReply } from './fake-provider';

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

async function gatewayAnswering(reply: ProviderReply) {
  provider = await fakeProvider(() => reply);
  return tencentSmsGateway({
    secretId: 'AKIDtest',
    secretKey: 'secret',
    sdkAppId: '1400000000',
    signName: '长春新区营商办',
    templateId: '2000001',
    linkVariable: 'token',
    region: 'ap-guangzhou',
    endpoint: provider.url,
  });
}

const status = (Code: string, Message: string) => ({ json: { Response: { SendStatusSet: [{ SerialNo: Code === 'Ok' ? '2433:3299' : '', PhoneNumber: '+8613812345678', Fee: 1, SessionContext: message.invitationId, Code, Message, IsoCode: 'CN' }], RequestId: 'req-1' } } });

async function refusal(send: Promise<unknown>): Promise<SmsSendError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('Tencent Cloud SMS gateway', () => {
  it('sends SendSms with the application, sign name, template, the link token as {1} and the invitation as SessionContext', async () => {
    const sms = await gatewayAnswering(status('Ok', 'send success'));

    const sent = await sms.send(message, at);

    expect(sent).toEqual({ providerMessageId: '2433:3299' });
    const [request] = provider!.requests;
    expect(request?.headers['x-tc-action']).toBe('SendSms');
    expect(request?.headers['x-tc-version']).toBe('2021-01-11');
    expect(request?.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(request?.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\//);
    expect(JSON.parse(request!.body)).toEqual({
      PhoneNumberSet: ['13812345678'],
      SmsSdkAppId: '1400000000',
      SignName: '长春新区营商办',
      TemplateId: '2000001',
      TemplateParamSet: ['AbCdEfGhIjKlMnOpQrStUv'],
      SessionContext: message.invitationId,
    });
  });

  it('passes the code as {1} in code mode', async () => {
    const sms = await gatewayAnswering(status('Ok', 'send success'));

    await sms.send(codeMessage, at);

    expect(JSON.parse(provider!.requests[0]!.body)).toMatchObject({ TemplateId: '2000001', TemplateParamSet: ['K7QM2PXA'] });
  });

  it('reports an incorrect number as not retryable', async () => {
    const sms = await gatewayAnswering(status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误'));

    expect(await refusal(sms.send(message, at))).toMatchObject({ provider: 'tencent', retryable: false, providerCode: 'InvalidParameterValue.IncorrectPhoneNumber' });
  });

  it('reports the frequency limit of one number as retryable', async () => {
    const sms = await gatewayAnswering(status('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限'));

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: true, providerCode: 'LimitExceeded.PhoneNumberThirtySecondLimit' });
  });

  it('reports a throttled request (Response.Error RequestLimitExceeded) as retryable', async () => {
    const sms = await gatewayAnswering({ json: { Response: { Error: { Code: 'RequestLimitExceeded', Message: '请求的次数超过了频率限制' }, RequestId: 'req-2' } } });

    const error = await refusal(sms.send(message, at));

    expect(error).toMatchObject({ retryable: true, providerCode: 'RequestLimitExceeded' });
    expect(provider!.requests).toHaveLength(1);
  });

  it('reports an unapproved template as not retryable', async () => {
    const sms = await gatewayAnswering({ json: { Response: { Error: { Code: 'FailedOperation.TemplateIncorrectOrUnapproved', Message: '模版未审批或内容不合规' }, RequestId: 'req-3' } } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: false, providerCode: 'FailedOperation.TemplateIncorrectOrUnapproved' });
  });
});
