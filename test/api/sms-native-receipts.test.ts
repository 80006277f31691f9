import { beforeAll, describe, expect, it } from 'vitest';
import { receiptPathKey } from '../../functions/api/receipt-path-key';
import { sendDueInvitations } from '../../functions/core/invitations/send-due';
import type { SmsProvider } from '../../functions/core/invitations/sms-send-error';
import type { SmsGateway } from '../../functions/core/ports';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const member = 'member-gaoxin-01';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A provider gateway that accepts every message and answers with its own id, as Aliyun's BizId or Tencent's SerialNo. */
function acceptingGateway(provider: SmsProvider, ids: Map<string, string>): SmsGateway {
  return {
    provider,
    async send(message) {
      const id = `${provider}-${ids.size + 1}^0`;
      ids.set(message.invitationId, id);
      return { providerMessageId: id };
    },
  };
}

describe('delivery receipts pushed by Aliyun and Tencent in their own format', () => {
  let host: TestHost;
  let day = 0;

  /** An invitation closed and sent through `provider`; its provider message id. */
  async function sentThrough(provider: SmsProvider, title: string): Promise<{ id: string; messageId: string }> {
    host.clock.set(new Date(Date.parse('2026-11-24T02:00:00Z') + day * 7 * 86_400_000));
    const imported = await json(await host.call('POST', '/api/v1/issues/import', { as: member, body: { rows: [{ enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '用工短缺', title }] } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${imported.rows[0].issueId}/close`, { as: member, body: { resolution: '已解决' } }));
    host.clock.set(new Date(Date.parse('2026-11-24T06:00:00Z') + day * 7 * 86_400_000));
    day++;
    const ids = new Map<string, string>();
    await sendDueInvitations({ ...host.core, sms: acceptingGateway(provider, ids) });
    const messageId = ids.get(closure.invitation.id);
    expect(messageId, 'the invitation was sent').toBeDefined();
    return { id: closure.invitation.id, messageId: messageId! };
  }
  const deliveryOf = async (id: string) => (await host.core.invitations.get(id))?.delivery;
  const push = (provider: string, key: string, body: unknown) =>
    host.app.request(`/api/v1/sms/receipts/${provider}/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const keyOf = (provider: 'aliyun' | 'tencent') => receiptPathKey(host.webhookSecret, provider);

  beforeAll(async () => {
    host = await testHost();
  });

  it('records an Aliyun SmsReport naming only biz_id through the lookup written at send, and answers {code: 0}', async () => {
    const { id, messageId } = await sentThrough('aliyun', '阿里云原生回执');
    const res = await push('aliyun', keyOf('aliyun'), [
      { phone_number: enterprise.contactPhone, send_time: '2026-12-01 14:00:01', report_time: '2026-12-01 14:00:09', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: messageId, out_id: '' },
    ]);

    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ code: 0, msg: '接收成功', recorded: 1, stale: 0, unknown: 0, skipped: 0 });
    expect(await deliveryOf(id)).toEqual({ status: 'delivered', at: '2026-12-01T06:00:09.000Z', provider: 'aliyun', providerMessageId: messageId });
  });

  it('records a failed Tencent report naming only sid, lists the invitation as undelivered, and a later delivered report takes it off', async () => {
    const { id, messageId } = await sentThrough('tencent', '腾讯云原生回执');
    const fail = { user_receive_time: '2026-12-08 14:01:00', nationcode: '86', mobile: enterprise.contactPhone, report_status: 'FAIL', errmsg: 'MK:0001', description: '空号', sid: messageId };
    const res = await push('tencent', keyOf('tencent'), [fail]);

    expect(await json(res)).toEqual({ result: 0, errmsg: 'OK', recorded: 1, stale: 0, unknown: 0, skipped: 0 });
    expect(await deliveryOf(id)).toEqual({ status: 'undelivered', at: '2026-12-08T06:01:00.000Z', provider: 'tencent', providerCode: 'MK:0001', providerMessageId: messageId });
    const listed = await json(await host.call('GET', '/api/v1/invitations?status=undelivered', { as: 'office' }));
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(id);
    const zone = await json(await host.call('GET', '/api/v1/invitations?status=undelivered', { as: `dispatcher-${enterprise.zoneId}` }));
    expect(zone.items.map((i: { id: string }) => i.id)).toContain(id);

    await push('tencent', keyOf('tencent'), [{ ...fail, user_receive_time: '2026-12-08 14:30:00', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功' }]);
    expect(await deliveryOf(id)).toMatchObject({ status: 'delivered' });
    const after = await json(await host.call('GET', '/api/v1/invitations?status=undelivered', { as: 'office' }));
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('takes a repeated or late report as stale, and one matching no message as skipped, changing nothing', async () => {
    const { id, messageId } = await sentThrough('tencent', '重复回执');
    const report = { user_receive_time: '2026-12-15 14:01:00', nationcode: '86', mobile: enterprise.contactPhone, report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: messageId };
    expect(await json(await push('tencent', keyOf('tencent'), [report]))).toMatchObject({ recorded: 1 });

    const again = await push('tencent', keyOf('tencent'), [report, { ...report, user_receive_time: '2026-12-15 14:00:00', report_status: 'FAIL', errmsg: 'UNDELIV' }, { ...report, sid: 'never-sent-by-huifang' }]);
    expect(await json(again)).toEqual({ result: 0, errmsg: 'OK', recorded: 0, stale: 2, unknown: 0, skipped: 1 });
    expect(await deliveryOf(id)).toMatchObject({ status: 'delivered', at: '2026-12-15T06:01:00.000Z' });
  });

  it('answers 404 for a wrong key, the other provider\'s key or a provider that does not push, and records nothing', async () => {
    const { id, messageId } = await sentThrough('aliyun', '错误密钥');
    const report = [{ phone_number: enterprise.contactPhone, send_time: '2026-12-22 14:00:01', report_time: '2026-12-22 14:00:09', success: false, err_code: 'UNDELIV', err_msg: '失败', sms_size: '1', biz_id: messageId, out_id: id }];
    const right = keyOf('aliyun');
    for (const [provider, key] of [
      ['aliyun', `${right.slice(0, -1)}${right.endsWith('0') ? '1' : '0'}`],
      ['aliyun', keyOf('tencent')],
      ['aliyun', host.webhookSecret],
      ['aws', right],
      ['webhook', right],
    ] as const) {
      const res = await push(provider, key, report);
      expect(res.status, `${provider}/${key}`).toBe(404);
      expect((await json(res)).error).toBe('not_found');
    }
    expect(await deliveryOf(id)).toBeUndefined();
  });

  it('answers 400 for a body that is no report of that provider, with nothing recorded', async () => {
    const bad = await push('tencent', keyOf('tencent'), [{ sid: 'x', report_status: 'MAYBE' }]);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe('validation.failed');
    expect((await json(await push('aliyun', keyOf('aliyun'), '{'))).error).toBe('validation.failed');
  });
});
