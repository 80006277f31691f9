import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { webhookSignature } from '../../functions/api/webhook-signature';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { wallClockSeconds } from '../support/pinned-wall-clock';
import { testHost, type TestHost } from '../support/test-host';

const enterprise = demoEnterprises.find((e) => e.teamId === 'gaoxin-01')!;
const member = 'member-gaoxin-01';
const URL = '/api/v1/events/issue-closed';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Webhook timestamps are wall-clock seconds: the pinned wall clock of every test. */
const unixNow = wallClockSeconds;

/** A delivery as an outside ledger sends it: the raw body, its timestamp and signature. */
function deliver(host: TestHost, body: string, options: { timestamp?: number; signedBody?: string; secret?: string } = {}) {
  const timestamp = String(options.timestamp ?? unixNow());
  const signature = webhookSignature(options.secret ?? host.webhookSecret, timestamp, options.signedBody ?? body);
  return host.app.request(URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Huifang-Timestamp': timestamp, 'X-Huifang-Signature': signature },
    body,
  });
}

describe('the signed issue-closed webhook', () => {
  let host: TestHost;
  let issueId: string;

  async function openIssue(title: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await host.call('POST', '/api/v1/issues/import', {
      as: member,
      body: { rows: [{ enterpriseId: enterprise.id, teamId: 'gaoxin-01', category: '用工短缺', title, ...extra }] },
    });
    return (await json(res)).rows[0].issueId;
  }

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
    issueId = await openIssue('招聘一线操作工30人');
  });

  it('shows the local secret at /local/webhook-secret', async () => {
    const res = await host.app.request('/local/webhook-secret');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ secret: host.webhookSecret, url: URL });
    expect(host.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a tampered body with webhook.bad_signature and closes nothing', async () => {
    const signed = JSON.stringify({ issueId, resolution: '已对接招聘会' });
    const res = await deliver(host, JSON.stringify({ issueId, resolution: '已解决（篡改）' }), { signedBody: signed });
    expect(res.status).toBe(401);
    expect((await json(res)).error).toBe('webhook.bad_signature');
    expect((await json(await host.call('GET', `/api/v1/issues/${issueId}`, { as: member }))).status).toBe('open');
  });

  it.each([
    ['no signature headers', {}],
    ['a signature made with another secret', { 'X-Huifang-Timestamp': String(unixNow()), 'X-Huifang-Signature': webhookSignature('f'.repeat(64), String(unixNow()), '{}') }],
    ['a staff token instead of a signature', { authorization: 'Bearer x' }],
  ])('refuses %s with 401 webhook.bad_signature', async (_, headers) => {
    const res = await host.app.request(URL, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect(res.status).toBe(401);
    expect((await json(res)).error).toBe('webhook.bad_signature');
  });

  it('refuses a replay of a delivery signed ten minutes ago with webhook.stale', async () => {
    const res = await deliver(host, JSON.stringify({ issueId, resolution: '已对接招聘会' }), { timestamp: unixNow() - 600 });
    expect(res.status).toBe(401);
    expect((await json(res)).error).toBe('webhook.stale');
    expect((await json(await host.call('GET', `/api/v1/issues/${issueId}`, { as: member }))).status).toBe('open');
  });

  let closure: any;
  const body = () => JSON.stringify({ issueId, resolution: '已对接人社局招聘会', closedBy: '张三' });
  const timestamp = unixNow();

  it('closes the issue with a good signature and answers the closure, recording the outside ledger as the closer', async () => {
    const res = await deliver(host, body(), { timestamp });
    expect(res.status).toBe(200);
    closure = await json(res);
    expect(closure.issue).toMatchObject({ id: issueId, status: 'closed', resolution: '已对接人社局招聘会', closedBy: 'external-ledger/张三' });
    // Closed Tuesday 24 Nov: due end of Friday 27 Nov, 23:59:59.999 Shanghai, as for a close by hand.
    expect(closure.callbackTask).toMatchObject({ kind: 'callback', issueId, teamId: 'gaoxin-01', dueAt: '2026-11-27T15:59:59.999Z' });
    expect(closure.invitation).toMatchObject({ status: 'scheduled', sendAfter: '2026-11-24T04:00:00.000Z' });
    const detail = await json(await host.call('GET', `/api/v1/issues/${issueId}`, { as: member }));
    expect(detail.events.at(-1)).toMatchObject({ by: 'external-ledger/张三', role: 'office', from: 'open', to: 'closed' });
  });

  it('answers a second identical delivery with the same task and changes nothing', async () => {
    const res = await deliver(host, body(), { timestamp });
    expect(res.status).toBe(200);
    const again = await json(res);
    expect(again.callbackTask.id).toBe(closure.callbackTask.id);
    expect(again.invitation.id).toBe(closure.invitation.id);
    const detail = await json(await host.call('GET', `/api/v1/issues/${issueId}`, { as: member }));
    expect(detail.events.map((e: any) => e.to)).toEqual(['open', 'closed']);
    const tasks = await json(await host.call('GET', '/api/v1/callback-tasks', { as: member }));
    expect(tasks.items.filter((t: any) => t.issueId === issueId)).toHaveLength(1);
  });

  it('finds an imported issue by the outside ledger’s own id', async () => {
    const imported = await openIssue('厂房租金减免', { externalId: 'TZ-42' });
    const res = await deliver(host, JSON.stringify({ externalId: 'TZ-42', resolution: '已落实减免' }));
    expect(res.status).toBe(200);
    expect((await json(res)).issue).toMatchObject({ id: imported, status: 'closed', closedBy: 'external-ledger' });
  });

  it.each([
    ['an unknown issue id', { issueId: 'nope', resolution: 'x' }, 404, 'issue.not_found'],
    ['an unknown external id', { externalId: 'TZ-404', resolution: 'x' }, 404, 'issue.not_found'],
    ['both ids', { issueId: 'a', externalId: 'b', resolution: 'x' }, 400, 'validation.failed'],
    ['no resolution', { issueId: 'a' }, 400, 'validation.failed'],
  ])('answers a signed delivery with %s like the close endpoint would', async (_, payload, status, code) => {
    const res = await deliver(host, JSON.stringify(payload));
    expect(res.status).toBe(status);
    expect((await json(res)).error).toBe(code);
  });

  it('answers 503 webhook.not_configured when the deployment has no secret', async () => {
    const app = createApp({ core: host.core, auth: host.issuer.authenticator('http://localhost/jwks.json'), clientAddress: () => 'test' });
    const res = await app.request(URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(503);
    expect((await json(res)).error).toBe('webhook.not_configured');
  });
});
