import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, tokenOf, type TestHost } from '../support/test-host';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A form post body; an array value is sent as the field repeated, as a browser does for checkboxes. */
function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body;
}

/** The answering page `/s/{token}`: first load, CSP, large type, the no-JavaScript second step, previews. */
describe('the survey page', () => {
  let host: TestHost;
  let next = 40;

  beforeAll(async () => {
    host = await testHost();
  });

  /** A link just sent by SMS to an enterprise no other test here uses (the per-enterprise cap never merges them). */
  async function sentLink(): Promise<{ token: string; invitationId: string }> {
    const e = demoEnterprises[next++]!;
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T02:00:00Z' } }); // Tuesday 10:00 Shanghai
    const issue = await json(await host.call('POST', '/api/v1/issues', { as: 'office', body: { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '道路照明' } }));
    const closure = await json(await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as: 'office', body: { resolution: '已报修' } }));
    await host.call('POST', '/local/clock', { body: { now: '2026-11-24T05:00:00Z' } });
    await host.call('POST', '/local/sweep');
    const [sms] = await json(await host.call('GET', `/local/outbox?to=${e.contactPhone}`));
    return { token: tokenOf(sms.body), invitationId: closure.invitation.id };
  }

  describe('first load', () => {
    it('is at most 14 KB gzipped and asks for nothing from another site', async () => {
      const { token } = await sentLink();
      for (const query of ['', '?large=1', '?lang=en']) {
        const res = await host.app.request(`/s/${token}${query}`);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(gzipSync(Buffer.from(html, 'utf8')).length).toBeLessThanOrEqual(14 * 1024);
        expect(html).not.toMatch(/https?:\/\//i);
        expect(html).not.toMatch(/(?:src|href|action)\s*=\s*["']?\/\//i);
        expect(html).not.toMatch(/<(?:img|iframe|object|embed)\b|@import|url\(/i);
        for (const [link] of html.matchAll(/<link\b[^>]*>/g)) expect(link).toContain('href="data:');
      }
    });

    it('runs its one script by the response’s nonce, never by unsafe-inline, and is neither cached nor referred', async () => {
      const { token } = await sentLink();
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await host.app.request(`/s/${token}`);
        const csp = res.headers.get('content-security-policy')!;
        const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
        expect(scriptSrc).not.toContain('unsafe-inline');
        const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
        const html = await res.text();
        const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
        expect(scripts).toHaveLength(1);
        expect(scripts[0]![1]).toContain(`nonce="${nonce}"`);
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('cache-control')).toBe('no-store');
        nonces.push(nonce);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    });

    it('shows the five levels as radio buttons, never a dropdown, and hides the reasons until a 1 or 2', async () => {
      const { token } = await sentLink();
      const html = await (await host.app.request(`/s/${token}`)).text();
      expect(html).not.toContain('<select');
      expect(html.match(/type="radio" name="overall"/g)).toHaveLength(5);
      expect(html).toMatch(/<fieldset data-show-if="overall" data-show-in="1,2" hidden[^>]*>/);
      expect(html).toMatch(/<input type="hidden" name="_step" value="first"/);
    });
  });

  describe('large type (大字版), without JavaScript', () => {
    it('is a plain link that the form, the language switch and the thank-you redirect all keep', async () => {
      const { token } = await sentLink();
      const normal = await (await host.app.request(`/s/${token}`)).text();
      expect(normal).toContain(`<a href="/s/${token}?large=1">大字版</a>`);
      expect(normal).not.toContain('class="large"');

      const large = await (await host.app.request(`/s/${token}?large=1`)).text();
      expect(large).toContain('<body class="large">');
      expect(large).toContain(`action="/s/${token}?large=1"`);
      expect(large).toContain(`<a href="/s/${token}">标准字号</a>`);
      expect(large).toContain(`href="/s/${token}?lang=en&amp;large=1"`);

      const res = await host.app.request(`/s/${token}?lang=en&large=1`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '5' }) });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/s/${token}?thanks=1&lang=en&large=1`);
      const thanks = await (await host.app.request(res.headers.get('location')!)).text();
      expect(thanks).toContain('<body class="large">');
      expect(thanks).toContain('Thank you');
    });
  });

  describe('the reasons after a 1 or 2', () => {
    it('are asked on a second step when the page posts without JavaScript, and nothing is recorded until then', async () => {
      const { token, invitationId } = await sentLink();
      const before = await host.core.invitations.get(invitationId);
      const first = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '2', resolved: 'no', comment: '等了"很久" & 没人回' }) });
      expect(first.status).toBe(200);
      const page = await first.text();
      expect(page).toContain('请告诉我们原因');
      expect(page).toContain('您的评价是「不满意」');
      expect(page).toMatch(/<input type="hidden" name="_step" value="follow-up"/);
      expect(page).toMatch(/<input type="hidden" name="overall" value="2"/);
      expect(page).toMatch(/<input type="hidden" name="resolved" value="no"/);
      expect(page).toContain('<input type="hidden" name="comment" value="等了&quot;很久&quot; &amp; 没人回"');
      expect(page.match(/type="checkbox" name="reasons"/g)).toHaveLength(5);
      expect(page).not.toMatch(/<fieldset[^>]*hidden/);
      expect(await host.core.invitations.get(invitationId)).toEqual(before);
      expect(await host.core.responses.get(invitationId)).toBeUndefined();

      const second = await host.app.request(`/s/${token}`, {
        method: 'POST',
        headers: FORM,
        body: form({ _step: 'follow-up', overall: '2', resolved: 'no', comment: '等了"很久" & 没人回', reasons: ['speed', 'attitude'] }),
      });
      expect(second.status).toBe(303);
      const response = await host.core.responses.get(invitationId);
      expect(response).toMatchObject({ score: 2, answers: { overall: 2, resolved: 'no', comment: '等了"很久" & 没人回', reasons: ['speed', 'attitude'] } });
      expect((await host.core.invitations.get(invitationId))?.status).toBe('answered');
    });

    it('may be left blank on the second step: the answer is then recorded without them', async () => {
      const { token, invitationId } = await sentLink();
      expect((await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '1' }) })).status).toBe(200);
      const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'follow-up', overall: '1' }) });
      expect(res.status).toBe(303);
      expect((await host.core.responses.get(invitationId))?.answers).toEqual({ overall: 1 });
    });

    it('are part of the one post when the script ran (it marks the form inline), even when left blank', async () => {
      const { token, invitationId } = await sentLink();
      const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'inline', overall: '2' }) });
      expect(res.status).toBe(303);
      expect((await host.core.responses.get(invitationId))?.score).toBe(2);
    });

    it('are never asked again when the first post already has them, nor for a rating of 3 to 5', async () => {
      const low = await sentLink();
      const withReasons = await host.app.request(`/s/${low.token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '1', reasons: 'policy' }) });
      expect(withReasons.status).toBe(303);
      const high = await sentLink();
      expect((await host.app.request(`/s/${high.token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '3' }) })).status).toBe(303);
    });

    it('keeps the language and large type on the second step', async () => {
      const { token } = await sentLink();
      const res = await host.app.request(`/s/${token}?lang=en&large=1`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '2' }) });
      const page = await res.text();
      expect(page).toContain('lang="en"');
      expect(page).toContain('<body class="large">');
      expect(page).toContain('You rated us “Dissatisfied”');
      expect(page).toContain(`action="/s/${token}?lang=en&amp;large=1"`);
    });

    it('shows the first step again with the problem in Chinese when the first post is invalid', async () => {
      const { token, invitationId } = await sentLink();
      const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', resolved: 'yes' }) });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain('请检查以下内容');
      expect(page).toContain('您对本次办理的总体评价: 请选择一项');
      expect(page).toMatch(/<input type="radio" name="resolved" value="yes" checked/);
      expect(await host.core.responses.get(invitationId)).toBeUndefined();
    });

    it('answers 409 on a second step sent after the link was answered', async () => {
      const { token } = await sentLink();
      await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'inline', overall: '4' }) });
      const res = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'first', overall: '1' }) });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('您已完成评价');
    });
  });

  describe('link previews and scanners', () => {
    const previewers = [
      // WeChat fetches a shared link for its card with the in-app browser's own agent.
      'Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/1234 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'WhatsApp/2.23.20.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    ];

    it('never record, burn or extend a link, whatever they fetch; the enterprise then answers it for real', async () => {
      const { token, invitationId } = await sentLink();
      const before = await host.core.invitations.get(invitationId);
      expect(before?.status).toBe('sent');
      for (const agent of previewers) {
        for (const [method, query] of [['HEAD', ''], ['GET', ''], ['GET', '?thanks=1'], ['GET', '?lang=en&large=1'], ['HEAD', '?thanks=1'], ['GET', '?from=singlemessage&isappinstalled=0']] as const) {
          const res = await host.app.request(`/s/${token}${query}`, { method, headers: { 'user-agent': agent, accept: '*/*' } });
          expect(res.status).toBe(200);
          if (method === 'HEAD') expect(await res.text()).toBe('');
        }
      }
      expect(await host.core.invitations.get(invitationId)).toEqual(before);
      expect(await host.core.responses.get(invitationId)).toBeUndefined();

      const answer = await host.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: form({ _step: 'inline', overall: '5', resolved: 'yes' }) });
      expect(answer.status).toBe(303);
      expect(await host.core.invitations.get(invitationId)).toMatchObject({ status: 'answered', expiresAt: before!.expiresAt });
      expect((await host.core.responses.get(invitationId))?.score).toBe(5);
    });
  });
});
