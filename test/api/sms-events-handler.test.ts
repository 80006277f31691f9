import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb-local';
import { buildLocalHost, type LocalHost } from '../../infra/local/local-host';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { sendDueInvitations } from '../../functions/core/invitations/send-due';
import type { SmsGateway } from '../../functions/core/ports';
import { freshTable } from '../support/test-host';

/** An End User Messaging SMS event, shaped as AWS documents it. */
function smsEvent(overrides: Record<string, unknown>) {
  return {
    eventType: 'TEXT_DELIVERED',
    eventVersion: '1.0',
    eventTimestamp: Date.parse('2026-11-24T05:00:09Z'),
    isFinal: true,
    originationPhoneNumber: '+12065550152',
    destinationPhoneNumber: '+8613800000000',
    isInternationalSend: true,
    messageId: 'msg-0',
    messageRequestTimestamp: Date.parse('2026-11-24T05:00:00Z'),
    messageEncoding: 'UCS2',
    messageType: 'TRANSACTIONAL',
    messageStatus: 'DELIVERED',
    messageStatusDescription: 'Message has been accepted by phone',
    totalMessageParts: 1,
    totalMessagePrice: 0.04,
    totalCarrierFee: 0,
    ...overrides,
  };
}

/** SNS's notification to a subscribed Lambda: one record per published message. */
function snsEvent(messages: string[]): SNSEvent {
  return {
    Records: messages.map((Message, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:huifang-test-SmsDeliveryEvents:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `sns-${i}`,
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:huifang-test-SmsDeliveryEvents',
        Subject: '',
        Message,
        Timestamp: '2026-11-24T05:00:10.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

describe('the sms-events Lambda handler (End User Messaging -> SNS -> Lambda)', () => {
  let host: LocalHost;
  let handler: (event: SNSEvent) => Promise<Record<string, number>>;
  const invitations: string[] = [];
  const messageIds = new Map<string, string>();

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('smsevents');
    host = await buildLocalHost({ endpoint, tableName, settings: { frequencyCapDays: 0 } });
    await host.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    const office = { sub: 'office', username: 'office', role: 'office' as const };
    for (const title of ['AWS 送达', 'AWS 未送达']) {
      const issue = await createIssue(host.core, office, { enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title });
      invitations.push((await closeIssue(host.core, office, issue.id, { resolution: 'r' })).invitation!.id);
    }
    host.clock.set(new Date('2026-11-24T05:00:00Z'));
    const aws: SmsGateway = {
      provider: 'aws',
      async send(message) {
        const id = `msg-${messageIds.size + 1}`;
        messageIds.set(message.invitationId, id);
        return { providerMessageId: id };
      },
    };
    await sendDueInvitations({ ...host.core, sms: aws });

    vi.stubEnv('HUIFANG_TABLE_NAME', tableName);
    vi.stubEnv('HUIFANG_DYNAMODB_ENDPOINT', endpoint);
    vi.stubEnv('AWS_REGION', LOCAL_REGION);
    vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_CREDENTIALS.secretAccessKey);
    vi.stubEnv('HUIFANG_USER_POOL_ID', 'us-east-1_Example1');
    vi.stubEnv('HUIFANG_USER_POOL_CLIENT_ID', 'exampleclientid');
    vi.stubEnv('HUIFANG_PUBLIC_BASE_URL', 'https://hf.example.com');
    vi.stubEnv('HUIFANG_SMS_GATEWAY', 'aws');
    vi.stubEnv('HUIFANG_SMS_AWS_ORIGINATION_IDENTITY', 'pool-0123');
    handler = (await import('../../functions/handlers/sms-events')).handler as unknown as typeof handler;
  }, 120_000);

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('records a delivered event by context and an undelivered one by messageId alone, and skips a queued one', async () => {
    const [delivered, undelivered] = invitations as [string, string];
    const report = await handler(
      snsEvent([
        JSON.stringify(smsEvent({ eventType: 'TEXT_QUEUED', messageStatus: 'QUEUED', isFinal: false, messageId: messageIds.get(delivered), context: { invitationId: delivered } })),
        JSON.stringify(smsEvent({ messageId: messageIds.get(delivered), context: { invitationId: delivered } })),
        JSON.stringify(smsEvent({ eventType: 'TEXT_CARRIER_UNREACHABLE', messageStatus: 'CARRIER_UNREACHABLE', messageId: messageIds.get(undelivered) })),
      ]),
    );

    expect(report).toEqual({ recorded: 2, stale: 0, unknown: 0, skipped: 1, malformed: 0 });
    expect((await host.core.invitations.get(delivered))?.delivery).toEqual({ status: 'delivered', at: '2026-11-24T05:00:09.000Z', provider: 'aws', providerMessageId: 'msg-1' });
    expect((await host.core.invitations.get(undelivered))?.delivery).toEqual({
      status: 'undelivered',
      at: '2026-11-24T05:00:09.000Z',
      provider: 'aws',
      providerCode: 'TEXT_CARRIER_UNREACHABLE',
      providerMessageId: 'msg-2',
    });
    const listed = await host.core.invitations.list({ kind: 'all' }, 'undelivered', { limit: 10 });
    expect(listed.items.map((i) => i.id)).toEqual([undelivered]);
  });

  it('takes SNS redelivering the same event as stale, and counts a message that is no event without throwing', async () => {
    const [delivered] = invitations as [string];
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const report = await handler(snsEvent([JSON.stringify(smsEvent({ messageId: messageIds.get(delivered), context: { invitationId: delivered } })), 'not json', '{"hello":"world"}']));
    expect(report).toEqual({ recorded: 0, stale: 1, unknown: 0, skipped: 0, malformed: 2 });
    expect(warned).toHaveBeenCalledTimes(2);
    warned.mockRestore();
  });
});
