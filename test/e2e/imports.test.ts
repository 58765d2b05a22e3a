/**
 * Importing a paper-era ledger in a real Chromium: a county recorder uploads a ledger in the
 * layout of 附件1 without Liuhen's 级别 and 干预情形, picks them row by row, imports, and finds
 * the records in the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerXlsx, oralRecord } from '../imports/import-files.js';
import {
  ADMIN_ONE_TIME,
  browserAvailable,
  type E2eWorld,
  screenshot,
  startWorld,
} from './browser.js';
import { HttpSession } from './http-session.js';
import { choose, signIn } from './page-actions.js';

const PASSWORD = 'Import-Pass-2026';

describe.runIf(browserAvailable())('importing a ledger in Chromium', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    const url = world.server.url;
    const sys = await HttpSession.signIn(url, 'sysadmin', ADMIN_ONE_TIME, 'Sys-Admin-2026');
    const sec = await HttpSession.signIn(url, 'secadmin', ADMIN_ONE_TIME, 'Sec-Admin-2026');
    await sys.call('POST', '/api/v1/users', {
      username: 'qx-zhang',
      name: '张明',
      unit: '410221',
      password: 'First-Pass-01',
    });
    await HttpSession.signIn(url, 'qx-zhang', 'First-Pass-01', PASSWORD);
    await sec.call('PUT', '/api/v1/users/qx-zhang/roles', [{ role: 'recorder', unit: '410221' }]);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('uploads a legacy ledger, asks for level and situation per row, and imports it', async () => {
    const file = await ledgerXlsx([
      oralRecord({ interferer: '王某' }),
      oralRecord({ interferer: '赵某', post: '某镇镇长', occurredAt: '2020年6月3日10时' }),
    ]);
    const { page } = await world.newPage();
    await signIn(page, world.server.url, 'qx-zhang', PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.getByRole('menuitem', { name: '导入台账' }).click();
    await page.waitForURL((u) => u.pathname === '/imports');
    await page.locator('input[type=file]').setInputFiles({
      name: '杞县2020年二季度台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain('需选择级别或干预情形 2 条');

    await choose(page, 'import-level-5', '县处级');
    await choose(page, 'import-situation-5', '(三)');
    await choose(page, 'import-level-13', '乡科级');
    await choose(page, 'import-situation-13', '(一)');
    await screenshot(page, 'import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByText('已导入 2 条记录').waitFor();

    await page.getByTestId('import-to-records').click();
    await page.waitForURL((u) => u.pathname === '/records');
    await page.getByText('赵某').first().waitFor();
    await expect.poll(() => page.getByText('王某').count()).toBeGreaterThan(0);
    await screenshot(page, 'import-records');
    expect(world.foreignRequests).toEqual([]);
  }, 120_000);
});
