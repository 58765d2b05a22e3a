/**
 * The annual duties (年度工作) in a real Chromium, on last year's region of the analysis scene
 * (杞县 all four quarters accepted; 通许县 one quarter awaiting a decision, one never sent):
 * the city reviewer sees the matrix, opens a late county, refers one of its records and records
 * the feedback; 杞县's filler and heads compile, sign, seal and send the yearly summary, late;
 * the city reviewer then sees it sent in the compliance view and its checklist, and generates
 * the annual report as Word; and a summary overtaken by an accepted quarter is compiled again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysisScene, PASSWORD } from './analysis-scene.js';
import { browserAvailable, type E2eWorld, screenshot, startWorld } from './browser.js';
import { HttpSession } from './http-session.js';
import { signIn } from './page-actions.js';

const QX = '410221';
const TX = '410222';
const CITY = '410200';

describe.runIf(browserAvailable())('annual duties in Chromium', () => {
  let world: E2eWorld;
  let year: number;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    year = await buildAnalysisScene(world.server.url);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function as(username: string) {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, username, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    return { page, context };
  }

  const open = (page: Page, address: string) => page.goto(`${world.server.url}${address}`);
  const text = (page: Page, testId: string) => () => page.getByTestId(testId).textContent();

  async function confirm(page: Page, testId: string) {
    await page.getByTestId(testId).click();
    await page
      .locator('.ant-popconfirm:visible .ant-btn-primary, .ant-popover:visible .ant-btn-primary')
      .first()
      .click();
  }

  it('the city reviewer sees the matrix, opens a late county, refers a record and records the feedback', async () => {
    const { page, context } = await as('kf-reviewer');
    await open(page, `/compliance?from=${year}Q1&to=${year}Q4`);
    const missing = page
      .getByTestId('compliance-table')
      .locator(`[data-testid="compliance-cell-${year}Q4"][data-status="missing"]`);
    await expect.poll(() => missing.count()).toBeGreaterThan(0);
    const county = page.getByTestId(`annual-cell-${TX}`);
    await expect.poll(() => county.textContent()).toContain('缺报');
    expect(await county.textContent()).toMatch(/逾期 \d+ 天/);
    await screenshot(page, 'annual-01-compliance');

    await page.getByTestId(`annual-compliance-link-${TX}-${year}`).click();
    await page.waitForURL((u) => u.pathname === '/annual' && u.search.includes(`unit=${TX}`));
    await expect.poll(text(page, 'annual-facts')).toMatch(/缺报.*逾期 \d+ 天/);
    expect(await page.getByTestId('annual-live').textContent()).toContain('尚未编制');
    expect(await page.getByTestId('annual-actions-none').textContent()).toContain('审核人只读');
    const quarters = page.getByTestId(`annual-quarters-${TX}`);
    expect(await quarters.textContent()).toContain('已报待审');
    expect(await quarters.textContent()).toContain('缺报');
    await screenshot(page, 'annual-02-late-county');

    // From the checklist to the quarter still awaiting a decision, and on to one of its records.
    await page.getByTestId(`annual-quarter-${TX}-${year}Q2`).click();
    await page.waitForURL((u) => u.pathname === `/reports/${TX}/${year}Q2`);
    await page.getByRole('link', { name: '张镇长' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/records/'));
    await page.getByTestId('record-refer').click();
    await page.waitForURL((u) => u.pathname === '/referrals/new');
    await expect.poll(() => page.getByTestId('referral-number').inputValue()).toContain('统移');
    const number = await page.getByTestId('referral-number').inputValue();
    await page.getByTestId('referral-create').click();
    await page.waitForURL((u) => /^\/referrals\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByTestId('referral-send').click();
    await expect.poll(text(page, 'referral-status')).toContain('已移送');

    // The letter now keeps the city's year open, until its feedback is recorded.
    await open(page, `/annual?unit=${CITY}&year=${year}`);
    const referrals = page.getByTestId('annual-checklist-referrals');
    await expect.poll(() => referrals.textContent()).toContain('（1 件）');
    expect(await referrals.textContent()).toContain(number);
    expect(await page.getByTestId('annual-checklist').getAttribute('data-complete')).toBe('false');
    await screenshot(page, 'annual-03-city-checklist');

    await referrals.getByRole('link', { name: number }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/referrals/'));
    await page.getByTestId('referral-feedback-result').fill('经核实，已对张某某进行诫勉谈话。');
    await page.getByTestId('referral-feedback-date').fill(today);
    await page.getByTestId('referral-feedback-save').click();
    await expect.poll(text(page, 'referral-status')).toContain('已反馈');

    await open(page, `/annual?unit=${CITY}&year=${year}`);
    await expect.poll(text(page, 'annual-checklist-referrals')).toContain('（0 件）');
    await context.close();
  });

  it('杞县’s filler and heads compile, sign, seal and send the yearly summary', async () => {
    const filler = await as('qx-recorder');
    await open(filler.page, '/annual');
    const status = filler.page.getByTestId('annual-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('uncompiled');
    expect(await filler.page.getByTestId('annual-year').textContent()).toContain(`${year}年度`);
    await filler.page.getByTestId('annual-compile').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('draft');
    const summary = filler.page.getByTestId('annual-summary');
    expect(await summary.getByTestId('summary-forms-total').textContent()).toBe('4');
    expect(await filler.page.getByTestId('annual-basis').textContent()).toContain('4 份季度报告');
    await screenshot(filler.page, 'annual-04-compiled');

    for (const [username, role] of [
      ['qx-leader', 'ruleOfLawLeader'],
      ['qx-principal', 'principal'],
    ] as const) {
      const { page, context } = await as(username);
      await open(page, '/annual');
      await page.locator(`[data-testid="annual-sign"][data-role="${role}"]`).click();
      await page.getByTestId('annual-sign-password').fill(PASSWORD);
      await page.getByTestId('annual-sign-submit').click();
      await expect.poll(() => page.getByTestId('annual-sign').count()).toBe(0);
      if (role === 'principal') await screenshot(page, 'annual-05-signed');
      await context.close();
    }

    await filler.page.reload();
    await expect.poll(() => status.getAttribute('data-status')).toBe('signed');
    await filler.page.getByTestId('annual-seal').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('sealed');
    await confirm(filler.page, 'annual-submit');
    await expect.poll(() => status.getAttribute('data-status')).toBe('submitted');
    await expect.poll(text(filler.page, 'annual-facts')).toMatch(/已报送.*逾期 \d+ 天/);
    expect(await filler.page.getByTestId('annual-complete').textContent()).toContain(
      '年度工作已齐备',
    );
    expect(await summary.textContent()).toContain('已加盖公章');
    await screenshot(filler.page, 'annual-06-submitted');

    const pdf = await download(filler.page, 'annual-export-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await filler.context.close();
  });

  it('the city reviewer sees it sent in the compliance view and the checklist, and generates the annual report', async () => {
    const { page, context } = await as('kf-reviewer');
    await open(page, `/compliance?from=${year}Q1&to=${year}Q4`);
    const sent = page.getByTestId(`annual-cell-${QX}`);
    await expect.poll(() => sent.getAttribute('data-status')).toBe('submitted');
    expect(await sent.textContent()).toMatch(/已报送.*逾期 \d+ 天/);
    expect(await page.getByTestId(`annual-cell-${TX}`).textContent()).toContain('缺报');
    await screenshot(page, 'annual-07-compliance-submitted');

    await open(page, `/annual?unit=${CITY}&year=${year}`);
    const summaries = page.getByTestId('annual-checklist-summaries');
    await expect.poll(() => summaries.textContent()).toContain('通许县统计局');
    expect(await summaries.textContent()).not.toContain('杞县统计局');
    expect(await page.getByTestId(`annual-quarters-${QX}`).count()).toBe(0);

    const report = await download(page, 'annual-report-download', '.docx');
    expect(report.subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'annual-08-city-year');
    expect(world.foreignRequests).toEqual([]);
    await context.close();
  });

  it('a summary compiled before another quarter was accepted must be compiled again', async () => {
    const url = world.server.url;
    const filler = await HttpSession.signIn(url, 'tx-recorder', PASSWORD);
    const reviewer = await HttpSession.signIn(url, 'kf-reviewer', PASSWORD);
    await filler.call('POST', `/api/v1/regions/${TX}/annual/${year}/compile`);
    await reviewer.call('POST', `/api/v1/reports/${TX}/${year}Q2/accept`);

    const { page, context } = await as('tx-recorder');
    await open(page, '/annual');
    await expect.poll(text(page, 'annual-stale')).toContain('须重新编制');
    expect(await page.getByTestId('annual-steps').getAttribute('data-status')).toBe('draft');
    await screenshot(page, 'annual-09-stale');

    await confirm(page, 'annual-compile');
    await expect.poll(() => page.getByTestId('annual-stale').count()).toBe(0);
    expect(await page.getByTestId('annual-basis').textContent()).toContain('3 份季度报告');
    await context.close();
  });

  /** Clicks a download link and answers the bytes that arrived. */
  async function download(page: Page, testId: string, extension?: string): Promise<Buffer> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(testId).click(),
    ]);
    if (extension) expect(file.suggestedFilename()).toMatch(new RegExp(`\\${extension}$`));
    const saved = path.join(world.dataDir, file.suggestedFilename());
    await file.saveAs(saved);

    return fs.readFileSync(saved);
  }
});
