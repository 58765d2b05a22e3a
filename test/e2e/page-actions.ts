/**
 * What a person does on Liuhen's pages, in Playwright terms, so the scenarios read as steps.
 */
import type { Page } from 'playwright-core';

export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The forced change after a one-time password; lands on the role's home page. */
export async function changePassword(page: Page, current: string, next: string) {
  await page.getByTestId('password-forced').waitFor();
  await page.getByTestId('password-current').fill(current);
  await page.getByTestId('password-next').fill(next);
  await page.getByTestId('password-confirm').fill(next);
  await page.getByTestId('password-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/password'));
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-sign-out').click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Picks an option of an antd Select by typing (when searchable) and clicking its label. */
export async function choose(page: Page, testId: string, label: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}
