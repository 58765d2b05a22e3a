/**
 * The foundation as a bureau's administrators live it, in a real Chromium: sign in, forced
 * password change, the Kaifeng preset, a new account, its roles, the audit trail; and the page
 * never asks any host but its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_ONE_TIME,
  browserAvailable,
  type E2eWorld,
  screenshot,
  startWorld,
} from './browser.js';
import { changePassword, choose, signIn, signOut } from './page-actions.js';

const NEW_PASSWORD = 'Kaifeng-Admin-2026';

describe.runIf(browserAvailable())('foundation in Chromium', () => {
  let world: E2eWorld;
  let userPassword = '';

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the system administrator signs in, must change the one-time password, loads the Kaifeng preset', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'sysadmin', 'wrong-password');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('用户名或密码错误');
    await screenshot(page, 'foundation-01-sign-in-error');

    await signIn(page, world.server.url, 'sysadmin', ADMIN_ONE_TIME);
    await screenshot(page, 'foundation-02-forced-password-change');
    await changePassword(page, ADMIN_ONE_TIME, NEW_PASSWORD);

    await page.goto(`${world.server.url}/units`);
    await page.getByTestId('unit-preset-kaifeng').click();
    await page.getByTestId('unit-preset-confirm').click();
    await expect.poll(() => page.getByTestId('unit-table').textContent()).toContain('杞县统计局');
    expect(await page.getByTestId('unit-table').textContent()).toContain('410225');
    await screenshot(page, 'foundation-03-unit-tree');
    await context.close();
  });

  it('the system administrator creates an account and is shown its one-time password once', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'sysadmin', NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/units');

    await page.goto(`${world.server.url}/users`);
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('qixian-liu');
    await page.getByTestId('user-name').fill('刘新星');
    await choose(page, 'user-unit', '杞县统计局', '杞县');
    await page.getByTestId('user-phone').fill('0371-22771231');
    await page.getByTestId('user-submit').click();

    userPassword = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
    expect(userPassword).toMatch(/^\S{14}$/);
    await screenshot(page, 'foundation-04-one-time-password');
    await page.getByTestId('one-time-password-close').click();
    await expect.poll(() => page.getByTestId('user-table').textContent()).toContain('刘新星');
    await signOut(page);
    await context.close();
  });

  it('the security administrator gives the account its roles per unit', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'secadmin', ADMIN_ONE_TIME);
    await changePassword(page, ADMIN_ONE_TIME, NEW_PASSWORD);

    await page.goto(`${world.server.url}/users`);
    await page.getByTestId('user-roles-qixian-liu').click();
    await page.getByTestId('roles-add').click();
    await choose(page, 'role-select-0', '记录人');
    await choose(page, 'role-unit-0', '杞县统计局', '杞县');
    await page.getByTestId('roles-add').click();
    await choose(page, 'role-select-1', '填报人');
    await choose(page, 'role-unit-1', '杞县统计局', '杞县');
    await screenshot(page, 'foundation-05-role-editor');
    await page.getByTestId('roles-submit').click();

    await expect.poll(() => page.getByTestId('user-table').textContent()).toContain('填报人');
    await screenshot(page, 'foundation-06-users');
    await context.close();
  });

  it('the new account signs in, changes its password and sees its roles on a phone-sized screen', async () => {
    const { page, context } = await world.newPage({ width: 375, height: 812 });
    await signIn(page, world.server.url, 'qixian-liu', userPassword);
    await changePassword(page, userPassword, 'Liu-Xinxing-88');

    const roles = page.getByTestId('workbench-roles');
    await expect.poll(() => roles.textContent()).toContain('记录人');
    await expect.poll(() => roles.textContent()).toContain('杞县统计局');
    await screenshot(page, 'foundation-07-workbench-phone');
    await context.close();
  });

  it('the audit administrator sees sign-ins, failures and every change, with times in Beijing and UTC', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'auditadmin', ADMIN_ONE_TIME);
    await changePassword(page, ADMIN_ONE_TIME, NEW_PASSWORD);

    await page.goto(`${world.server.url}/audit`);
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('登录失败');
    const text = (await table.textContent()) ?? '';
    for (const label of ['登录成功', '新建用户', 'qixian-liu', 'secadmin'])
      expect(text).toContain(label);
    await screenshot(page, 'foundation-08-audit-trail');
    await context.close();
  });

  it('asked no host but its own', () => {
    expect(world.foreignRequests).toEqual([]);
  });
});
