import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { webhookSignature } from '../../functions/api/webhook-signature';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { wallClockSeconds } from '../support/pinned-wall-clock';
import { testHost, type TestHost } from '../support/test-host';

const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const member = 'member-gaoxin-01';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A receipt as a signing relay (or the government platform) posts it. */
function post(host: TestHost, provider: string, payload: unknown, options: { timestamp?: number; secret?: string; signedBody?: string } = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? wallClockSeconds());
  return host.app.request(`/api/v1/sms/receipts/${provider}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Huifang-Timestamp': timestamp, 'X-Huifang-Signature': webhookSignature(options.secret ?? host.webhookSecret, timestamp, options.signedBody ?? body) },
    body,
  });
}

describe('SMS delivery receipts', () => {
  let host: TestHost;

  /** A closed issue's invitation id: something a receipt can land on. */
  async function invitation(title: string): Promise<string> {
    const imported = await json(await host.call('POST', '/api/v1/issues/import', { as: member, body: { rows: [{ enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '用工短缺', title }] } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${imported.rows[0].issueId}/close`, { as: member, body: { resolution: '已解决' } }));
    return closure.invitation.id as string;
  }
  const deliveryOf = async (id: string) => (await host.core.invitations.get(id))?.delivery;

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
  });

  it('records an Aliyun SmsReport by its out_id, in UTC, and answers what Aliyun expects', async () => {
    const id = await invitation('阿里云回执');
    const res = await post(host, 'aliyun', [
      { phone_number: enterprise.contactPhone, send_time: '2026-11-24 12:00:01', report_time: '2026-11-24 12:00:07', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: '932702304080415357^0', out_id: id },
    ]);

    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ code: 0, msg: '接收成功', recorded: 1, stale: 0, unknown: 0, skipped: 0 });
    expect(await deliveryOf(id)).toEqual({ status: 'delivered', at: '2026-11-24T04:00:07.000Z', provider: 'aliyun', providerMessageId: '932702304080415357^0' });
  });

  it('records a failed Tencent report by its ext (SessionContext), with the carrier code, and skips one without ext', async () => {
    const id = await invitation('腾讯云回执');
    const res = await post(host, 'tencent', [
      { user_receive_time: '2026-11-24 12:01:00', nationcode: '86', mobile: '13800000000', report_status: 'FAIL', errmsg: 'MK:0001', description: '空号', sid: '2433:3299', ext: id },
      { user_receive_time: '2026-11-24 12:01:00', nationcode: '86', mobile: '13800000001', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: '2433:3300' },
    ]);

    expect(await json(res)).toEqual({ result: 0, errmsg: 'OK', recorded: 1, stale: 0, unknown: 0, skipped: 1 });
    expect(await deliveryOf(id)).toEqual({ status: 'undelivered', at: '2026-11-24T04:01:00.000Z', provider: 'tencent', providerCode: 'MK:0001', providerMessageId: '2433:3299' });
  });

  it('records a final AWS delivery event by its context and skips the ones that are not final', async () => {
    const id = await invitation('AWS 回执');
    const event = { eventType: 'TEXT_QUEUED', eventVersion: '1.0', eventTimestamp: Date.parse('2026-11-24T04:02:00Z'), isFinal: false, messageId: 'msg-1', messageStatus: 'QUEUED', context: { invitationId: id } };
    const res = await post(host, 'aws', [event, { ...event, eventType: 'TEXT_DELIVERED', messageStatus: 'DELIVERED', isFinal: true, eventTimestamp: Date.parse('2026-11-24T04:02:05Z') }]);

    expect(await json(res)).toEqual({ recorded: 1, stale: 0, unknown: 0, skipped: 1 });
    expect(await deliveryOf(id)).toEqual({ status: 'delivered', at: '2026-11-24T04:02:05.000Z', provider: 'aws', providerMessageId: 'msg-1' });
  });

  it('keeps the latest receipt: a repeated or older one is stale, an unknown invitation is counted, nothing fails', async () => {
    const id = await invitation('政务平台回执');
    const receipt = { invitationId: id, status: 'undelivered', at: '2026-11-24T04:05:00Z', providerCode: 'UNDELIV' };
    expect(await json(await post(host, 'webhook', receipt))).toMatchObject({ recorded: 1 });

    const res = await post(host, 'webhook', [receipt, { ...receipt, status: 'delivered', at: '2026-11-24T04:04:00Z' }, { ...receipt, invitationId: 'no-such-invitation' }]);
    expect(await json(res)).toEqual({ recorded: 0, stale: 2, unknown: 1, skipped: 0 });
    expect(await deliveryOf(id)).toMatchObject({ status: 'undelivered', providerCode: 'UNDELIV' });

    await post(host, 'webhook', { ...receipt, status: 'delivered', at: '2026-11-24T04:09:00+08:00' }); // older: 04:09 in Shanghai is 20:09 UTC the day before
    expect(await deliveryOf(id)).toMatchObject({ status: 'undelivered' });
    await post(host, 'webhook', { ...receipt, status: 'delivered', at: '2026-11-24T04:06:00Z', providerCode: undefined });
    expect(await deliveryOf(id)).toEqual({ status: 'delivered', at: '2026-11-24T04:06:00.000Z', provider: 'webhook' });
  });

  it('refuses a tampered or stale receipt with 401 and records nothing', async () => {
    const id = await invitation('伪造回执');
    const receipt = { invitationId: id, status: 'delivered', at: '2026-11-24T04:05:00Z' };
    const tampered = await post(host, 'webhook', receipt, { signedBody: JSON.stringify({ ...receipt, status: 'undelivered' }) });
    expect(tampered.status).toBe(401);
    expect((await json(tampered)).error).toBe('webhook.bad_signature');
    const wrongSecret = await post(host, 'webhook', receipt, { secret: 'not-the-receipt-secret-but-long-enough' });
    expect(wrongSecret.status).toBe(401);
    const stale = await post(host, 'webhook', receipt, { timestamp: wallClockSeconds() - 3600 });
    expect((await json(stale)).error).toBe('webhook.stale');
    expect(await deliveryOf(id)).toBeUndefined();
  });

  it('answers 400 for a body that is no receipt of that provider, 404 for an unknown provider, and needs no staff token', async () => {
    const bad = await post(host, 'aliyun', [{ out_id: 'x', success: 'yes', report_time: 'yesterday' }]);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe('validation.failed');
    expect((await json(await post(host, 'webhook', '{'))).error).toBe('validation.failed');
    const unknown = await post(host, 'huawei', []);
    expect(unknown.status).toBe(404);
  });

  it('answers 503 webhook.not_configured when the deployment has no receipt secret', async () => {
    const app = createApp({ core: host.core, auth: host.issuer.authenticator('http://localhost/jwks.json'), clientAddress: () => 'test' });
    const res = await app.request('/api/v1/sms/receipts/aliyun', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(res.status).toBe(503);
    expect((await json(res)).error).toBe('webhook.not_configured');
  });
});
