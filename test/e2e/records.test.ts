/**
 * Recording interference in a real Chromium, as a county statistician does it: an oral
 * interference confirmed by the witness from their own account, a letter with its scan, a
 * WeChat message with a screenshot, an amendment, and a receipt verified offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PNG } from '../support/fixtures.js';
import {
  ADMIN_ONE_TIME,
  browserAvailable,
  type E2eWorld,
  screenshot,
  startWorld,
} from './browser.js';
import { HttpSession } from './http-session.js';
import { choose, signIn } from './page-actions.js';

const PASSWORD = 'Record-Pass-2026';

describe.runIf(browserAvailable())('records in Chromium', () => {
  let world: E2eWorld;
  let oralId = '';

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    const url = world.server.url;
    const sys = await HttpSession.signIn(url, 'sysadmin', ADMIN_ONE_TIME, 'Sys-Admin-2026');
    const sec = await HttpSession.signIn(url, 'secadmin', ADMIN_ONE_TIME, 'Sec-Admin-2026');
    for (const [username, name] of [
      ['qx-liu', '刘新星'],
      ['qx-li', '李四'],
    ] as const) {
      await sys.call('POST', '/api/v1/users', {
        username,
        name,
        unit: '410221',
        password: 'First-Pass-01',
      });
      await HttpSession.signIn(url, username, 'First-Pass-01', PASSWORD);
    }
    await sec.call('PUT', '/api/v1/users/qx-liu/roles', [{ role: 'recorder', unit: '410221' }]);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function recorderPage(width = 1366) {
    const { page, context } = await world.newPage({ width, height: 900 });
    await signIn(page, world.server.url, 'qx-liu', PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    return { page, context };
  }

  async function fillCommon(page: Page, form: 'oral' | 'letter' | 'message') {
    await page.goto(`${world.server.url}/records/new`);
    await page.getByTestId(`record-form-${form}`).click();
    await page.getByTestId('record-office').fill('综合科');
    await page.getByTestId('record-occurred-date').click();
    await page
      .locator(
        '.ant-picker-dropdown:visible .ant-picker-now-btn, .ant-picker-dropdown:visible .ant-picker-today-btn',
      )
      .first()
      .click();
    if (form !== 'letter') await choose(page, 'record-occurred-hour', '0 时');
    await page.getByTestId('interferer-name').fill('王副县长');
    await page.getByTestId('interferer-post').fill('杞县人民政府副县长');
    await choose(page, 'interferer-level', '县处级');
    await page.getByTestId('record-situation-2023-2').click();
    await page.getByTestId('content-words').fill('规上工业增加值增速报低了，再调高两个百分点。');
  }

  async function save(page: Page): Promise<string> {
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);

    return page.url().split('/').pop()!;
  }

  async function sign(page: Page) {
    await page.getByTestId('record-sign').click();
    await page.getByTestId('sign-password').fill(PASSWORD);
    await page.getByTestId('sign-submit').click();
  }

  async function upload(page: Page, name: string, content: Buffer) {
    await page
      .getByTestId('evidence-upload')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: content });
    await expect
      .poll(() => page.getByTestId('record-evidence').textContent(), { timeout: 20_000 })
      .toContain(name);
  }

  it('records an oral interference with a place and a witness, and signs it', async () => {
    const { page, context } = await recorderPage();
    await fillCommon(page, 'oral');
    await page.getByTestId('details-place').fill('县政府三楼会议室');
    await page.getByTestId('witness-name-0').fill('李四');
    await page.getByTestId('witness-user-0').fill('qx-li');
    await screenshot(page, 'records-01-oral-form');
    oralId = await save(page);

    await sign(page);
    await expect
      .poll(() => page.getByTestId('record-steps').textContent())
      .toContain('在场人员确认');
    await screenshot(page, 'records-02-oral-signed');
    await context.close();
  });

  it('the witness confirms from their own account and the record is complete', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'qx-li', PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${world.server.url}/records/${oralId}`);
    await page.getByTestId('witness-confirm').click();
    await page.getByTestId('witness-password').fill(PASSWORD);
    await page.getByTestId('witness-submit').click();

    await expect
      .poll(() => page.getByTestId('record-status').first().getAttribute('data-status'))
      .toBe('complete');
    await context.close();
  });

  it('records a letter with its scanned PDF and signs it', async () => {
    const { page, context } = await recorderPage();
    await fillCommon(page, 'letter');
    await page.getByTestId('details-sender-unit').fill('杞县发展和改革委员会');
    await save(page);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    await upload(page, '来函扫描件.pdf', pdf);
    await sign(page);

    await expect
      .poll(() => page.getByTestId('record-status').first().getAttribute('data-status'))
      .toBe('complete');
    await screenshot(page, 'records-03-letter');
    await context.close();
  });

  it('records a WeChat message with a screenshot, on a phone-sized screen', async () => {
    const { page, context } = await recorderPage(375);
    await fillCommon(page, 'message');
    await page.getByTestId('record-channel-wechat').click();
    await page.getByTestId('details-wechat').fill('wang_fxz');
    await page.getByTestId('content-storage').fill('记录人手机微信聊天记录，已截屏打印');
    await screenshot(page, 'records-04-message-form-phone');
    await save(page);
    await upload(page, '微信截图.png', PNG);
    await sign(page);

    await expect
      .poll(() => page.getByTestId('record-status').first().getAttribute('data-status'))
      .toBe('complete');
    await screenshot(page, 'records-05-message-phone');
    await context.close();
  });

  it('amends the oral record with a reason; the history shows the change', async () => {
    const { page, context } = await recorderPage();
    await page.goto(`${world.server.url}/records/${oralId}`);
    await page.getByTestId('record-amend').click();
    await page.getByTestId('details-place').fill('县政府二楼小会议室');
    await page.getByTestId('amend-reason').fill('地点记错，更正');
    await page.getByTestId('amend-submit').click();
    await page.waitForURL(new RegExp(`/records/${oralId}$`));

    await expect
      .poll(() => page.getByTestId('record-history').textContent())
      .toContain('县政府二楼小会议室');
    await screenshot(page, 'records-06-amended-history');
    await context.close();
  });

  it('downloads a receipt that liuhen receipt verify accepts, and shows the integrity badge', async () => {
    const { page, context } = await recorderPage();
    await page.goto(`${world.server.url}/records/${oralId}`);
    await expect
      .poll(() => page.getByTestId('record-integrity').getAttribute('data-state'), {
        timeout: 20_000,
      })
      .toBe('verified');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('record-receipt').click(),
    ]);
    const file = path.join(world.dataDir, 'receipt.json');
    await download.saveAs(file);
    const keys = path.join(world.dataDir, 'keys.json');
    fs.writeFileSync(
      keys,
      JSON.stringify(await (await fetch(`${world.server.url}/api/v1/keys`)).json()),
    );

    const verified = runCli(['receipt', 'verify', file, '--key', keys], {});
    expect(verified.status, verified.stdout).toBe(0);
    await screenshot(page, 'records-07-detail-integrity');
    await context.close();
  });

  it('asked no host but its own', () => {
    expect(world.foreignRequests).toEqual([]);
  });
});
