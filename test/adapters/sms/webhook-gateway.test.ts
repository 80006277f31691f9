import { afterEach, describe, expect, it } from 'vitest';
import { webhookSmsGateway } from '../../../functions/adapters/sms/webhook-gateway';
import { verifyWebhook } from '../../../functions/api/webhook-signature';
import { SmsSendError } from '../../../functions/core/invitations/sms-send-error';
import { at, closedPort, fakeProvider, message, type FakeProvider, type ProviderReply } from './fake-provider';

const secret = 'a-government-platform-secret-of-32-chars+';
const wallClock = new Date('2026-11-30T02:00:05.000Z');

let provider: FakeProvider | undefined;
afterEach(() => provider?.close());

async function gatewayAnswering(reply: ProviderReply) {
  provider = await fakeProvider(() => reply);
  return webhookSmsGateway({ url: `${provider.url}/sms`, secret }, () => wallClock);
}

async function refusal(send: Promise<unknown>): Promise<SmsSendError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('HMAC-signed webhook gateway', () => {
  it('POSTs {to, body, invitationId, sentAt} signed over timestamp + "." + the raw body', async () => {
    const sms = await gatewayAnswering({ json: { messageId: 'gov-77' } });

    const sent = await sms.send(message, at);

    expect(sent).toEqual({ providerMessageId: 'gov-77' });
    const [request] = provider!.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/sms');
    expect(JSON.parse(request!.body)).toEqual({ to: message.to, body: message.body, invitationId: message.invitationId, sentAt: at.toISOString() });
    expect(request?.headers['x-huifang-timestamp']).toBe(String(wallClock.getTime() / 1000));
    const headers = { timestamp: request?.headers['x-huifang-timestamp'] as string, signature: request?.headers['x-huifang-signature'] as string };
    expect(() => verifyWebhook(secret, headers, new TextEncoder().encode(request!.body), wallClock)).not.toThrow();
    expect(() => verifyWebhook('another-secret-of-thirty-two-characters', headers, new TextEncoder().encode(request!.body), wallClock)).toThrow(/does not match/);
  });

  it('reports a refused number (4xx with a code) as not retryable', async () => {
    const sms = await gatewayAnswering({ status: 422, json: { code: 'INVALID_NUMBER', message: '号码无效' } });

    expect(await refusal(sms.send(message, at))).toMatchObject({ provider: 'webhook', retryable: false, providerCode: 'INVALID_NUMBER', message: 'webhook INVALID_NUMBER: 号码无效' });
  });

  it('reports throttling (429) and platform faults (5xx) as retryable', async () => {
    const throttled = await gatewayAnswering({ status: 429, json: {} });
    expect(await refusal(throttled.send(message, at))).toMatchObject({ retryable: true, providerCode: 'HTTP429' });
    await provider!.close();

    const down = await gatewayAnswering({ status: 503, json: { code: 'MAINTENANCE' } });
    expect(await refusal(down.send(message, at))).toMatchObject({ retryable: true, providerCode: 'MAINTENANCE' });
  });

  it('reports a platform that cannot be reached as retryable', async () => {
    const sms = webhookSmsGateway({ url: `${await closedPort()}/sms`, secret });

    expect(await refusal(sms.send(message, at))).toMatchObject({ retryable: true, providerCode: 'NetworkError' });
  });
});
