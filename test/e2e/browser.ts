/**
 * End-to-end harness: Debian's Chromium driven by playwright-core against a real `liuhen
 * serve` on a free port with a temporary database. Any request to a host other than the
 * server fails the test: the web app must work with no internet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import { type RunningServer, runCli, startServer } from '../support/cli.js';

export const CHROMIUM = process.env.LIUHEN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
export const ADMIN_ONE_TIME = 'E2e-Once-2026';

/** Whether the browser suites can run; in CI a missing browser is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium not found at ${CHROMIUM}: CI must run the browser suites`);
  console.warn(
    `\n!!! Browser suites NOT RUN: no Chromium at ${CHROMIUM} (apt-get install chromium) !!!\n`,
  );

  return false;
}

export interface E2eWorld {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  foreignRequests: string[];
  newPage(options?: {
    width?: number;
    height?: number;
  }): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function startWorld(options: { preset?: boolean } = {}): Promise<E2eWorld> {
  ensureWebBuilt(path.resolve(import.meta.dirname, '../../web/dist'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-e2e-'));
  const env = {
    LIUHEN_DATA_DIR: dataDir,
    LIUHEN_DB_URL: `sqlite:${path.join(dataDir, 'liuhen.db')}`,
  };
  const init = runCli(
    [
      'init',
      '--admin-password',
      ADMIN_ONE_TIME,
      ...(options.preset ? ['--preset', 'kaifeng'] : []),
    ],
    env,
  );
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);

  const server = await startServer(env);
  // Playwright gives every launch a fresh, empty profile of its own (its --user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const origin = new URL(server.url).origin;
  const foreignRequests: string[] = [];

  return {
    server,
    browser,
    dataDir,
    foreignRequests,
    async newPage({ width = 1366, height = 900 } = {}) {
      // Beijing time, as the users' machines have it: forms offer dates and hours in it.
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
          return route.continue();

        foreignRequests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);

      return { page, context };
    },
    async close() {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
