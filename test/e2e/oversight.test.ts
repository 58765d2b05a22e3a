/**
 * The oversight pages in a real Chromium: the city reviewer reads the region's compliance
 * (rates, the unit × quarter table in words, a county's history), records a follow-up on a
 * missing quarter (责任追究), and the county's filler records a supervision check (监督检查).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_ONE_TIME,
  browserAvailable,
  type E2eWorld,
  screenshot,
  startWorld,
} from './browser.js';
import { HttpSession } from './http-session.js';
import { signIn } from './page-actions.js';

const PASSWORD = 'Oversight-Pass-2026';

/** The last quarter whose deadline has passed by now: the one before the previous quarter's. */
function lastDueQuarter(): string {
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  const index = beijing.getUTCFullYear() * 4 + Math.floor(beijing.getUTCMonth() / 3) - 2;

  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

describe.runIf(browserAvailable())('oversight in Chromium', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    const url = world.server.url;
    const sys = await HttpSession.signIn(url, 'sysadmin', ADMIN_ONE_TIME, 'Sys-Admin-2026');
    const sec = await HttpSession.signIn(url, 'secadmin', ADMIN_ONE_TIME, 'Sec-Admin-2026');
    const people = [
      ['kf-reviewer', '赵法规', '410200', 'reviewer'],
      ['qx-filler', '张填报', '410221', 'filler'],
    ] as const;
    for (const [username, name, unit, role] of people) {
      await sys.call('POST', '/api/v1/users', { username, name, unit, password: 'First-Pass-01' });
      await sec.call('PUT', `/api/v1/users/${username}/roles`, [{ role, unit }]);
      await HttpSession.signIn(url, username, 'First-Pass-01', PASSWORD);
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

  it('the reviewer sees rates, the table in words and a county’s history', async () => {
    const { page, context } = await as('kf-reviewer');
    await page.goto(`${world.server.url}/compliance`);
    await expect
      .poll(() => page.getByTestId('compliance-completeness').textContent())
      .toContain('0.0%');
    const cell = page
      .getByTestId('compliance-table')
      .locator(`[data-testid="compliance-cell-${lastDueQuarter()}"]`)
      .first();
    await expect.poll(() => cell.textContent()).toContain('缺报');
    await expect.poll(() => cell.textContent()).toMatch(/逾期 \d+ 天/);
    await screenshot(page, 'oversight-01-compliance');

    await page.getByTestId('compliance-unit-410221').click();
    await expect.poll(() => page.getByTestId('unit-history').textContent()).toContain('杞县统计局');
    await expect
      .poll(() => page.getByTestId('unit-history').textContent())
      .toContain('尚未编制报告');
    await screenshot(page, 'oversight-02-unit-history');
    await context.close();
  });

  it('the reviewer records a notice on a missing quarter', async () => {
    const { page, context } = await as('kf-reviewer');
    await page.goto(`${world.server.url}/compliance?tab=accountability`);
    await page.getByTestId(`follow-up-410221-${lastDueQuarter()}`).click();
    await page.locator('#text').fill('已发函要求杞县统计局说明缺报原因');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    const table = page.getByTestId('accountability-table');
    await expect.poll(() => table.textContent()).toContain('说明缺报原因');
    await expect
      .poll(() => page.getByTestId('accountability-counts').textContent())
      .toContain('已处理 1 项');
    await screenshot(page, 'oversight-03-accountability');
    await context.close();
  });

  it('the county’s filler records a supervision check with a rectification deadline', async () => {
    const { page, context } = await as('qx-filler');
    await page.goto(`${world.server.url}/supervision`);
    await page.getByTestId('check-new').click();
    await page.locator('#body').fill('杞县城关镇统计站');
    await page.locator('#findings').fill('台账未按季度整理');
    await page.locator('#requirements').fill('按季度整理台账并补齐签字');
    await page.locator('#rectifyBy').click();
    await page.locator('#rectifyBy').fill('2099-12-31');
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    const table = page.getByTestId('check-table');
    await expect.poll(() => table.textContent()).toContain('杞县城关镇统计站');
    await expect.poll(() => table.textContent()).toContain('整改中');
    await screenshot(page, 'oversight-04-supervision');
    await context.close();
  });
});
