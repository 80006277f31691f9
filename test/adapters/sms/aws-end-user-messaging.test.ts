import { afterEach, describe, expect, it } from 'vitest';
import { awsSmsGateway } from '../../../functions/adapters/sms/aws-end-user-messaging';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { at, closedPort, fakeProvider, message, type FakeProvider, type ProviderReply } from './fake-provider';

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

async function gatewayAnswering(reply: ProviderReply) {
  provider = await fakeProvider(() => reply);
  return awsSmsGateway({ originationIdentity: 'pool-huifang', configurationSet: 'huifang-receipts', region: 'ap-southeast-1', endpoint: provider.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
}

async function refusal(send: Promise<unknown>): Promise<SmsSendError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('AWS End User Messaging SMS gateway', () => {
  it('sends SendTextMessage with the body as written, E.164 number, origination identity and the invitation in Context', async () => {
    const sms = await gatewayAnswering({ json: { MessageId: 'msg-0001' } });

    const sent = await sms.send(message, at);

    expect(sent).toEqual({ providerMessageId: 'msg-0001' });
    const [request] = provider!.requests;
    expect(request?.headers['x-amz-target']).toBe('PinpointSMSVoiceV2.SendTextMessage');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/ap-southeast-1\/sms-voice\/aws4_request/);
    expect(JSON.parse(request!.body)).toEqual({
      DestinationPhoneNumber: '+8613812345678',
      OriginationIdentity: 'pool-huifang',
      MessageBody: message.body,
      MessageType: 'TRANSACTIONAL',
      Context: { invitationId: message.invitationId },
      ConfigurationSetName: 'huifang-receipts',
    });
  });

  it('reports a refused number as not retryable, with the exception and its reason as the code', async () => {
    const sms = await gatewayAnswering({ status: 400, json: { __type: 'ValidationException', message: 'Invalid destination', Reason: 'INVALID_PARAMETER' } });

    const error = await refusal(sms.send(message, at));

    expect(error).toMatchObject({ provider: 'aws', retryable: false, providerCode: 'ValidationException:INVALID_PARAMETER' });
    expect(error.message).toContain('Invalid destination');
  });

  it('reports throttling as retryable and leaves the retry to the sweeper (one request only)', async () => {
    const sms = await gatewayAnswering({ status: 400, json: { __type: 'ThrottlingException', message: 'Rate exceeded' } });

    const error = await refusal(sms.send(message, at));

    expect(error).toMatchObject({ provider: 'aws', retryable: true, providerCode: 'ThrottlingException' });
    expect(provider!.requests).toHaveLength(1);
  });

  it('reports an unreachable endpoint as retryable', async () => {
    const sms = awsSmsGateway({ originationIdentity: 'pool-huifang', region: 'ap-southeast-1', endpoint: await closedPort(), credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: true });
  });
});
