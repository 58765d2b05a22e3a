/**
 * The content security policy in a real Chromium: the sign-in page, the app after sign-in
 * (antd's run-time styles, the lazy chunks) and the API explorer load and work under it, and
 * the browser reports no violation. A page that needed an inline script would show up here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ONE_TIME, browserAvailable, type E2eWorld, startWorld } from './browser.js';
import { changePassword, signIn } from './page-actions.js';

describe.runIf(browserAvailable())('content security policy in Chromium', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ preset: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Collects what the browser reports as blocked by the policy, however it reports it. */
  async function watchViolations(page: Page): Promise<string[]> {
    const seen: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
    });
    await page.exposeFunction('reportViolation', (text: string) => seen.push(text));
    // Run in the page: the test's own TypeScript has no DOM types, so the script is text.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportViolation(event.violatedDirective + ' ' + event.blockedURI));`,
    });

    return seen;
  }

  it('lets the app sign in, change the password and show its pages with nothing blocked', async () => {
    const { page, context } = await world.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${world.server.url}/login`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await signIn(page, world.server.url, 'sysadmin', ADMIN_ONE_TIME);
    await changePassword(page, ADMIN_ONE_TIME, 'Csp-Admin-2026');
    await page.goto(`${world.server.url}/units`);
    await expect.poll(() => page.getByTestId('unit-table').textContent()).toContain('杞县统计局');
    await page.goto(`${world.server.url}/settings`);
    await expect.poll(() => page.locator('form').count()).toBeGreaterThan(0);

    expect(violations).toEqual([]);
    await context.close();
  });

  it('lets the API explorer render', async () => {
    const { page, context } = await world.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${world.server.url}/api/docs/`);
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent())
      .toContain('留痕');

    expect(violations).toEqual([]);
    await context.close();
  });

  it('blocks an inline script injected into the page, and says so', async () => {
    const { page, context } = await world.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${world.server.url}/login`);
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.body.append(script);
    }`);

    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate('document.body.dataset.injected')).toBeUndefined();
    await context.close();
  });
});
