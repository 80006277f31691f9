import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../functions/core/auth/principal';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { launchChromium } from '../support/browser';
import { servedHost } from '../support/served-host';

const OUT = 'test-output/e2e';
const PHONE = { width: 390, height: 844 };
const office: Principal = { sub: 'office', username: 'office', role: 'office' };

describe('a team member records a callback on the staff pages, in headless Chromium at 390x844', () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost();
    browser = await launchChromium();
    // Tuesday 24 November 2026, 10:00 in Shanghai.
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** A callback task for `teamId`: an issue of one of its enterprises, closed. */
  async function callbackFor(teamId: string, title: string) {
    const enterprise = demoEnterprises.find((e) => e.teamId === teamId)!;
    const issue = await createIssue(host.core, office, { enterpriseId: enterprise.id, teamId, category: '政策咨询', title });
    const { callbackTask } = await closeIssue(host.core, office, issue.id, { resolution: '已讲解政策' });
    return { enterprise, task: callbackTask };
  }

  async function signIn(page: Page, username: string) {
    await page.goto(`${host.baseUrl}/app/tasks`);
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/app\/tasks$/), page.getByRole('button', { name: '登录' }).click()]);
  }

  /** Signs in, finds the task, records "reached, resolved, 非常满意" and checks it shows as done. */
  async function recordOutcome(page: Page, teamId: string, shot: string) {
    const { enterprise, task } = await callbackFor(teamId, `${shot} 诉求`);
    await signIn(page, `member-${teamId}`);
    const card = page.locator(`#task-${task.id}`);
    expect(await card.getByRole('heading', { name: enterprise.name }).isVisible()).toBe(true);
    expect(await card.getByText('11月27日 周五 23:59 截止').isVisible()).toBe(true);
    expect(await card.getByRole('link', { name: new RegExp(enterprise.contactPhone) }).getAttribute('href')).toBe(`tel:${enterprise.contactPhone}`);
    await page.screenshot({ path: `${OUT}/${shot}-tasks-390.png`, fullPage: true });

    await card.getByText('登记回访结果').click();
    await card.getByText('已联系上', { exact: true }).click();
    await card.getByText('已解决', { exact: true }).click();
    await card.getByText('非常满意', { exact: true }).click();
    await card.getByLabel(/备注/).fill('企业表示问题已解决');
    expect(await card.locator('input[name="outcome"][value="reached"]').isChecked()).toBe(true);
    await page.screenshot({ path: `${OUT}/${shot}-outcome-form-390.png`, fullPage: true });
    await Promise.all([page.waitForURL(/ok=task\.completed/), card.getByRole('button', { name: '提交结果' }).click()]);

    expect(await page.getByRole('status').textContent()).toContain('已登记回访结果');
    expect(await page.locator(`#task-${task.id}`).getAttribute('data-status')).toBe('done');
    expect(await page.locator(`#task-${task.id}`).textContent()).toContain('已完成');
    await page.screenshot({ path: `${OUT}/${shot}-done-390.png`, fullPage: true });
    expect(await host.core.tasks.get(task.id)).toMatchObject({ status: 'done', outcome: 'reached', enterpriseSaysResolved: 'yes', rating: 5 });
    return task;
  }

  it('signs in, sees the task with its due date and phone, records the outcome and sees it done', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    const task = await recordOutcome(page, 'beihu-01', 'staff');

    await page.goto(`${host.baseUrl}/app/issues/${task.issueId}`);
    expect(await page.locator('.timeline li').count()).toBe(2);
    await page.screenshot({ path: `${OUT}/staff-issue-390.png`, fullPage: true });
    await page.goto(`${host.baseUrl}/app/issues`);
    await page.screenshot({ path: `${OUT}/staff-ledger-390.png`, fullPage: true });
    await page.getByRole('link', { name: /登记新诉求/ }).click();
    expect(await page.getByLabel('类别').inputValue()).toBe('水电费补贴');
    await page.screenshot({ path: `${OUT}/staff-new-issue-390.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/app\/login$/), page.getByRole('button', { name: '退出' }).click()]);
    await page.goto(`${host.baseUrl}/app/tasks`);
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await context.close();
  });

  it('does the same with JavaScript disabled: plain forms, post and redirect', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await recordOutcome(page, 'konggang-02', 'nojs');
    await context.close();
  });

  it("shows a zone dispatcher the zone's view", async () => {
    await callbackFor('changde-01', '逾期回访');
    host.clock.set(new Date('2026-12-02T02:00:00Z'));
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'dispatcher-changde');
    await page.getByRole('link', { name: '调度' }).click();
    expect(await page.getByText('已逾期').first().isVisible()).toBe(true);
    await page.screenshot({ path: `${OUT}/staff-zone-390.png`, fullPage: true });
    await context.close();
  });
});
