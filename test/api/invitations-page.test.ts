import { beforeAll, describe, expect, it } from 'vitest';
import { receiptPathKey } from '../../functions/api/receipt-path-key';
import type { Principal } from '../../functions/core/auth/principal';
import { sendDueInvitations } from '../../functions/core/invitations/send-due';
import { SmsSendError } from '../../functions/core/invitations/sms-send-error';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import type { SmsGateway } from '../../functions/core/ports';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

const ORIGIN = 'http://localhost';
const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

/** Tencent as huifang sees it: an empty-number refusal for `refused`, an accepted message (its SerialNo) for the rest. */
function tencent(refused: Set<string>, serials: Map<string, string>): SmsGateway {
  return {
    provider: 'tencent',
    async send(message) {
      if (refused.has(message.invitationId)) {
        throw new SmsSendError({ provider: 'tencent', retryable: false, providerCode: 'FailedOperation.PhoneNumberInBlacklist', message: '号码在黑名单中' });
      }
      const serial = `2433:${serials.size + 1}`;
      serials.set(message.invitationId, serial);
      return { providerMessageId: serial };
    },
  };
}

describe('the SMS follow-up page (/app/invitations) and the survey section of an issue', () => {
  let host: TestHost;
  const ids = { failed: '', undelivered: '', delivered: '' };
  const issues = { delivered: '' };
  const cookies = new Map<string, string>();

  async function get(path: string, username: string) {
    if (!cookies.has(username)) {
      const res = await host.app.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ username, password: DEMO_PASSWORD }) });
      cookies.set(username, `huifang_session=${/huifang_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`);
    }
    return host.app.request(path, { headers: { cookie: cookies.get(username)! } });
  }
  /** The `<li>` of an invitation in the page, or undefined. */
  const rowOf = (html: string, id: string) => new RegExp(`<li data-invitation="${id}">([\\s\\S]*?)</li>`).exec(html)?.[1];
  const sectionOf = (html: string, listing: string) => new RegExp(`data-listing="${listing}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

  beforeAll(async () => {
    // One SMS per issue (no frequency cap): each invitation gets its own provider message id and receipt.
    host = await testHost({ frequencyCapDays: 0 });
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    for (const name of ['failed', 'undelivered', 'delivered'] as const) {
      const issue = await createIssue(host.core, office, { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '政策咨询', title: `短信${name}` });
      ids[name] = (await closeIssue(host.core, office, issue.id, { resolution: '已讲解' })).invitation!.id;
      if (name === 'delivered') issues.delivered = issue.id;
    }
    host.clock.set(new Date('2026-11-24T06:00:00Z'));
    const serials = new Map<string, string>();
    await sendDueInvitations({ ...host.core, sms: tencent(new Set([ids.failed]), serials) });
    const push = (report: Record<string, string>) =>
      host.app.request(`/api/v1/sms/receipts/tencent/${receiptPathKey(host.webhookSecret, 'tencent')}`, { method: 'POST', body: JSON.stringify([{ nationcode: '86', mobile: enterprise.contactPhone, ...report }]) });
    await push({ user_receive_time: '2026-11-24 14:00:30', report_status: 'FAIL', errmsg: 'MK:0001', description: '空号', sid: serials.get(ids.undelivered)! });
    await push({ user_receive_time: '2026-11-24 14:00:20', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: serials.get(ids.delivered)! });
  });

  it('lists a failed and an undelivered invitation for the office, each with its reason and delivery state, linked from the nav', async () => {
    const res = await get('/app/invitations', 'office');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<a href="\/app\/invitations" aria-current="page">短信<\/a>/);
    expect(html).not.toContain('<script');

    const failed = rowOf(sectionOf(html, 'failed'), ids.failed);
    expect(failed).toContain('发送失败');
    expect(failed).toContain('FailedOperation.PhoneNumberInBlacklist');
    expect(failed).toContain('短信未发送');
    const undelivered = rowOf(sectionOf(html, 'undelivered'), ids.undelivered);
    expect(undelivered).toContain('短信未送达（MK:0001）');
    expect(undelivered).toContain('腾讯云回执 MK:0001');
    expect(undelivered).toContain(enterprise.name);
    expect(rowOf(html, ids.delivered), 'a delivered invitation needs no attention').toBeUndefined();
  });

  it('shows a dispatcher the zone\'s invitations only, one list at a time on request, and refuses team members', async () => {
    const own = await (await get('/app/invitations?status=undelivered', `dispatcher-${enterprise.zoneId}`)).text();
    expect(rowOf(own, ids.undelivered)).toBeDefined();
    expect(own).not.toContain('data-listing="failed"');
    const other = await (await get('/app/invitations', 'dispatcher-changde')).text();
    expect(rowOf(other, ids.undelivered)).toBeUndefined();
    expect(rowOf(other, ids.failed)).toBeUndefined();
    expect((await get('/app/invitations', `member-${enterprise.teamId}`)).status).toBe(403);
    expect((await get('/app/invitations?status=answered', 'office')).status).toBe(400);
  });

  it('shows on the issue page whether the survey SMS was delivered, and when it was not, why', async () => {
    const delivered = await (await get(`/app/issues/${issues.delivered}`, 'office')).text();
    expect(delivered).toContain('满意度回访');
    expect(delivered).toContain('短信送达');
    const undelivered = await host.core.invitations.get(ids.undelivered);
    const page = await (await get(`/app/issues/${undelivered!.issueId}`, `member-${enterprise.teamId}`)).text();
    expect(page).toContain('短信未送达（MK:0001）');
    const failed = await host.core.invitations.get(ids.failed);
    const failedPage = await (await get(`/app/issues/${failed!.issueId}`, 'office')).text();
    expect(failedPage).toMatch(/<dt>原因<\/dt><dd>tencent FailedOperation\.PhoneNumberInBlacklist/);
  });
});
