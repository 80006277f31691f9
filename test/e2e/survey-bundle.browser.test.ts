import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { launchChromium } from '../support/browser';
import { servedHost } from '../support/served-host';

const OUT = 'test-output/e2e/survey-bundle';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const office = { sub: 'office', username: 'office', role: 'office' as const };
const TITLES = ['道路照明不亮', '厂区排水不畅', '用电增容'];

/** The page of a bundle link (three closures of one enterprise in one SMS) in headless Chromium. */
describe('a bundle link’s page in Chromium', { timeout: 120_000 }, () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;
  let next = 150;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** Three issues of a fresh enterprise closed on Tuesday morning, sent at noon as one SMS; its link and invitations. */
  async function bundleLink(): Promise<{ link: string; invitationIds: string[] }> {
    const e = demoEnterprises[next++]!;
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    const invitationIds: string[] = [];
    for (const title of TITLES) {
      const issue = await createIssue(host.core, office, { enterpriseId: e.id, teamId: e.teamId, category: '其他', title });
      invitationIds.push((await closeIssue(host.core, office, issue.id, { resolution: '已办结' })).invitation.id);
    }
    host.clock.set(new Date('2026-11-24T04:05:00Z'));
    await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' });
    const outbox = await (await fetch(`${host.baseUrl}/local/outbox?to=${e.contactPhone}`)).json();
    expect(outbox).toHaveLength(1);
    return { link: /https?:\/\/\S+/.exec(outbox[0].body)![0], invitationIds };
  }

  const section = (page: Page, title: string) => page.locator('section', { hasText: title });

  it('answers two issues of one page with JavaScript off, each recorded for its own issue', async () => {
    const { link, invitationIds } = await bundleLink();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('请评价 3 项诉求的办理');
    await section(page, TITLES[1]!).getByText('满意', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1/), section(page, TITLES[1]!).getByRole('button', { name: '提交第 2 项评价' }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('已收到您的评价');
    await expect(section(page, TITLES[1]!).textContent()).resolves.toContain('已评价');
    // A 2 without JavaScript: the reasons come as a second step, still for the right issue.
    await section(page, TITLES[0]!).getByText('不满意', { exact: true }).click();
    await section(page, TITLES[0]!).getByRole('button', { name: '提交第 1 项评价' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { name: '请告诉我们原因' }).isVisible()).resolves.toBe(true);
    await page.getByText('效率', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await page.screenshot({ path: `${OUT}/nojs-two-answered-320x640.png`, fullPage: true });
    expect(await page.locator('form[method="post"]').count()).toBe(1);
    expect(await host.core.responses.get(invitationIds[1]!)).toMatchObject({ score: 4, answers: { overall: 4 } });
    expect(await host.core.responses.get(invitationIds[0]!)).toMatchObject({ score: 2, answers: { overall: 2, reasons: ['speed'] } });
    expect(await host.core.responses.get(invitationIds[2]!)).toBeUndefined();
    await context.close();
  });

  it('has no axe violations, and its script shows the reasons only in the form that asked for them', async () => {
    const { link } = await bundleLink();
    const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    await section(page, TITLES[1]!).getByText('非常不满意', { exact: true }).click();
    expect(await section(page, TITLES[1]!).locator('fieldset[data-show-if="overall"]').isVisible()).toBe(true);
    expect(await section(page, TITLES[0]!).locator('fieldset[data-show-if="overall"]').isVisible()).toBe(false);
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as AxeResults;
    expect(results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
    for (const size of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${OUT}/bundle-${size.width}x${size.height}.png`, fullPage: true });
    }
    await context.close();
  });
});
