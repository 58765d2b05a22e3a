/**
 * The analysis pages in a real Chromium: the city reviewer opens a link a colleague shared
 * (every filter in its query string) and sees the same view, charts drawn as SVG with their
 * values and decal patterns, each with a data table; screenshots of the pages for the issue.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysisScene, PASSWORD } from './analysis-scene.js';
import { browserAvailable, type E2eWorld, screenshot, startWorld } from './browser.js';
import { signIn } from './page-actions.js';

const CHARTS = ['quarters', 'situations', 'forms', 'levels', 'units', 'indicators'];

describe.runIf(browserAvailable())('regional analysis in Chromium', () => {
  let world: E2eWorld;
  let year: number;

  beforeAll(async () => {
    world = await startWorld({ preset: true });
    year = await buildAnalysisScene(world.server.url);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function as(username: string) {
    const { page, context } = await world.newPage({ width: 1440, height: 900 });
    await signIn(page, world.server.url, username, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    return { page, context };
  }

  async function chartsDrawn(page: Page) {
    for (const id of CHARTS) {
      await page.getByTestId(`echart-${id}`).locator('svg').first().waitFor();
    }
  }

  it('opens a shared link with every filter in place and draws the charts', async () => {
    const { page, context } = await as('kf-reviewer');
    const link = `/analysis?unit=410200&from=${year}Q1&to=${year}Q4&include=submitted`;
    await page.goto(`${world.server.url}${link}`);
    await chartsDrawn(page);

    const overview = page.getByTestId('analysis-overview');
    await expect.poll(() => overview.textContent()).toContain('含已报送、尚未接收的报告');
    expect(await overview.textContent()).toMatch(/干预次数\s*6/);
    const include = page.getByRole('checkbox', { name: '含已报送、尚未接收的报告' });
    expect(await include.isChecked()).toBe(true);
    // ECharts' aria describes each chart in Chinese, starting with its title.
    const label = await page.getByTestId('echart-quarters').getAttribute('aria-label');
    expect(label).toContain('各季度干预次数与人数');
    // Bars carry their values as text, readable without colour.
    expect(await page.getByTestId('echart-forms').locator('svg text').allTextContents()).toContain(
      '2',
    );
    const persons = page.getByTestId('repeated-persons');
    expect(await persons.textContent()).toContain('王副县长');
    expect(await persons.textContent()).toContain('跨单位');
    await screenshot(page, 'analysis-01-shared-link');
    await context.close();
  });

  it('shows every chart’s figures as a table on demand', async () => {
    const { page, context } = await as('kf-reviewer');
    await page.goto(`${world.server.url}/analysis?unit=410200&from=${year}Q1&to=${year}Q4`);
    await chartsDrawn(page);
    const panel = page.getByTestId('chart-indicators');
    await panel.getByRole('button', { name: '查看数据表' }).click();

    const table = panel.locator('table');
    await expect.poll(() => table.textContent()).toContain('规模以上工业增加值');
    expect(await panel.getByRole('button', { name: '收起数据表' }).count()).toBe(1);
    // Accepted reports only: 通许县's second quarter awaits a decision.
    expect(await page.getByTestId('analysis-overview').textContent()).toMatch(/干预次数\s*5/);
    await screenshot(page, 'analysis-02-data-table');
    await context.close();
  });

  it('narrows by unit and level from the link, and a default view becomes a full link', async () => {
    const { page, context } = await as('kf-reviewer');
    const filtered = `/analysis?unit=410200&from=${year}Q1&to=${year}Q4&units=410221&levels=county`;
    await page.goto(`${world.server.url}${filtered}`);
    await chartsDrawn(page);

    const overview = page.getByTestId('analysis-overview');
    await expect.poll(() => overview.textContent()).toMatch(/干预次数\s*2/);
    expect(await page.getByTestId('analysis-units').textContent()).toContain('杞县统计局');
    expect(await page.getByTestId('analysis-levels').textContent()).toContain('县处级');
    await screenshot(page, 'analysis-03-filtered');

    await page.goto(`${world.server.url}/analysis`);
    await page.waitForURL(
      (u) => u.searchParams.has('from') && u.searchParams.get('unit') === '410200',
    );
    await context.close();
  });

  it('is not offered to a county’s staff', async () => {
    const { page, context } = await as('qx-recorder');
    await page.goto(`${world.server.url}/analysis?unit=410200&from=${year}Q1&to=${year}Q4`);

    await expect.poll(() => page.locator('.ant-result-title').textContent()).toContain('无权访问');
    expect(world.foreignRequests).toEqual([]);
    await context.close();
  });
});
