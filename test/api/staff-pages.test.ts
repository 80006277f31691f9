import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Principal } from '../../functions/core/auth/principal';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

const ORIGIN = 'http://localhost';
const office: Principal = { sub: 'office', username: 'office', role: 'office' };
const teamA = 'changde-02';
const teamB = 'gaoxin-01';
const entA = demoEnterprises.find((e) => e.teamId === teamA)!;
const entB = demoEnterprises.find((e) => e.teamId === teamB)!;
const memberA = `member-${teamA}`;

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const sessionOf = (res: Response) => /huifang_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('staff pages (/app): sign-in, tasks, ledger, dispatch view', () => {
  let host: TestHost;
  const cookies = new Map<string, string>();

  /** Signs in through the local sign-in form and keeps the session cookie. */
  async function cookieFor(username: string): Promise<string> {
    const cached = cookies.get(username);
    if (cached) return cached;
    const res = await host.app.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ username, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(303);
    const cookie = `huifang_session=${sessionOf(res)}`;
    cookies.set(username, cookie);
    return cookie;
  }
  const get = async (path: string, as: string) => host.app.request(path, { headers: { cookie: await cookieFor(as) } });
  const post = async (path: string, as: string, fields: Record<string, string>, origin = ORIGIN) =>
    host.app.request(path, { method: 'POST', headers: { cookie: await cookieFor(as), origin }, body: form(fields) });
  /** A closed issue of `enterprise`, i.e. an open callback task for its team. */
  async function closedIssue(enterprise: typeof entA, title: string) {
    const issue = await createIssue(host.core, office, { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '政策咨询', title });
    return closeIssue(host.core, office, issue.id, { resolution: '已讲解' });
  }

  beforeAll(async () => {
    host = await testHost();
    // Tuesday 24 November 2026, 10:00 in Shanghai: a callback is due Friday 27th, end of day.
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
  });

  it('sends a visitor without a valid session cookie to /app/login with a 303', async () => {
    for (const headers of [{}, { cookie: 'huifang_session=not-a-jwt' }] as Array<Record<string, string>>) {
      const res = await host.app.request('/app/tasks', { headers });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/app/login');
    }
    for (const path of ['/app', '/app/zone', '/app/issues/new']) expect((await host.app.request(path)).headers.get('location')).toBe('/app/login');
    const forged = await host.app.request('/app/issues', { headers: { cookie: 'huifang_session=not-a-jwt' } });
    expect(forged.headers.get('set-cookie')).toMatch(/huifang_session=;.*Max-Age=0/);
  });

  it('signs a demo user in through the local form: an HttpOnly, SameSite=Lax cookie for /app, then the task page', async () => {
    const page = await host.app.request('/app/login');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="username"');
    expect(html).toContain(memberA);

    const wrong = await host.app.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ username: memberA, password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误');
    expect(sessionOf(wrong)).toBeUndefined();

    const res = await host.app.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ username: memberA, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/tasks');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^huifang_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/app');

    const tasks = await host.app.request('/app/tasks', { headers: { cookie: `huifang_session=${sessionOf(res)}` } });
    expect(tasks.status).toBe(200);
    expect(tasks.headers.get('cache-control')).toBe('no-store');
    expect(await tasks.text()).toContain(memberA);
  });

  it("shows a team member only their own team's tasks, due dates in Shanghai time, with a tap-to-call link", async () => {
    await closedIssue(entA, '研发费用加计扣除');
    await closedIssue(entB, '人才公寓申请');
    const html = await (await get('/app/tasks', memberA)).text();
    expect(html).toContain(entA.name);
    expect(html).toContain(`href="tel:${entA.contactPhone}"`);
    expect(html).toContain('11月27日 周五 23:59 截止');
    expect(html).toContain('研发费用加计扣除');
    expect(html).not.toContain(entB.name);
    expect(html).not.toContain('人才公寓申请');
  });

  it('marks a task overdue once its due time has passed', async () => {
    host.clock.set(new Date('2026-11-28T01:00:00Z'));
    try {
      expect(await (await get('/app/tasks', memberA)).text()).toContain('已逾期');
    } finally {
      host.clock.set(new Date('2026-11-24T02:00:00Z'));
    }
  });

  it('records the outcome through the form, redirects back with a message, and shows the 409 message on a second completion', async () => {
    const { callbackTask } = await closedIssue(entA, '用电增容');
    const action = `/app/tasks/${callbackTask.id}/complete`;
    const fields = { outcome: 'reached', enterpriseSaysResolved: 'yes', rating: '5', note: '企业表示满意' };

    const done = await post(action, memberA, fields);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/app/tasks?ok=task.completed');
    expect(await host.core.tasks.get(callbackTask.id)).toMatchObject({ status: 'done', outcome: 'reached', enterpriseSaysResolved: 'yes', rating: 5, completedBy: memberA });
    expect(await (await get('/app/tasks?ok=task.completed', memberA)).text()).toContain('已登记回访结果');

    const again = await post(action, memberA, fields);
    expect(again.status).toBe(303);
    const back = again.headers.get('location')!;
    expect(back).toBe('/app/tasks?error=task.already_done');
    const page = await get(back, memberA);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('该任务已经完成，无需重复登记');
  });

  it('sends an incomplete outcome back with the field to check, recording nothing', async () => {
    const { callbackTask } = await closedIssue(entA, '招工信息发布');
    const res = await post(`/app/tasks/${callbackTask.id}/complete`, memberA, { note: '忘了选结果' });
    expect(res.headers.get('location')).toBe('/app/tasks?error=validation.failed&fields=outcome');
    expect(await (await get(res.headers.get('location')!, memberA)).text()).toContain('请检查：回访结果');
    expect((await host.core.tasks.get(callbackTask.id))?.status).toBe('open');
  });

  it('refuses a form post from a foreign origin (CSRF), and one without any origin', async () => {
    const { callbackTask } = await closedIssue(entA, '融资对接');
    const action = `/app/tasks/${callbackTask.id}/complete`;
    const foreign = await post(action, memberA, { outcome: 'reached' }, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('请求来源不符');
    const cookie = await cookieFor(memberA);
    const bare = await host.app.request(action, { method: 'POST', headers: { cookie }, body: form({ outcome: 'reached' }) });
    expect(bare.status).toBe(403);
    const login = await host.app.request('/app/login', { method: 'POST', headers: { origin: 'https://evil.example' }, body: form({ username: memberA, password: DEMO_PASSWORD }) });
    expect(login.status).toBe(403);
    expect((await host.core.tasks.get(callbackTask.id))?.status).toBe('open');
  });

  it('records an issue through the form and shows its timeline, oldest first, with levels and notes in Chinese', async () => {
    const created = await post('/app/issues/new', memberA, { enterpriseId: entA.id, teamId: teamA, category: '金融支持', title: '流动资金贷款', description: '需要 500 万' });
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    const id = /\/app\/issues\/([^?]+)\?ok=issue.created/.exec(location)![1]!;
    expect(await (await get(location, memberA)).text()).toContain('诉求已登记');

    const step = async (as: string, action: string, fields: Record<string, string> = {}) => {
      const res = await post(`/app/issues/${id}/${action}`, as, fields);
      expect(res.headers.get('location')).toBe(`/app/issues/${id}?ok=issue.${action}`);
    };
    await step(memberA, 'start');
    await step(memberA, 'escalate', { note: '需协调银行' });
    await step('dispatcher-changde', 'bounce', { reason: '请补充财务报表' });
    await step(memberA, 'close', { resolution: '已对接银行放款' });

    const html = await (await get(`/app/issues/${id}`, memberA)).text();
    expect([...html.matchAll(/data-action="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['create', 'start', 'escalate', 'bounce', 'close']);
    const timeline = html.slice(html.indexOf('class="timeline"'));
    const order = ['登记', '开始办理', '上报', '助企队 → 开发区分调度室', '需协调银行', '退单', '开发区分调度室 → 助企队', 'dispatcher-changde（分调度室调度员）', '请补充财务报表', '办结', '已对接银行放款'];
    const positions = order.map((text) => timeline.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(timeline).toContain('11月24日 周二 10:00');
    // Closed: the team may reopen it, nothing else.
    expect(html).toContain(`action="/app/issues/${id}/reopen"`);
    expect(html).not.toContain(`action="/app/issues/${id}/escalate"`);
  });

  it('offers the categories on the new-issue form and keeps what was typed when a field is missing', async () => {
    const html = await (await get('/app/issues/new', memberA)).text();
    expect(html).toContain('<option value="金融支持">金融支持</option>');
    expect(html).toContain(`<option value="${entA.id}">${entA.name}</option>`);
    expect(html).not.toContain(entB.name);
    const res = await post('/app/issues/new', memberA, { enterpriseId: entA.id, teamId: teamA, category: '金融支持', description: '没有写标题' });
    expect(res.status).toBe(400);
    const again = await res.text();
    expect(again).toContain('请检查：标题');
    expect(again).toContain('没有写标题');
  });

  it('asks central dispatch to name the service function group when it escalates', async () => {
    const issue = await createIssue(host.core, office, { enterpriseId: entA.id, teamId: teamA, category: '金融支持', title: '贷款贴息' });
    await post(`/app/issues/${issue.id}/escalate`, memberA, { note: '报分调度室' });
    await post(`/app/issues/${issue.id}/escalate`, 'dispatcher-changde', { note: '报总调度室' });
    const html = await (await get(`/app/issues/${issue.id}`, 'office')).text();
    expect(html).toContain('上报至服务功能组');
    expect(html).toContain('<option value="finance">金融服务组</option>');
    const res = await post(`/app/issues/${issue.id}/escalate`, 'office', { note: '转金融服务组', functionGroupId: 'finance' });
    expect(res.headers.get('location')).toBe(`/app/issues/${issue.id}?ok=issue.escalate`);
    expect(await host.core.issues.get(issue.id)).toMatchObject({ level: 'function-group', functionGroupId: 'finance' });
  });

  it('shows a refused ledger action as a message on the issue page', async () => {
    const issue = await createIssue(host.core, office, { enterpriseId: entA.id, teamId: teamA, category: '其他', title: '道路照明' });
    const res = await post(`/app/issues/${issue.id}/bounce`, memberA, { reason: '不归我们' });
    expect(res.headers.get('location')).toBe(`/app/issues/${issue.id}?error=issue.cannot_bounce`);
    expect(await (await get(res.headers.get('location')!, memberA)).text()).toContain('已在助企队，无法再退单');
  });

  it('lists the ledger with filters and pages, and hides issues outside the caller’s scope', async () => {
    const html = await (await get('/app/issues?status=closed', memberA)).text();
    expect(html).toContain('流动资金贷款');
    expect(html).not.toContain('人才公寓申请');
    expect(html).not.toContain('name="zoneId"');
    const officeList = await (await get('/app/issues', 'office')).text();
    expect(officeList).toContain('name="zoneId"');
    expect(officeList).toContain('人才公寓申请');
    const paged = await (await get('/app/issues?limit=1', 'office')).text();
    expect(paged).toContain('下一页');
    const foreign = await createIssue(host.core, office, { enterpriseId: entB.id, teamId: teamB, category: '其他', title: '外区诉求' });
    const hidden = await get(`/app/issues/${foreign.id}`, memberA);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain('找不到该诉求');
  });

  it("gives a zone dispatcher the zone's overdue tasks and escalations, and refuses team members", async () => {
    const issue = await createIssue(host.core, office, { enterpriseId: entA.id, teamId: teamA, category: '用工短缺', title: '招聘季缺工' });
    await post(`/app/issues/${issue.id}/escalate`, memberA, { note: '缺工 50 人' });
    host.clock.set(new Date('2026-12-01T02:00:00Z'));
    try {
      const html = await (await get('/app/zone', 'dispatcher-changde')).text();
      expect(html).toContain('招聘季缺工');
      expect(html).toContain('逾期任务');
      expect(html).toContain(entA.name);
      expect(html).not.toContain(entB.name);
    } finally {
      host.clock.set(new Date('2026-11-24T02:00:00Z'));
    }
    expect((await get('/app/zone', memberA)).status).toBe(403);
  });

  it("shows an issue the two-sided check flagged in the dispatcher's view, and the review in its timeline", async () => {
    const enterprise = demoEnterprises.filter((e) => e.teamId === teamA)[1]!;
    const { issue, callbackTask } = await closedIssue(enterprise, '厂房租金减免');
    host.clock.set(new Date('2026-11-24T04:30:00Z'));
    try {
      await host.app.request('/local/sweep', { method: 'POST' });
      const [sms] = (await (await host.app.request(`/local/outbox?to=${enterprise.contactPhone}`)).json()) as Array<{ body: string }>;
      const token = /\/s\/([\w-]+)/.exec(sms!.body)![1]!;
      const answered = await host.app.request(`/s/${token}`, { method: 'POST', headers: { origin: ORIGIN }, body: form({ overall: '3', resolved: 'no' }) });
      expect(answered.status).toBe(303);
      await post(`/app/tasks/${callbackTask.id}/complete`, memberA, { outcome: 'reached', enterpriseSaysResolved: 'yes' });

      const zone = await (await get('/app/zone', 'dispatcher-changde')).text();
      const flaggedSection = zone.slice(zone.indexOf('标记待复核'));
      expect(flaggedSection).toContain('厂房租金减免');
      expect(flaggedSection).toContain('回访结论与企业评价不一致');
      const page = await (await get(`/app/issues/${issue.id}`, 'dispatcher-changde')).text();
      expect(page).toContain('data-action="review"');
      expect(page).toContain('复核');
      expect(page).toContain('（系统）');
      expect(page).toContain(`action="/app/issues/${issue.id}/bounce"`);
    } finally {
      host.clock.set(new Date('2026-11-24T02:00:00Z'));
    }
  });

  it('signs out: the cookie is cleared', async () => {
    const res = await post('/app/logout', memberA, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login');
    expect(res.headers.get('set-cookie')).toMatch(/huifang_session=;.*Max-Age=0/);
  });

  it('in the cloud build, /app/login takes a pasted ID token instead of a password', async () => {
    const cloud = createApp({ core: host.core, auth: host.issuer.authenticator('http://localhost/jwks.json'), clientAddress: () => 'test' });
    expect(await (await cloud.request('/app/login')).text()).toContain('统一身份认证');
    const bad = await cloud.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ token: 'x.y.z' }) });
    expect(bad.status).toBe(401);
    const token = await host.tokenFor(memberA);
    const good = await cloud.request('/app/login', { method: 'POST', headers: { origin: ORIGIN }, body: form({ token }) });
    expect(good.status).toBe(303);
    expect(sessionOf(good)).toBe(token);
  });
});
