/**
 * `GET /api/v1/regions/{unit}/summary` on both engines: the regional summary of what the city
 * bureau accepted (or, with include=submitted, also what awaits a decision), persons counted
 * once per unit's registry, the units and reports counted; for the region's reviewers only,
 * with Chinese messages for bad ranges.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { QX, type RegionStaff, setUpRegion, TX } from './region-fixture.js';
import { buildScenario } from './region-scenario.js';

describeEachEngine('regional summary API', (engine) => {
  let t: TestApp;
  let r: RegionStaff;
  const city = '/api/v1/regions/410200/summary';

  beforeAll(async () => {
    t = await startTestApp(engine);
    r = await setUpRegion(t);
    await buildScenario(r);
  });
  afterAll(() => t.close());

  it('counts the accepted versions by default, a returned one never', async () => {
    const summary = await r.reviewer.get(`${city}?from=2020Q1&to=2020Q4`).expect(200);

    expect(summary).toMatchObject({
      region: { code: '410200', name: '开封市统计局' },
      from: '2020Q1',
      to: '2020Q4',
      included: 'accepted',
      ruleVersion: '2017',
      records: 3,
      zero: false,
      units: 2,
      persons: { county: 1, township: 2, other: 0, total: 3 },
      forms: { oral: 0, phone: 0, qq: 0, wechat: 1, email: 1, other: 1, total: 3 },
      situations: { '2017-2': 1, '2017-4': 1, '2017-6': 1, total: 3 },
    });
    expect(summary.reports).toEqual([
      { unit: QX, period: '2020Q1', version: 1, status: 'accepted' },
      { unit: QX, period: '2020Q3', version: 1, status: 'accepted' },
      { unit: TX, period: '2020Q3', version: 1, status: 'accepted' },
    ]);
  });

  it('adds the versions awaiting a decision with include=submitted', async () => {
    const summary = await r.reviewer
      .get(`${city}?from=2020Q1&to=2020Q4&include=submitted`)
      .expect(200);

    expect(summary).toMatchObject({
      included: 'submitted',
      records: 5,
      units: 2,
      persons: { county: 2, township: 2, other: 1, total: 5 },
      forms: { oral: 1, other: 2, total: 5 },
      situations: { '2017-1': 1, '2017-3': 1, total: 5 },
    });
    expect(summary.reports).toContainEqual({
      unit: TX,
      period: '2020Q1',
      version: 1,
      status: 'submitted',
    });
    expect(summary.reports.map((x: { period: string }) => x.period)).not.toContain('2020Q2');
  });

  it('gives a zero summary for a range nobody reported', async () => {
    const summary = await r.reviewer.get(`${city}?from=2019Q1&to=2019Q4`).expect(200);

    expect(summary).toMatchObject({ records: 0, zero: true, units: 0, reports: [] });
  });

  it('makes the summary export count as the summary does', async () => {
    const url = '/api/v1/regions/410200/summary/export?from=2020Q1&to=2020Q4&format=json';
    const accepted = await r.reviewer.get(url).expect(200);
    const received = await r.reviewer.get(`${url}&include=submitted`).expect(200);

    expect(accepted).toMatchObject({ records: 3, units: 2 });
    expect(received).toMatchObject({ records: 5, units: 2 });
  });

  it('is for the reviewers of the region or of a bureau above it', async () => {
    const range = '?from=2020Q1&to=2020Q4';
    await r.county.filler.get(`${city}${range}`).expect(403);
    await r.county.sys.get(`${city}${range}`).expect(403);
    await t.client().get(`${city}${range}`).expect(401);
    const elsewhere = await r.reviewer.get(`/api/v1/regions/410000/summary${range}`).expect(404);
    expect(elsewhere.error.message).toContain('不是该地区的审核人');
    const county = await r.reviewer.get(`/api/v1/regions/${QX}/summary${range}`).expect(200);
    expect(county.region.code).toBe(QX);
    expect(county.reports.every((report: { unit: string }) => report.unit === QX)).toBe(true);
  });

  it.each([
    ['from=2020Q4&to=2020Q1', '起始季度不能晚于截止季度'],
    ['from=2020Q5&to=2020Q1', '期别格式应为“2020Q2”'],
    ['from=2010Q1&to=2020Q4', '最长十年'],
    ['from=2020Q1', 'to'],
    ['from=2020Q1&to=2020Q4&include=all', 'include 只能是 submitted'],
    ['from=2020Q1&to=2020Q4&format=xlsx', 'format'],
  ])('answers %s with 400 and what to fix', async (query, message) => {
    const answer = await r.reviewer.get(`${city}?${query}`).expect(400);

    expect(answer.error.message).toContain(message);
  });
});
