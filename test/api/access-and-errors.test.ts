import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('staff access', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await testHost();
  });

  it('answers 401 without a token, with a malformed one, and with one signed by another key', async () => {
    const none = await host.app.request('/api/v1/issues');
    expect(none.status).toBe(401);
    expect((await json(none)).error).toBe('auth.missing');
    const junk = await host.app.request('/api/v1/issues', { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(junk.status).toBe(401);
    expect((await json(junk)).error).toBe('auth.invalid');
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['office'], 'cognito:username': 'mallory' })
      .setProtectedHeader({ alg: 'RS256', kid: host.issuer.publicJwk.kid })
      .setIssuer('huifang-local')
      .setAudience('huifang')
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await host.app.request('/api/v1/issues', { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it('refuses a wrong demo password', async () => {
    const res = await host.call('POST', '/auth/token', { body: { username: 'office', password: 'guess' } });
    expect(res.status).toBe(401);
    expect((await json(res)).error).toBe('auth.bad_credentials');
  });

  it('holds POST /local/sweep while the demo history is being written', async () => {
    let release!: () => void;
    host.holdSweepsUntil(new Promise<void>((done) => (release = done)));
    let answered = false;
    const sweep = Promise.resolve(host.app.request('/local/sweep', { method: 'POST' })).then((res) => ((answered = true), res));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    release();
    expect((await sweep).status).toBe(200);
  });

  it('lists one demo user per role, zone and team', async () => {
    const users = await json(await host.app.request('/local/demo-users'));
    const roles = users.map((u: any) => u.role);
    expect(roles.filter((r: string) => r === 'office')).toHaveLength(1);
    expect(roles.filter((r: string) => r === 'zone-dispatcher')).toHaveLength(4);
    expect(roles.filter((r: string) => r === 'team-member')).toHaveLength(16);
    expect(roles.filter((r: string) => r === 'function-group')).toHaveLength(1);
  });

  it('scopes lists: a team sees its team, a dispatcher the zone, the office everything', async () => {
    const a = demoEnterprises.find((e) => e.teamId === 'beihu-01')!;
    const b = demoEnterprises.find((e) => e.teamId === 'konggang-02')!;
    const ia = await json(await host.call('POST', '/api/v1/issues', { as: 'member-beihu-01', body: { enterpriseId: a.id, teamId: 'beihu-01', category: '其他', title: 'A' } }));
    const ib = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: b.id, teamId: 'konggang-02', category: '其他', title: 'B' } }));
    const ids = async (user: string, query = '') => (await json(await host.call('GET', `/api/v1/issues${query}`, { as: user }))).items.map((i: any) => i.id);
    expect(await ids('member-beihu-01')).toEqual([ia.id]);
    expect(await ids('member-beihu-02')).toEqual([]);
    expect(await ids('dispatcher-beihu')).toEqual([ia.id]);
    expect((await ids('office')).sort()).toEqual([ia.id, ib.id].sort());
    expect(await ids('office', '?zoneId=konggang')).toEqual([ib.id]);
    expect((await host.call('GET', `/api/v1/issues/${ib.id}`, { as: 'member-beihu-01' })).status).toBe(404);
    expect((await host.call('GET', '/api/v1/issues?teamId=konggang-02', { as: 'dispatcher-beihu' })).status).toBe(403);
    const zones = await json(await host.call('GET', '/api/v1/zones', { as: 'dispatcher-beihu' }));
    expect(zones.items.map((z: any) => z.id)).toEqual(['beihu']);
    const enterprises = await json(await host.call('GET', '/api/v1/enterprises?limit=200', { as: 'member-beihu-01' }));
    expect(enterprises.items.length).toBeGreaterThan(0);
    expect(enterprises.items.every((e: any) => e.teamId === 'beihu-01')).toBe(true);
  });
});

