import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises, demoTeams } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_POST = { 'content-type': 'application/json', accept: 'application/json' };

/** The per-enterprise frequency cap through the HTTP contract, on DynamoDB Local. */
describe('the frequency cap: one survey SMS per enterprise per week', { timeout: 120_000 }, () => {
  let host: TestHost;
  let next = 60;

  beforeAll(async () => {
    host = await testHost();
  });

  /** Opens `titles.length` issues of one fresh enterprise (alternating between two teams of its zone) and closes them on Tuesday morning. */
  async function closures(titles: string[], options: { race?: boolean } = {}) {
    const e = demoEnterprises[next++]!;
    const otherTeam = demoTeams.find((t) => t.zoneId === e.zoneId && t.id !== e.teamId)!;
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 Shanghai
    const issues = [];
    for (const [i, title] of titles.entries()) {
      const teamId = i % 2 === 0 ? e.teamId : otherTeam.id;
      issues.push(await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId, category: '其他', title } })));
    }
    const close = (issue: any) => host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已办结' } }).then((r) => json(r));
    const closed = options.race ? await Promise.all(issues.map(close)) : await sequential(issues.map((i) => () => close(i)));
    return { enterprise: e, otherTeam, closed };
  }

  async function sequential<T>(steps: Array<() => Promise<T>>): Promise<T[]> {
    const out: T[] = [];
    for (const step of steps) out.push(await step());
    return out;
  }

  async function sweepAt(iso: string) {
    host.clock.set(new Date(iso));
    return json(await host.call('POST', '/local/sweep'));
  }

  const outboxOf = async (phone: string) => json<any[]>(await host.call('GET', `/local/outbox?to=${phone}`));

  it('sends three closures of one day as ONE SMS whose page lists the three issues, each answered once and counted in its own team', async () => {
    const { enterprise, otherTeam, closed } = await closures(['道路照明不亮', '厂区排水不畅', '用电增容']);
    expect(new Set(closed.map((c) => c.invitation.sendAfter))).toEqual(new Set(['2026-11-24T04:00:00.000Z']));
    const before = await json(await host.call('GET', '/api/v1/reports/scores?by=team&from=2026-11-24&to=2026-11-24', { as: 'office' }));
    await sweepAt('2026-11-24T04:05:00Z');
    const outbox = await outboxOf(enterprise.contactPhone);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toMatch(/^【长春新区】您有3项诉求办结，请评价：http/);
    expect(outbox[0].segments).toBe(1);
    const token = tokenOf(outbox[0].body);

    const page = await host.app.request(`/s/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const title of ['道路照明不亮', '厂区排水不畅', '用电增容']) expect(html).toContain(title);
    expect(html).toContain(otherTeam.name);
    expect(html).toContain('2026-11-24');
    expect(html.match(/<form method="post"/g)).toHaveLength(3);
    for (const c of closed) expect(html).toContain(`name="invitationId" value="${c.invitation.id}"`);
    expect(gzipSync(Buffer.from(html, 'utf8')).length).toBeLessThanOrEqual(14 * 1024);

    // A form post (as a browser sends it) for the first, JSON for the second and the third.
    const first = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ invitationId: closed[0].invitation.id, _step: 'inline', overall: '5', resolved: 'yes' }) });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/s/${token}?thanks=1`);
    const afterFirst = await (await host.app.request(`/s/${token}?thanks=1`)).text();
    expect(afterFirst.match(/<form method="post"/g)).toHaveLength(2);
    expect(afterFirst).toContain('已评价');
    const second = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: closed[1].invitation.id, answers: { overall: 4 } }) });
    expect(second.status).toBe(201);
    expect(await json(second)).toMatchObject({ status: 'recorded', invitationId: closed[1].invitation.id, score: 4 });
    const again = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: closed[1].invitation.id, answers: { overall: 1 } }) });
    expect(again.status).toBe(409);
    const third = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: closed[2].invitation.id, answers: { overall: 3 } }) });
    expect(third.status).toBe(201);
    const done = await host.app.request(`/s/${token}?thanks=1`);
    expect(await done.text()).toContain('data-state="thanks"');

    const after = await json(await host.call('GET', '/api/v1/reports/scores?by=team&from=2026-11-24&to=2026-11-24', { as: 'office' }));
    const n = (r: any, team: string) => r.groups.find((g: any) => g.id === team)?.n ?? 0;
    expect(n(after, enterprise.teamId) - n(before, enterprise.teamId)).toBe(2);
    expect(n(after, otherTeam.id) - n(before, otherTeam.id)).toBe(1);
  });

  it('refuses a submit for an issue the link does not open, and one that names no issue, recording nothing', async () => {
    const a = await closures(['甲', '乙']);
    const b = await closures(['丙']);
    await sweepAt('2026-11-24T04:05:00Z');
    const token = tokenOf((await outboxOf(a.enterprise.contactPhone))[0].body);
    const stranger = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: b.closed[0].invitation.id, answers: { overall: 5 } }) });
    expect(stranger.status).toBe(404);
    expect((await json(stranger)).error).toBe('invitation.not_found');
    const strangerForm = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ invitationId: b.closed[0].invitation.id, overall: '5' }) });
    expect(strangerForm.status).toBe(404);
    const nameless = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ answers: { overall: 5 } }) });
    expect(nameless.status).toBe(400);
    const invalid = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ invitationId: a.closed[0].invitation.id, overall: '9' }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toMatch(/class="error"/);
    // The other enterprise's own link still works: nothing was recorded against its invitation.
    const other = tokenOf((await outboxOf(b.enterprise.contactPhone))[0].body);
    const own = await host.app.request(`/s/${other}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ answers: { overall: 5 } }) });
    expect(own.status).toBe(201);
    const html = await (await host.app.request(`/s/${token}`)).text();
    expect(html.match(/<form method="post"/g)).toHaveLength(2);
  });

  it('changes nothing on GET or HEAD of a bundle page', async () => {
    const { enterprise, closed } = await closures(['一', '二']);
    await sweepAt('2026-11-24T04:05:00Z');
    const token = tokenOf((await outboxOf(enterprise.contactPhone))[0].body);
    const read = async () => Promise.all(closed.map((c) => host.core.invitations.get(c.invitation.id)));
    const before = await read();
    for (const method of ['GET', 'HEAD', 'GET']) expect((await host.app.request(`/s/${token}`, { method })).status).toBe(200);
    expect(await read()).toEqual(before);
    const post = await host.app.request(`/s/${token}`, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: closed[0].invitation.id, answers: { overall: 5 } }) });
    expect(post.status).toBe(201);
  });

  it('asks for the reasons on a second step when a page without JavaScript sends a 2, then records it for that issue', async () => {
    const { enterprise, closed } = await closures(['一', '二']);
    await sweepAt('2026-11-24T04:05:00Z');
    const token = tokenOf((await outboxOf(enterprise.contactPhone))[0].body);
    const step = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ invitationId: closed[1].invitation.id, _step: 'first', overall: '2' }) });
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain('data-step="follow-up"');
    expect(html).toContain(`name="invitationId" value="${closed[1].invitation.id}"`);
    const body = new URLSearchParams({ invitationId: closed[1].invitation.id, _step: 'follow-up', overall: '2' });
    body.append('reasons', 'speed');
    const recorded = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body });
    expect(recorded.status).toBe(303);
    const page = await (await host.app.request(`/s/${token}`)).text();
    expect(page.match(/<form method="post"/g)).toHaveLength(1);
    expect(page).toContain(`name="invitationId" value="${closed[0].invitation.id}"`);
  });

  it('keeps every member when closures of one enterprise race', async () => {
    const { enterprise, closed } = await closures(['a', 'b', 'c', 'd'], { race: true });
    expect(closed.every((c) => c.invitation?.id)).toBe(true);
    await sweepAt('2026-11-24T04:05:00Z');
    const outbox = await outboxOf(enterprise.contactPhone);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toContain('您有4项');
    const html = await (await host.app.request(`/s/${tokenOf(outbox[0].body)}`)).text();
    for (const c of closed) expect(html).toContain(`value="${c.invitation.id}"`);
  });

  it('sends one SMS for a bundle when two sweepers run at the same moment', async () => {
    const { enterprise } = await closures(['a', 'b', 'c']);
    host.clock.set(new Date('2026-11-24T04:05:00Z'));
    const [x, y] = await Promise.all([json(await host.call('POST', '/local/sweep')), json(await host.call('POST', '/local/sweep'))].map((p) => p));
    expect(await outboxOf(enterprise.contactPhone)).toHaveLength(1);
    expect(x.invitations.sent + y.invitations.sent).toBe(3);
  });

  it('withdraws a member whose issue is reopened before sending, and still sends the rest', async () => {
    const { enterprise, closed } = await closures(['一', '二', '三']);
    const reopen = await host.call('POST', `/api/v1/issues/${closed[1].issue.id}/reopen`, { as: 'office', body: { reason: '企业反映未解决' } });
    expect(reopen.status).toBe(200);
    await sweepAt('2026-11-24T04:05:00Z');
    const outbox = await outboxOf(enterprise.contactPhone);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toContain('您有2项');
    const html = await (await host.app.request(`/s/${tokenOf(outbox[0].body)}`)).text();
    expect(html).not.toContain(`value="${closed[1].invitation.id}"`);
    expect(html).toContain(`value="${closed[2].invitation.id}"`);
  });

  it('defers a closure three days after the survey to a week after it, and keeps a single link exactly as before', async () => {
    const { enterprise } = await closures(['第一次']);
    await sweepAt('2026-11-24T04:05:00Z');
    const [single] = await outboxOf(enterprise.contactPhone);
    expect(single.body).toMatch(/^【长春新区】问题已办结，请评价：/);
    const singlePage = await (await host.app.request(`/s/${tokenOf(single.body)}`)).text();
    expect(singlePage).not.toContain('name="invitationId"');
    host.clock.set(new Date('2026-11-27T02:00:00Z')); // Friday
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: enterprise.id, teamId: enterprise.teamId, category: '其他', title: '第二次' } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: 'r' } }));
    expect(closure.invitation.sendAfter).toBe('2026-12-01T04:05:00.000Z');
    await sweepAt('2026-11-27T05:00:00Z');
    // Only the first survey's one reminder (due Thursday) went out since: no second survey this week.
    expect((await outboxOf(enterprise.contactPhone)).sort((a, b) => a.sentAt.localeCompare(b.sentAt)).map((s) => s.body.slice(6, 8))).toEqual(['问题', '提醒']);
    await sweepAt('2026-12-01T04:05:00Z');
    expect((await outboxOf(enterprise.contactPhone)).sort((a, b) => a.sentAt.localeCompare(b.sentAt)).map((s) => s.body.slice(6, 8))).toEqual(['问题', '提醒', '问题']);
  });

  // Last in this file on purpose: its beforeAll swaps `host` for one in code mode after the tests above have run.
  describe('in code mode', () => {
    beforeAll(async () => {
      host = await testHost({ surveyLinkMode: 'code', publicBaseUrl: 'https://hf.ccxinqu.gov.cn' });
    });

    it('sends three closures as ONE SMS with one code, whose entry on /c opens the page listing the three', async () => {
      const { enterprise, closed } = await closures(['道路照明不亮', '厂区排水不畅', '用电增容']);
      await sweepAt('2026-11-24T04:05:00Z');
      const outbox = await outboxOf(enterprise.contactPhone);
      expect(outbox).toHaveLength(1);
      const code = /评价码([2-9A-Z]{8})$/.exec(outbox[0].body)![1];
      expect(outbox[0].body).toBe(`【长春新区】您有3项诉求办结，请打开 https://hf.ccxinqu.gov.cn/c 输入评价码${code}`);
      expect(outbox[0].segments).toBe(1);

      const entry = await host.app.request(
        '/c',
        { method: 'POST', headers: FORM, body: new URLSearchParams({ code: code!, digits: enterprise.contactPhone.slice(-4) }) },
        { incoming: { socket: { remoteAddress: '198.51.100.7' } } },
      );
      expect(entry.status).toBe(303);
      const path = entry.headers.get('location')!;
      expect(path).toMatch(/^\/s\/[A-Za-z0-9_-]{22}$/);
      const html = await (await host.app.request(path)).text();
      for (const title of ['道路照明不亮', '厂区排水不畅', '用电增容']) expect(html).toContain(title);
      expect(html.match(/<form method="post"/g)).toHaveLength(3);

      for (const [i, c] of closed.slice(0, 2).entries()) {
        const res = await host.app.request(path, { method: 'POST', headers: JSON_POST, body: JSON.stringify({ invitationId: c.invitation.id, answers: { overall: 4 + i } }) });
        expect(res.status).toBe(201);
      }
      const after = await (await host.app.request(path)).text();
      expect(after.match(/<form method="post"/g)).toHaveLength(1);
      expect(after).toContain(`name="invitationId" value="${closed[2].invitation.id}"`);
    });
  });
});
