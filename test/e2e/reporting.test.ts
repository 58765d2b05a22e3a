/**
 * A county's quarter in a real Chromium, from signed records to a submission the city
 * accepts, and a zero report; screenshots of the ledger (附件1) and summary (附件2) layouts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../support/fixtures.js';
import {
  ADMIN_ONE_TIME,
  browserAvailable,
  type E2eWorld,
  screenshot,
  startWorld,
} from './browser.js';
import { HttpSession } from './http-session.js';
import { signIn } from './page-actions.js';

const PASSWORD = 'Report-Pass-2026';

/** The quarter of today in Beijing, and the one before it. */
function quarters(): { current: string; previous: string } {
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  const year = beijing.getUTCFullYear();
  const quarter = Math.floor(beijing.getUTCMonth() / 3) + 1;
  const previous = quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;

  return { current: `${year}Q${quarter}`, previous };
}

describe.runIf(browserAvailable())('quarterly reporting in Chromium', () => {
  let world: E2eWorld;
  const { current, previous } = quarters();

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    const url = world.server.url;
    const sys = await HttpSession.signIn(url, 'sysadmin', ADMIN_ONE_TIME, 'Sys-Admin-2026');
    const sec = await HttpSession.signIn(url, 'secadmin', ADMIN_ONE_TIME, 'Sec-Admin-2026');
    const people = [
      ['qx-recorder', '刘记录', '410221', 'recorder'],
      ['qx-filler', '张填报', '410221', 'filler'],
      ['qx-leader', '李分管', '410221', 'ruleOfLawLeader'],
      ['qx-principal', '王局长', '410221', 'principal'],
      ['kf-reviewer', '赵法规', '410200', 'reviewer'],
    ] as const;
    for (const [username, name, unit, role] of people) {
      await sys.call('POST', '/api/v1/users', { username, name, unit, password: 'First-Pass-01' });
      await sec.call('PUT', `/api/v1/users/${username}/roles`, [{ role, unit }]);
      await HttpSession.signIn(url, username, 'First-Pass-01', PASSWORD);
    }

    const recorder = await HttpSession.signIn(url, 'qx-recorder', PASSWORD);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const records = [
      {
        form: 'letter',
        occurredAt: today,
        details: { senderUnit: '县发改委' },
        noEvidenceReason: '原件已退回',
      },
      {
        form: 'message',
        channel: 'wechat',
        occurredAt: `${today}T00`,
        details: { wechat: 'wang_fxz' },
      },
    ];
    for (const extra of records) {
      const record = await recorder.call('POST', '/api/v1/records', {
        unit: '410221',
        office: '综合科',
        interferer: { name: '王副县长', post: '杞县人民政府副县长', level: 'county' },
        situation: '2023-2',
        content: { words: '增速再调高两个点。', storageMedium: '手机微信聊天记录' },
        noEvidenceReason: '对方已撤回消息，截图未能保存',
        ...extra,
      });
      await recorder.call('POST', `/api/v1/records/${record.id}/sign`, { password: PASSWORD });
    }
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

  async function signAs(page: Page, role: string) {
    await page.locator(`[data-testid="report-sign"][data-role="${role}"]`).click();
    await page.getByTestId('report-sign-password').fill(PASSWORD);
    await page.getByTestId('report-sign-submit').click();
    await expect
      .poll(() => page.locator(`[data-testid="report-signature"]`).count())
      .toBeGreaterThan(0);
  }

  async function confirm(page: Page, testId: string) {
    await page.getByTestId(testId).click();
    await page
      .locator('.ant-popconfirm:visible .ant-btn-primary, .ant-popover:visible .ant-btn-primary')
      .first()
      .click();
  }

  it('the system administrator uploads the seal image of the county bureau', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'sysadmin', 'Sys-Admin-2026');
    await page.waitForURL((u) => u.pathname === '/units');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('unit-seal-410221').click(),
    ]);
    await chooser.setFiles({ name: '杞县统计局公章.png', mimeType: 'image/png', buffer: PNG });

    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('公章图样已上传');
    await context.close();
  });

  it('the filler compiles the quarter: ledger and summary in the official layouts', async () => {
    const { page, context } = await as('qx-filler');
    await page.goto(`${world.server.url}/reports/410221/${current}`);
    await page.getByTestId('report-compile').click();

    await expect.poll(() => page.getByTestId('summary-forms-total').textContent()).toContain('2');
    await expect.poll(() => page.getByTestId('report-ledger').textContent()).toContain('王副县长');
    await expect
      .poll(() => page.getByTestId('report-checkpoint').textContent())
      .toContain('根哈希');
    await screenshot(page, 'reporting-01-ledger-and-summary');
    await context.close();
  });

  it('the rule-of-law leader and the principal sign with their own passwords', async () => {
    for (const [username, role] of [
      ['qx-leader', 'ruleOfLawLeader'],
      ['qx-principal', 'principal'],
    ] as const) {
      const { page, context } = await as(username);
      await page.goto(`${world.server.url}/reports/410221/${current}`);
      await signAs(page, role);
      await context.close();
    }
  });

  it('the filler seals and submits', async () => {
    const { page, context } = await as('qx-filler');
    await page.goto(`${world.server.url}/reports/410221/${current}`);
    await page.getByTestId('report-seal').click();
    await expect
      .poll(() => page.getByTestId('report-status').first().textContent())
      .toContain('盖章');
    await confirm(page, 'report-submit');

    await expect
      .poll(() => page.getByTestId('report-status').first().textContent())
      .toContain('报送');
    await screenshot(page, 'reporting-02-submitted');
    await context.close();
  });

  it('the city reviewer sees the inbox, checks integrity and accepts', async () => {
    const { page, context } = await as('kf-reviewer');
    await page.goto(`${world.server.url}/reports?bureau=410200&period=${current}`);
    await expect.poll(() => page.getByTestId('inbox-table').textContent()).toContain('杞县统计局');
    await screenshot(page, 'reporting-03-inbox');

    await page.goto(`${world.server.url}/reports/410221/${current}`);
    await expect
      .poll(() => page.getByTestId('report-integrity').getAttribute('data-ok'))
      .toBe('true');
    await confirm(page, 'report-accept');
    await expect
      .poll(() => page.getByTestId('report-status').first().textContent())
      .toContain('接收');
    await screenshot(page, 'reporting-04-accepted');
    await context.close();
  });

  it('prints the summary and the ledger as on paper, and downloads them as files', async () => {
    const { page, context } = await as('qx-filler');
    await page.goto(`${world.server.url}/reports/410221/${current}`);
    await page.getByTestId('report-print-summary').click();
    const summary = page.getByTestId('print-summary');
    await expect.poll(() => summary.textContent()).toContain('领导干部违规干预统计工作汇总表');
    expect(await summary.textContent()).toContain('填报单位（公章）：杞县统计局');
    expect(await page.getByTestId('print-signatures').textContent()).toMatch(
      /主要负责人：王局长.*分管统计法治负责人：李分管.*填报人：张填报/,
    );
    expect(await page.getByTestId('print-seal').count()).toBe(1);
    expect(await page.getByTestId('print-checkpoint').textContent()).toContain('日志检查点');
    await screenshot(page, 'reporting-06-print-summary');
    // In print the toolbar goes and only the sheet is left.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await screenshot(page, 'reporting-07-print-summary-media-print');

    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${world.server.url}/reports/410221/${current}/print/ledger`);
    const bands = page.getByTestId('print-ledger-band');
    await expect.poll(() => bands.count()).toBe(2);
    expect(await bands.first().locator('td[data-form="letter"]').textContent()).toContain('☑');
    expect(await bands.first().locator('td[data-form="oral"]').textContent()).toContain('☐');
    expect(await page.getByTestId('print-ledger').textContent()).toContain('填报说明：');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'reporting-08-print-ledger');

    for (const format of ['xlsx', 'pdf']) {
      const href = `/api/v1/reports/410221/${current}/export?form=ledger&format=${format}`;
      const response = await page.request.get(`${world.server.url}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-disposition']).toContain('attachment');
    }
    await context.close();
  });

  it('an empty quarter is a one-click zero report', async () => {
    const { page, context } = await as('qx-filler');
    await page.goto(`${world.server.url}/reports/410221/${previous}`);
    await page.getByTestId('report-zero').click();

    await expect.poll(() => page.getByTestId('summary-persons-total').textContent()).toContain('0');
    await screenshot(page, 'reporting-05-zero-report');
    await context.close();
  });

  it('asked no host but its own', () => {
    expect(world.foreignRequests).toEqual([]);
  });
});
