import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { seedDemoHistory } from '../../infra/local/seed/demo-seed';
import { launchChromium } from '../support/browser';
import { servedHost } from '../support/served-host';

const OUT = 'test-output/e2e/reports';
const DESKTOP = { width: 1280, height: 800 };
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The two months the demo history covers, so the boards have ranked teams to show. */
const RANGE = '/app/reports?from=2026-10-01&to=2026-11-29';

/**
 * The office's dashboard in headless Chromium at 1280x800, over the demo history (about a hundred
 * answers recorded through the real rules): the charts are SVG and visible with JavaScript off,
 * axe-core finds no violation, and printing hides the navigation and the filters.
 */
describe('the report dashboard in Chromium: SVG charts without JavaScript, no axe violations, a print layout', { timeout: 180_000 }, () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost();
    // Sunday 29 November 2026, 10:00 in Shanghai: the seed's history runs back to late September.
    host.clock.set(new Date('2026-11-29T02:00:00Z'));
    await seedDemoHistory({ core: host.core, table: host.table, org: host.org });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function signedIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${host.baseUrl}/app/login`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/app\/tasks$/), page.getByRole('button', { name: '登录' }).click()]);
    return page;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as AxeResults;
    expect(results.passes.length).toBeGreaterThan(10);
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('shows the boards and the charts as SVG with JavaScript disabled, and hides the filters in print', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await signedIn(context);
    await page.getByRole('link', { name: '报表' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('满意度报表');
    await page.goto(`${host.baseUrl}${RANGE}`);

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      expect(await chart.isVisible()).toBe(true);
      expect((await chart.boundingBox())!.width).toBeGreaterThan(500);
    }
    expect(await page.getByRole('img', { name: /各开发区满意率（含95%置信区间）/ }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /各开发区满意率趋势/ }).isVisible()).toBe(true);
    expect(await page.locator('svg.chart polyline').count()).toBeGreaterThan(0);
    const ranked = await page.locator('.red table.ranking tbody tr').count();
    expect(ranked).toBeGreaterThan(0);
    // The README's picture is copied from here by hand (cp test-output/e2e/reports/reports-1280x800.png web/screenshots/reports.png): tests never change tracked files.
    await page.screenshot({ path: `${OUT}/reports-1280x800.png` });
    await page.screenshot({ path: `${OUT}/reports-1280-full.png`, fullPage: true });

    // The filter form is a plain GET: picking a zone reloads with it, no script involved.
    await page.getByRole('combobox', { name: '开发区' }).selectOption('beihu');
    await Promise.all([page.waitForURL(/zoneId=beihu/), page.getByRole('button', { name: '查看' }).click()]);
    expect(await page.getByRole('img', { name: /北湖科技开发区各助企队满意率趋势/ }).isVisible()).toBe(true);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('nav.nav').isVisible()).toBe(false);
    expect(await page.locator('svg.chart').first().isVisible()).toBe(true);

    await page.goto(`${host.baseUrl}/app/reports/monthly?month=2026-10`);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: '2026年10月营商环境满意度月报' }).isVisible()).toBe(true);
    // Each part of the monthly report after the first starts a new A4 page.
    const breaks = await page.locator('section.sheet').evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
    await page.pdf({ path: `${OUT}/monthly-2026-10.pdf`, format: 'A4' }).catch(() => undefined);
    await context.close();
  });

  it('has no axe violations on the dashboard and on the monthly report', async () => {
    // axe is injected as a script, which the page's CSP refuses: this context bypasses CSP.
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    const page = await signedIn(context);
    for (const path of [RANGE, '/app/reports?month=2026-11&zoneId=gaoxin&category=%E9%87%91%E8%9E%8D%E6%94%AF%E6%8C%81', '/app/reports/monthly?month=2026-10']) {
      await page.goto(`${host.baseUrl}${path}`);
      expect(await axeViolations(page), `axe on ${path}`).toEqual([]);
    }
    await context.close();
  });
});
