import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { launchChromium } from '../support/browser';
import { servedHost } from '../support/served-host';

const OUT = 'test-output/e2e/survey-code';
const SIZES = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
] as const;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const office = { sub: 'office', username: 'office', role: 'office' as const };

/**
 * Code mode in headless Chromium: an enterprise with JavaScript off types the code and the phone
 * digits and answers; every state of `/c` has no axe violation and is photographed at two sizes.
 * axe runs in a context that bypasses CSP (it is injected as a script); the flow itself runs with
 * JavaScript disabled and the page's real CSP.
 */
describe('the code entry page /c', { timeout: 120_000 }, () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;
  let noScript: BrowserContext;
  let axeContext: BrowserContext;
  let next = 150;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost({ surveyLinkMode: 'code' });
    browser = await launchChromium();
    noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: SIZES[0] });
    axeContext = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: SIZES[0] });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** A code freshly sent by SMS to an enterprise no other test here uses, and its phone's last 4 digits. */
  async function sentCode(): Promise<{ code: string; digits: string; invitationId: string }> {
    const e = demoEnterprises[next++]!;
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 Shanghai
    const issue = await createIssue(host.core, office, { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '道路照明' });
    const closure = await closeIssue(host.core, office, issue.id, { resolution: '已报修' });
    host.clock.set(new Date('2026-11-24T05:00:00Z'));
    await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' });
    const [sms] = await (await fetch(`${host.baseUrl}/local/outbox?to=${e.contactPhone}`)).json();
    expect(sms.body).toContain(`${host.baseUrl}/c `);
    return { code: /评价码([2-9A-Z]{8})$/.exec(sms.body)![1]!, digits: e.contactPhone.slice(-4), invitationId: closure.invitation!.id };
  }

  async function checkState(page: Page, state: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as AxeResults;
    const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations, `axe on state "${state}"`).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${OUT}/${state}-${size.width}x${size.height}.png`, fullPage: true });
    }
    await page.setViewportSize(SIZES[0]);
  }

  /** Fills the form as a person would (labels, not selectors) and sends it; the response's status. */
  async function submit(page: Page, code: string, digits: string, button = '开始评价'): Promise<number> {
    await page.getByLabel(button === '开始评价' ? '评价码' : 'Survey code').fill(code);
    await page.getByLabel(button === '开始评价' ? '手机号码后四位' : 'Last 4 digits of the mobile number').fill(digits);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()]);
    await page.waitForLoadState();
    return res.status();
  }

  it('takes a pasted code and the phone digits without JavaScript, and the survey goes on to the thank-you page', async () => {
    const { code, digits, invitationId } = await sentCode();
    const page = await noScript.newPage();
    expect((await page.goto(`${host.baseUrl}/c`))?.status()).toBe(200);
    expect(await submit(page, ` ${code.slice(0, 4).toLowerCase()} ${code.slice(4)} `, digits)).toBe(303);
    expect(page.url()).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
    await page.getByText('非常满意', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await expect(page.getByRole('heading', { name: '感谢您的评价' }).isVisible()).resolves.toBe(true);
    expect((await host.core.responses.get(invitationId))?.score).toBe(5);
    await page.close();
  });

  it('the form, in Chinese, English and large type', async () => {
    for (const [query, state] of [['', 'form'], ['?lang=en', 'form-en'], ['?large=1', 'form-large']] as const) {
      const page = await axeContext.newPage();
      expect((await page.goto(`${host.baseUrl}/c${query}`))?.status()).toBe(200);
      await checkState(page, state);
      await page.close();
    }
  });

  it('a wrong code (404), then wrong digits (400), then the code locked (403)', async () => {
    const { code, digits } = await sentCode();
    const wrong = digits === '0000' ? '1111' : '0000';
    const page = await axeContext.newPage();
    await page.goto(`${host.baseUrl}/c`);
    expect(await submit(page, 'ZZZZ-ZZZZ', digits)).toBe(404);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('评价码不正确');
    await checkState(page, 'wrong-code');
    expect(await submit(page, code, wrong)).toBe(400);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('还可尝试 4 次');
    await checkState(page, 'wrong-digits');
    for (let i = 0; i < 3; i++) expect(await submit(page, code, wrong)).toBe(400);
    expect(await submit(page, code, wrong)).toBe(403);
    await expect(page.getByRole('heading', { name: '评价码已锁定' }).isVisible()).resolves.toBe(true);
    await checkState(page, 'locked');
    await page.close();
  });

  it('answered and expired, as /s/ shows them', async () => {
    const answered = await sentCode();
    const page = await axeContext.newPage();
    await page.goto(`${host.baseUrl}/c`);
    expect(await submit(page, answered.code, answered.digits)).toBe(303);
    await page.getByText('满意', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await page.goto(`${host.baseUrl}/c`);
    expect(await submit(page, answered.code, answered.digits)).toBe(200);
    await expect(page.getByRole('heading', { name: '您已完成评价' }).isVisible()).resolves.toBe(true);
    await checkState(page, 'answered');

    const expired = await sentCode();
    host.clock.set(new Date('2026-12-10T02:00:00Z'));
    try {
      await page.goto(`${host.baseUrl}/c?lang=en`);
      expect(await submit(page, expired.code, expired.digits, 'Start the survey')).toBe(410);
      await expect(page.getByRole('heading', { name: 'Link expired' }).isVisible()).resolves.toBe(true);
      await checkState(page, 'expired-en');
    } finally {
      host.clock.set(new Date('2026-11-24T05:00:00Z'));
    }
    await page.close();
  });

  it('rate-limited (429) after too many failed entries from one address', async () => {
    host.clock.set(new Date('2026-11-26T02:00:00Z')); // a window of its own
    for (let i = 0; i < 20; i++) {
      await fetch(`${host.baseUrl}/c`, { method: 'POST', body: new URLSearchParams({ code: 'ZZZZZZZZ', digits: '0000' }) });
    }
    const page = await axeContext.newPage();
    await page.goto(`${host.baseUrl}/c?large=1`);
    expect(await submit(page, 'ZZZZZZZZ', '0000')).toBe(429);
    await expect(page.getByRole('heading', { name: '请稍后再试' }).isVisible()).resolves.toBe(true);
    await checkState(page, 'limited-large');
    await page.close();
  });
});
