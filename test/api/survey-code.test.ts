import { beforeAll, describe, expect, it } from 'vitest';
import { surveyTokens } from '../../functions/adapters/ids/ids';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { recordCommands } from '../support/command-recorder';
import { testHost, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TUESDAY_1300 = '2026-11-24T05:00:00Z';

/** The code in a code-mode SMS. */
function codeIn(body: string): string {
  const code = /输入评价码([2-9A-Z]{8})$/.exec(body)?.[1];
  if (!code) throw new Error(`no survey code in: ${body}`);
  return code;
}

/** Code mode end to end on DynamoDB Local: the SMS, the `/c` page, its two limits, and the survey it opens. */
describe('code mode: a fixed /c page and a short code', () => {
  let host: TestHost;
  let next = 60;
  let addresses = 0;

  beforeAll(async () => {
    host = await testHost({ surveyLinkMode: 'code', publicBaseUrl: 'https://hf.ccxinqu.gov.cn' });
  });

  /** A request from its own network address (the limits are per address). */
  function from(address: string) {
    return async (path: string, init: RequestInit = {}): Promise<Response> => host.app.request(path, init, { incoming: { socket: { remoteAddress: address } } });
  }
  const newAddress = () => from(`198.51.100.${++addresses}`);
  const enter = (request: ReturnType<typeof from>, code: string, digits: string, query = '') =>
    request(`/c${query}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ code, digits }) });

  /** A survey just sent in code mode to an enterprise no other test here uses. */
  async function sentCode() {
    const e = demoEnterprises[next++]!;
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T02:00:00Z' } }); // Tuesday 10:00 Shanghai
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '道路照明' } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已报修' } }));
    await host.call('POST', '/local/clock', { body: { now: TUESDAY_1300 } });
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
    return { sms, code: codeIn(sms.body), digits: e.contactPhone.slice(-4), invitationId: closure.invitation.id as string, phone: e.contactPhone };
  }

  it('sends the fixed page and a code in one segment, opens the survey with code and digits, and records the answer once', async () => {
    const { sms, code, digits, invitationId } = await sentCode();
    expect(sms.body).toBe(`【长春新区】问题已办结，请打开 https://hf.ccxinqu.gov.cn/c 输入评价码${code}`);
    expect(sms.body).not.toContain('/s/');
    expect(sms.segments).toBe(1);
    const sent = await host.core.invitations.get(invitationId);
    expect(sent?.status).toBe('sent');

    const request = newAddress();
    const form = await request('/c');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<form method="post" action="\/c"/);
    expect(html).toContain('name="code"');
    expect(html).toContain('inputmode="numeric"');
    expect(html).not.toContain('<script');

    // Pasted from the SMS with a dash, in lower case.
    const opened = await enter(request, `${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`, digits);
    expect(opened.status).toBe(303);
    const location = opened.headers.get('location')!;
    expect(location).toMatch(/^\/s\/[A-Za-z0-9_-]{22}$/);
    expect(await host.core.invitations.get(invitationId)).toEqual(sent);

    const survey = await request(location);
    expect(survey.status).toBe(200);
    expect(await survey.text()).toContain('name="overall"');
    const answer = await request(location, { method: 'POST', headers: FORM, body: new URLSearchParams({ _step: 'inline', overall: '5', resolved: 'yes' }) });
    expect(answer.status).toBe(303);
    expect(await host.core.responses.get(invitationId)).toMatchObject({ score: 5, answers: { overall: 5, resolved: 'yes' } });

    const again = await enter(request, code, digits);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('您已完成评价');
    const twice = await request(location, { method: 'POST', headers: FORM, body: new URLSearchParams({ _step: 'inline', overall: '1' }) });
    expect(twice.status).toBe(409);
    expect((await host.core.responses.get(invitationId))?.score).toBe(5);
  });

  it('keeps the language and large type from the form to the survey', async () => {
    const { code, digits } = await sentCode();
    const request = newAddress();
    const form = await (await request('/c?lang=en&large=1')).text();
    expect(form).toContain('<html lang="en">');
    expect(form).toContain('<body class="large">');
    expect(form).toContain('action="/c?lang=en&amp;large=1"');
    expect(form).toContain('<a href="/c?large=1" lang="zh-CN">中文</a>');
    const opened = await enter(request, code, digits, '?lang=en&large=1');
    expect(opened.headers.get('location')).toMatch(/^\/s\/[A-Za-z0-9_-]{22}\?lang=en&large=1$/);
  });

  it('is shown by GET and HEAD with the survey page’s headers, and neither reads nor writes anything', async () => {
    const recorder = recordCommands(host.table.doc);
    for (const method of ['GET', 'HEAD']) {
      const res = await newAddress()('/c', { method });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'/);
      if (method === 'HEAD') expect(await res.text()).toBe('');
    }
    expect(recorder.commands).toEqual([]);
  });

  it('locks a code after 5 wrong digits, even from 5 addresses and for the right digits after', async () => {
    const { code, digits, invitationId } = await sentCode();
    const wrong = digits === '0000' ? '1111' : '0000';
    const pages: Array<[number, string]> = [];
    for (let i = 0; i < 5; i++) {
      const res = await enter(newAddress(), code, wrong);
      pages.push([res.status, await res.text()]);
    }
    expect(pages.map(([status]) => status)).toEqual([400, 400, 400, 400, 403]);
    expect(pages[0]![1]).toContain('还可尝试 4 次');
    expect(pages[3]![1]).toContain('还可尝试 1 次');
    expect(pages[3]![1]).toMatch(/<input class="entry" id="code" name="code"[^>]*value="[2-9A-Z]{8}"/);
    expect(pages[4]![1]).toContain('评价码已锁定');
    expect(pages[4]![1]).toContain('助企队会电话回访您');

    const right = await enter(newAddress(), code, digits);
    expect(right.status).toBe(403);
    expect(await host.core.codes.get(surveyTokens.hash(code))).toEqual({ invitationIds: [invitationId], failures: 5 });
    expect((await host.core.invitations.get(invitationId))?.status).toBe('sent');
  });

  it('never lets parallel wrong digits past the limit', async () => {
    const { code, digits } = await sentCode();
    const wrong = digits === '0000' ? '1111' : '0000';
    const statuses = await Promise.all(Array.from({ length: 12 }, () => enter(newAddress(), code, wrong).then((r) => r.status)));
    expect(statuses.filter((s) => s === 400)).toHaveLength(4);
    expect(statuses.every((s) => s === 400 || s === 403)).toBe(true);
    expect((await host.core.codes.get(surveyTokens.hash(code)))?.failures).toBe(5);
  });

  it('gives back the try of right digits: a code entered again and again is never locked by it', async () => {
    const { code, digits } = await sentCode();
    for (let i = 0; i < 7; i++) expect((await enter(newAddress(), code, digits)).status).toBe(303);
    expect((await host.core.codes.get(surveyTokens.hash(code)))?.failures).toBe(0);
  });

  it('answers 429 to every entry from an address after 20 wrong codes in 10 minutes, the right one too; another address still gets in', async () => {
    const { code, digits } = await sentCode();
    const request = newAddress();
    const wrongCodes = Array.from({ length: 20 }, (_, i) => `ZZZZZZ${'23456789ABCDEFGHJKMN'[i]}Z`);
    for (const wrongCode of wrongCodes) {
      const res = await enter(request, wrongCode, digits);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('评价码不正确');
    }
    const limited = await enter(request, 'ZZZZZZZZ', digits);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('请稍后再试');
    expect((await enter(request, code, digits)).status).toBe(429);
    expect((await enter(newAddress(), code, digits)).status).toBe(303);
  });

  it('counts nothing for a code or digits of the wrong shape, and says which field is wrong', async () => {
    const request = newAddress();
    for (let i = 0; i < 25; i++) expect((await enter(request, 'O0O0-1I1L', '12')).status).toBe(400);
    const res = await enter(request, 'abc', '12');
    const html = await res.text();
    expect(html).toContain('评价码为 8 位字母和数字');
    expect(html).toContain('请输入 4 位数字');
    expect(html).toMatch(/id="digits"[^>]*aria-invalid="true"/);
    const asJson = await request('/c', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'K7QM2PXA', digits: '0040' }) });
    expect(asJson.status).toBe(400);
    const { code, digits } = await sentCode();
    expect((await enter(request, code, digits)).status).toBe(303);
  });

  it('shows the expired state (410) after the link’s expiry and mints nothing', async () => {
    const { code, digits } = await sentCode();
    await host.call('POST', '/local/clock', { body: { now: '2026-12-10T02:00:00Z' } });
    try {
      const recorder = recordCommands(host.table.doc);
      const res = await enter(newAddress(), code, digits);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('链接已过期');
      expect(recorder.commands.filter((c) => c.name === 'PutCommand' || c.name === 'TransactWriteCommand')).toEqual([]);
    } finally {
      await host.call('POST', '/local/clock', { body: { now: TUESDAY_1300 } });
    }
  });

  it('sends the reminder with a new code; both codes open the survey', async () => {
    const first = await sentCode();
    await host.call('POST', '/local/clock', { body: { now: '2026-11-26T05:00:00Z' } }); // Thursday, 48 h later
    try {
      expect((await json(await host.call('POST', '/local/sweep'))).invitations.reminded).toBeGreaterThanOrEqual(1);
      const [reminder] = await json(await host.call('GET', `/local/outbox?to=${first.phone}`));
      expect(reminder.body).toMatch(/^【长春新区】提醒：您尚未评价，请打开 https:\/\/hf\.ccxinqu\.gov\.cn\/c 输入评价码[2-9A-Z]{8}$/);
      expect(reminder.segments).toBe(1);
      const second = codeIn(reminder.body);
      expect(second).not.toBe(first.code);
      expect((await enter(newAddress(), first.code, first.digits)).status).toBe(303);
      expect((await enter(newAddress(), second, first.digits)).status).toBe(303);
    } finally {
      await host.call('POST', '/local/clock', { body: { now: TUESDAY_1300 } });
    }
  });
});
