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

const OUT = 'test-output/e2e/survey';
const SIZES = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
] as const;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const office = { sub: 'office', username: 'office', role: 'office' as const };

/**
 * Every state of the answering page in headless Chromium: axe-core finds no violation, and each
 * state is photographed at 320x640 and 1280x800 under test-output/. axe is injected as a script,
 * which the page's nonce CSP would refuse: the context that runs it bypasses CSP (the page's own
 * script is still checked against the CSP by the no-bypass tests in survey.browser.test.ts).
 */
describe('the survey page in every state: no axe violations, screenshots at two sizes', { timeout: 90_000 }, () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;
  let axeContext: BrowserContext;
  let next = 100;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost();
    browser = await launchChromium();
    axeContext = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: SIZES[0] });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** A survey link freshly sent by SMS to an enterprise that no other test here uses. */
  async function sentLink(): Promise<string> {
    const e = demoEnterprises[next++]!;
    host.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 Shanghai
    const issue = await createIssue(host.core, office, { enterpriseId: e.id, teamId: e.teamId, category: '其他', title: '道路照明' });
    await closeIssue(host.core, office, issue.id, { resolution: '已报修' });
    host.clock.set(new Date('2026-11-24T05:00:00Z'));
    await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' });
    const [sms] = await (await fetch(`${host.baseUrl}/local/outbox?to=${e.contactPhone}`)).json();
    return /https?:\/\/\S+/.exec(sms.body)![0];
  }

  /** Runs axe on the page as it is now, then photographs it at both sizes. */
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

  async function open(url: string, status: number): Promise<Page> {
    const page = await axeContext.newPage();
    const res = await page.goto(url);
    expect(res?.status()).toBe(status);
    return page;
  }

  it('the form, loaded with one request and nothing from another site', async () => {
    const link = await sentLink();
    const page = await axeContext.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    expect((await page.goto(link))?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(requested).toEqual([link]);
    await checkState(page, 'form');
    await page.close();
  });

  it('the form with a low rating, the reasons shown inline', async () => {
    const page = await open(await sentLink(), 200);
    await page.getByText('不满意', { exact: true }).click();
    expect(await page.locator('fieldset[data-show-if="overall"]').isVisible()).toBe(true);
    await checkState(page, 'form-low-rating');
    await page.close();
  });

  it('the form in English', async () => {
    const page = await open(`${await sentLink()}?lang=en`, 200);
    await checkState(page, 'form-en');
    await page.close();
  });

  it('the form in large type (大字版)', async () => {
    const page = await open(await sentLink(), 200);
    await Promise.all([page.waitForURL(/large=1/), page.getByRole('link', { name: '大字版' }).click()]);
    expect(await page.locator('body.large').count()).toBe(1);
    await checkState(page, 'form-large');
    await page.close();
  });

  it('the form with a validation error', async () => {
    const page = await open(await sentLink(), 200);
    // The browser itself refuses a form without the required rating; skip its check to reach the server's.
    await page.evaluate(() => {
      document.querySelector('form')!.noValidate = true;
    });
    await page.getByText('已解决', { exact: true }).click();
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交评价' }).click()]);
    expect(res.status()).toBe(400);
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请选择一项');
    await checkState(page, 'form-error');
    await page.close();
  });

  it('the second step (reasons) that a page without JavaScript gets', async () => {
    const page = await open(await sentLink(), 200);
    // What the server answers when the page's script never ran: the form as served, step "first".
    await page.getByText('非常不满意', { exact: true }).click();
    await page.evaluate(() => {
      (document.querySelector('input[name="_step"]') as HTMLInputElement).value = 'first';
    });
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交评价' }).click()]);
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { name: '请告诉我们原因' }).isVisible()).resolves.toBe(true);
    await checkState(page, 'follow-up');
    await page.close();
  });

  it('thank you, then already answered', async () => {
    const link = await sentLink();
    const page = await open(link, 200);
    await page.getByText('满意', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await checkState(page, 'thanks');
    await page.close();
    const again = await open(link, 200);
    await expect(again.getByRole('heading', { name: '您已完成评价' }).isVisible()).resolves.toBe(true);
    await checkState(again, 'answered');
    await again.close();
    const large = await open(`${link}?large=1`, 200);
    await checkState(large, 'answered-large');
    await large.close();
  });

  it('expired (410)', async () => {
    const link = await sentLink();
    host.clock.set(new Date('2026-12-10T02:00:00Z'));
    try {
      const page = await open(link, 410);
      await expect(page.getByRole('heading', { name: '链接已过期' }).isVisible()).resolves.toBe(true);
      await checkState(page, 'expired');
      await page.close();
    } finally {
      host.clock.set(new Date('2026-11-24T05:00:00Z'));
    }
  });

  it('unknown (404), then rate-limited (429) after too many unknown links from one address', async () => {
    host.clock.set(new Date('2026-11-26T02:00:00Z'));
    const page = await open(`${host.baseUrl}/s/unknownTokenUnknownToken00`, 404);
    await expect(page.getByRole('heading', { name: '链接无效' }).isVisible()).resolves.toBe(true);
    await checkState(page, 'unknown');
    await page.close();
    for (let i = 1; i <= 20; i++) await fetch(`${host.baseUrl}/s/unknownTokenUnknownToken${String(i).padStart(2, '0')}`);
    const limited = await open(`${host.baseUrl}/s/unknownTokenUnknownToken99`, 429);
    await expect(limited.getByRole('heading', { name: '请稍后再试' }).isVisible()).resolves.toBe(true);
    await checkState(limited, 'limited');
    await limited.close();
  });
});
