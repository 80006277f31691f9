import { afterEach, describe, expect, it } from 'vitest';
import { aliyunSmsGateway, type AliyunSmsSettings } from '../../../functions/adapters/sms/aliyun-sms';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { at, codeMessage, fakeProvider, message, type FakeProvider, type ProviderReply } from './fake-provider';

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

async function gatewayAnswering(reply: ProviderReply, settings: Partial<AliyunSmsSettings> = {}) {
  provider = await fakeProvider(() => reply);
  return aliyunSmsGateway({
    accessKeyId: 'LTAItest',
    accessKeySecret: 'secret',
    signName: '长春新区营商办',
    templateCode: 'SMS_480000001',
    reminderTemplateCode: 'SMS_480000002',
    linkVariable: 'token',
    endpoint: provider.url,
    ...settings,
  });
}

async function refusal(send: Promise<unknown>): Promise<SmsSendError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('Aliyun SMS gateway', () => {
  it('sends SendSms with the sign name, the template and the link token as its parameter, the invitation as OutId', async () => {
    const sms = await gatewayAnswering({ json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'req-1' } });

    const sent = await sms.send(message, at);

    expect(sent).toEqual({ providerMessageId: '900619746936498440^0' });
    const [request] = provider!.requests;
    expect(request?.headers['x-acs-action']).toBe('SendSms');
    expect(request?.headers['x-acs-version']).toBe('2017-05-25');
    expect(request?.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAItest,/);
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      PhoneNumbers: '13812345678',
      SignName: '长春新区营商办',
      TemplateCode: 'SMS_480000001',
      TemplateParam: JSON.stringify({ code: 'AbCdEfGhIjKlMnOpQrStUv' }),
      OutId: message.invitationId,
    });
  });

  it('uses the reminder template for a reminder, and the whole link when the template allows one', async () => {
    const sms = await gatewayAnswering({ json: { Code: 'OK', BizId: 'b' } }, { linkVariable: 'url', linkParam: 'link' });

    await sms.send({ ...message, purpose: 'reminder', link: 'https://hf.example.gov.cn/s/Reminder0000000000000' }, at);

    const query = provider!.requests[0]!.url.searchParams;
    expect(query.get('TemplateCode')).toBe('SMS_480000002');
    expect(JSON.parse(query.get('TemplateParam')!)).toEqual({ link: 'https://hf.example.gov.cn/s/Reminder0000000000000' });
  });

  it('passes the code, not the entry page, as the template parameter in code mode, whatever the link variable says', async () => {
    for (const linkVariable of ['token', 'path', 'url'] as const) {
      const sms = await gatewayAnswering({ json: { Code: 'OK', BizId: 'b' } }, { linkVariable });
      await sms.send({ ...codeMessage, purpose: 'reminder' }, at);
      const query = provider!.requests[0]!.url.searchParams;
      expect(query.get('TemplateCode')).toBe('SMS_480000002');
      expect(JSON.parse(query.get('TemplateParam')!)).toEqual({ code: 'K7QM2PXA' });
      await provider!.close();
    }
    provider = undefined;
  });

  it('reports an illegal number (HTTP 200, Code isv.MOBILE_NUMBER_ILLEGAL) as not retryable', async () => {
    const sms = await gatewayAnswering({ json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'req-2' } });

    const error = await refusal(sms.send(message, at));

    expect(error).toMatchObject({ provider: 'aliyun', retryable: false, providerCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect(error.message).toContain('非法手机号');
  });

  it('reports flow control per number (isv.BUSINESS_LIMIT_CONTROL) as retryable', async () => {
    const sms = await gatewayAnswering({ json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'req-3' } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: true, providerCode: 'isv.BUSINESS_LIMIT_CONTROL' });
  });

  it('reports API throttling (HTTP 400 Throttling.User) as retryable, once', async () => {
    const sms = await gatewayAnswering({ status: 400, json: { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: 'req-4' } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: true, providerCode: 'Throttling.User' });
    expect(provider!.requests).toHaveLength(1);
  });

  it('reports a signature refused by Aliyun (HTTP 400) as not retryable', async () => {
    const sms = await gatewayAnswering({ status: 400, json: { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '签名不合法', RequestId: 'req-5' } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: false, providerCode: 'isv.SMS_SIGNATURE_ILLEGAL' });
  });
});
