import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { launchChromium } from '../support/browser';
import { servedHost } from '../support/served-host';

const OUT = 'test-output/e2e';

describe('an enterprise answers the survey from the SMS link, in headless Chromium', () => {
  let host: Awaited<ReturnType<typeof servedHost>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await servedHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('opens the link from the outbox, taps a rating, submits and sees the thank-you page', async () => {
    const office = { sub: 'office', username: 'office', role: 'office' as const };
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    const issue = await createIssue(host.core, office, { enterpriseId: 'ent-002', teamId: 'beihu-01', category: '政策咨询', title: '研发费用加计扣除' });
    await closeIssue(host.core, office, issue.id, { resolution: '已讲解' });
    host.clock.set(new Date('2026-11-24T04:30:00Z'));
    const sweep = await (await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' })).json();
    expect(sweep.invitations.sent).toBe(1);
    const [sms] = await (await fetch(`${host.baseUrl}/local/outbox?to=13804310002`)).json();
    const link = /https?:\/\/\S+/.exec(sms.body)![0];

    const page = await browser.newPage({ viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    await page.getByText('非常满意', { exact: true }).click();
    expect(await page.locator('input[name="overall"][value="5"]').isChecked()).toBe(true);
    await page.screenshot({ path: `${OUT}/survey-320.png`, fullPage: true });
    await Promise.all([page.waitForURL(/thanks=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await expect(page.getByRole('heading', { name: '感谢您的评价' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${OUT}/thanks-320.png` });

    const invitation = await host.core.invitations.get(issue.invitationId ?? (await host.core.issues.get(issue.id))!.invitationId!);
    expect(invitation?.status).toBe('answered');
    await page.close();
  });

  it('shows the reasons only for a rating of 1 or 2 when JavaScript runs', async () => {
    const office = { sub: 'office', username: 'office', role: 'office' as const };
    host.clock.set(new Date('2026-11-25T02:00:00Z'));
    const issue = await createIssue(host.core, office, { enterpriseId: 'ent-006', teamId: 'beihu-02', category: '其他', title: '道路照明' });
    await closeIssue(host.core, office, issue.id, { resolution: '已报修' });
    host.clock.set(new Date('2026-11-25T04:30:00Z'));
    await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' });
    const [sms] = await (await fetch(`${host.baseUrl}/local/outbox?to=13804310006`)).json();
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(/https?:\/\/\S+/.exec(sms.body)![0]);
    const reasons = page.locator('fieldset[data-show-if="overall"]');
    expect(await reasons.isVisible()).toBe(false);
    await page.getByText('不满意', { exact: true }).click();
    expect(await reasons.isVisible()).toBe(true);
    await page.getByText('满意', { exact: true }).click();
    expect(await reasons.isVisible()).toBe(false);
    await page.close();
  });

  it('runs its own inline script under the nonce CSP, with no CSP violation reported', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const opened = await page.goto(await sentLink('ent-010', '2026-11-25T02:00:00Z'));
    expect(opened?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    // The script marks the form as answered inline: proof that it ran.
    expect(await page.locator('input[name="_step"]').inputValue()).toBe('inline');
    expect(refused).toEqual([]);
    await page.close();
  });

  it('is answered with JavaScript off: big buttons, 大字版 by a link, the reasons as a second step, one answer recorded', async () => {
    const link = await sentLink('ent-014', '2026-11-25T02:00:00Z');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.locator('fieldset[data-show-if="overall"]').isVisible()).toBe(false);
    await Promise.all([page.waitForURL(/large=1/), page.getByRole('link', { name: '大字版' }).click()]);
    expect(await page.locator('body.large').count()).toBe(1);
    const level = page.getByText('不满意', { exact: true });
    const box = (await level.boundingBox())!;
    expect(box.width).toBeGreaterThan(260);
    expect(box.height).toBeGreaterThanOrEqual(56);
    await level.click();
    await page.getByText('部分解决', { exact: true }).click();
    await page.getByLabel('还有什么想对我们说的？（选填）').fill('等了两周');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { name: '请告诉我们原因' }).isVisible()).resolves.toBe(true);
    const invitationId = (await host.core.invitations.byTokenHash(host.core.tokens.hash(new URL(link).pathname.split('/')[2]!)))!.id;
    expect((await host.core.invitations.get(invitationId))?.status).toBe('sent');
    for (const size of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${OUT}/survey-nojs-follow-up-${size.width}x${size.height}.png`, fullPage: true });
    }
    await page.getByText('效率', { exact: true }).click();
    await Promise.all([page.waitForURL(/thanks=1&large=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await expect(page.getByRole('heading', { name: '感谢您的评价' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${OUT}/survey-nojs-thanks-large-320x640.png` });
    expect(await host.core.responses.get(invitationId)).toMatchObject({ score: 2, answers: { overall: 2, resolved: 'partly', reasons: ['speed'], comment: '等了两周' } });
    await context.close();
  });

  /** Closes an issue for the enterprise at `at`, sends its SMS two and a half hours later, returns the link. */
  async function sentLink(enterpriseId: string, at: string): Promise<string> {
    const office = { sub: 'office', username: 'office', role: 'office' as const };
    const enterprise = (await host.core.org.getEnterprise(enterpriseId))!;
    host.clock.set(new Date(at));
    const issue = await createIssue(host.core, office, { enterpriseId, teamId: enterprise.teamId, category: '其他', title: '道路照明' });
    await closeIssue(host.core, office, issue.id, { resolution: '已报修' });
    host.clock.set(new Date(Date.parse(at) + 150 * 60_000));
    await fetch(`${host.baseUrl}/local/sweep`, { method: 'POST' });
    const [sms] = await (await fetch(`${host.baseUrl}/local/outbox?to=${enterprise.contactPhone}`)).json();
    return /https?:\/\/\S+/.exec(sms.body)![0];
  }
});