describe('bad input answers 4xx with a code and changes nothing', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await testHost();
  });

  it.each([
    ['malformed JSON', '{"enterpriseId":', 400, 'validation.failed'],
    ['missing fields', '{}', 400, 'validation.failed'],
    ['unknown enterprise', JSON.stringify({ enterpriseId: 'nope', teamId: 'gaoxin-01', category: '其他', title: 't' }), 422, 'reference.unknown'],
    ['unknown team', JSON.stringify({ enterpriseId: 'ent-001', teamId: 'nope', category: '其他', title: 't' }), 422, 'reference.unknown'],
  ])('POST /issues with %s', async (_, body, status, code) => {
    const res = await host.app.request('/api/v1/issues', {
      method: 'POST',
      headers: { authorization: `Bearer ${await host.tokenFor('office')}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect((await json(res)).error).toBe(code);
    expect((await json(await host.call('GET', '/api/v1/issues', { as: 'office' }))).items).toEqual([]);
  });

  it.each([
    ['/api/v1/issues?limit=0'],
    ['/api/v1/issues?limit=201'],
    ['/api/v1/issues?status=lost'],
    ['/api/v1/issues?cursor=garbage'],
    [`/api/v1/issues?cursor=${Buffer.from(JSON.stringify({ PK: 'x', SK: 'y', GSI3PK: 'TASK', GSI3SK: 'z' })).toString('base64url')}`],
    ['/api/v1/callback-tasks?kind=visit'],
    ['/api/v1/reports/scores?by=planet'],
    ['/api/v1/reports/scores?by=team&from=2026-02-30&to=2026-03-01'],
    ['/api/v1/reports/scores?by=team&from=2026-03-02&to=2026-03-01'],
  ])('GET %s is 400', async (path) => {
    const res = await host.call('GET', path, { as: 'office' });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('validation.failed');
  });

  it('answers unknown issues, tasks and routes with 404 codes', async () => {
    expect((await json(await host.call('POST', '/api/v1/issues/nope/close', { as: 'office', body: { resolution: 'x' } }))).error).toBe('issue.not_found');
    expect((await json(await host.call('POST', '/api/v1/callback-tasks/nope/complete', { as: 'office', body: { outcome: 'reached' } }))).error).toBe('task.not_found');
    const res = await host.app.request('/nowhere');
    expect(res.status).toBe(404);
    expect((await json(res)).error).toBe('not_found');
  });

  it('keeps category scores to the office', async () => {
    expect((await host.call('GET', '/api/v1/reports/scores?by=category', { as: 'member-gaoxin-01' })).status).toBe(403);
    expect((await host.call('GET', '/api/v1/reports/scores?by=category', { as: 'office' })).status).toBe(200);
  });

  it('serves a front page in Chinese that points the way, the local tools included', async () => {
    const res = await host.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    for (const href of ['/api/v1/openapi.json', '/local/outbox', '/local/demo-users']) expect(html).toContain(`href="${href}"`);
  });

  it('serves the OpenAPI document without a token, paths written in full', async () => {
    const doc = await json(await host.app.request('/api/v1/openapi.json'));
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/issues', '/api/v1/issues/{id}/close', '/api/v1/callback-tasks', '/api/v1/reports/scores']));
    expect(doc.paths['/api/v1/issues'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['enterpriseId', 'teamId', 'category', 'title']),
    );
  });
});

describe('survey links', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await testHost({ unknownTokenLimit: 20 });
  });

  async function sentToken(enterpriseIndex: number, at: string): Promise<string> {
    const e = demoEnterprises[enterpriseIndex]!;
    await host.call('POST', '/local/clock', { body: { now: at } });
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: 't' } }));
    await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'r' } });
    await host.call('POST', '/local/clock', { body: { now: new Date(Date.parse(at) + 3 * 3600_000).toISOString() } });
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
    return tokenOf(sms.body);
  }

  it('answers 404 for an unknown token and 429 after 20 from one address, while valid links still work', async () => {
    const valid = await sentToken(0, '2026-11-02T01:00:00Z');
    for (let i = 0; i < 20; i++) {
      const res = await host.app.request(`/s/unknownTokenUnknownToken${i}`);
      expect(res.status).toBe(404);
    }
    const limited = await host.app.request('/s/unknownTokenUnknownTokenX');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await host.app.request(`/s/${valid}`)).status).toBe(200);
  });

  it('answers 410 once the link has expired, on GET and POST, without the sweeper', async () => {
    const token = await sentToken(1, '2026-11-03T01:00:00Z');
    await host.call('POST', '/local/clock', { body: { now: '2026-11-10T05:00:00Z' } });
    expect((await host.app.request(`/s/${token}`)).status).toBe(410);
    const post = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ answers: { overall: 5 } }) });
    expect(post.status).toBe(410);
    expect((await json(post)).error).toBe('invitation.expired');
  });

  it('re-shows the form with the problem when a form post lacks the rating', async () => {
    const token = await sentToken(2, '2026-11-04T01:00:00Z');
    const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ comment: '还行' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('还行');
  });

  it('rejects a malformed JSON answer with 400 and keeps the link usable', async () => {
    const token = await sentToken(3, '2026-11-05T01:00:00Z');
    const bad = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"answers":' });
    expect(bad.status).toBe(400);
    const ok = await host.app.request(`/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ answers: { overall: 5, reasons: ['speed'] } }) });
    expect(ok.status).toBe(201);
  });
});
