/**
 * A referral in a real Chromium: the city reviewer opens a county record it received, refers
 * it with the suggested letter number changed to the bureau's own, sends the letter and records
 * the feedback; screenshots of the draft and of the answered referral.
 */
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

const PASSWORD = 'Refer-Pass-2026';

describe.runIf(browserAvailable())('referrals in Chromium', () => {
  let world: E2eWorld;
  let recordId: string;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  const period = `${year}Q${Math.floor(beijing.getUTCMonth() / 3) + 1}`;

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
    const session = new Map<string, HttpSession>();
    for (const [username, name, unit, role] of people) {
      await sys.call('POST', '/api/v1/users', { username, name, unit, password: 'First-Pass-01' });
      await sec.call('PUT', `/api/v1/users/${username}/roles`, [{ role, unit }]);
      session.set(username, await HttpSession.signIn(url, username, 'First-Pass-01', PASSWORD));
    }
    await sys.upload('/api/v1/units/410221/seal', '杞县统计局公章.png', PNG);

    // A county's quarter, recorded and sent up through the API: what the reviewer receives.
    const recorder = session.get('qx-recorder')!;
    const record = await recorder.call('POST', '/api/v1/records', {
      unit: '410221',
      office: '综合科',
      form: 'letter',
      occurredAt: today,
      details: { senderUnit: '县发改委' },
      interferer: { name: '赵镇长', post: '杞县城关镇镇长', level: 'township' },
      situation: '2023-2',
      content: { words: '增速再调高两个点。' },
      noEvidenceReason: '原件已退回',
    });
    recordId = record.id;
    await recorder.call('POST', `/api/v1/records/${recordId}/sign`, { password: PASSWORD });
    const report = `/api/v1/reports/410221/${period}`;
    await session.get('qx-filler')!.call('POST', `${report}/compile`);
    for (const [username, role] of [
      ['qx-leader', 'ruleOfLawLeader'],
      ['qx-principal', 'principal'],
    ] as const) {
      await session
        .get(username)!
        .call('POST', `${report}/signatures`, { role, password: PASSWORD });
    }
    await session.get('qx-filler')!.call('POST', `${report}/seal`);
    await session.get('qx-filler')!.call('POST', `${report}/submit`);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the city reviewer refers a received record, sends the letter and records the feedback', async () => {
    const { page, context } = await world.newPage();
    await signIn(page, world.server.url, 'kf-reviewer', PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.goto(`${world.server.url}/records/${recordId}`);
    await page.getByTestId('record-refer').click();
    await page.waitForURL((u) => u.pathname === '/referrals/new');
    await expect
      .poll(() => page.getByTestId('referral-number').inputValue())
      .toBe(`开封市统移〔${year}〕1号`);
    await page.getByTestId('referral-number').fill(`汴统移〔${year}〕1号`);
    await page.getByTestId('referral-create').click();

    await page.waitForURL((u) => /^\/referrals\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect
      .poll(() => page.locator('body').textContent())
      .toContain('中共杞县委、杞县人民政府');
    await screenshot(page, 'referrals-01-draft');

    await page.getByTestId('referral-send').click();
    await expect
      .poll(() => page.getByTestId('referral-status').first().textContent())
      .toContain('已移送');

    await page.getByTestId('referral-feedback-result').fill('经核实，已对赵某某进行批评教育。');
    await page.getByTestId('referral-feedback-date').fill(today);
    await page.getByTestId('referral-feedback-save').click();
    await expect
      .poll(() => page.getByTestId('referral-feedback').textContent())
      .toContain('批评教育');
    await expect
      .poll(() => page.getByTestId('referral-status').first().textContent())
      .toContain('已反馈');
    await screenshot(page, 'referrals-02-feedback');

    await page.goto(`${world.server.url}/referrals`);
    await expect
      .poll(() => page.getByTestId('referral-table').textContent())
      .toContain(`汴统移〔${year}〕1号`);
    expect(world.foreignRequests).toEqual([]);
    await context.close();
  });
});
