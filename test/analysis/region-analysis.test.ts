/**
 * `GET /api/v1/regions/{unit}/analysis` on both engines, over the scenario of
 * region-scenario.ts: the counts per quarter, situation, form, level and unit, the indicators
 * most often targeted, the persons recorded more than once (across units by name), the
 * filters, the log event, and who may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { QX, type RegionStaff, setUpRegion, TX } from './region-fixture.js';
import { buildScenario } from './region-scenario.js';

describeEachEngine('regional analysis API', (engine) => {
  let t: TestApp;
  let r: RegionStaff;
  const analysis = (query: string) =>
    r.reviewer.get(`/api/v1/regions/410200/analysis?from=2020Q1&to=2020Q4${query}`);

  beforeAll(async () => {
    t = await startTestApp(engine);
    r = await setUpRegion(t);
    await buildScenario(r);
  });
  afterAll(() => t.close());

  describe('accepted reports (the default)', () => {
    let a: any;
    beforeAll(async () => {
      a = await analysis('').expect(200);
    });

    it('counts incidents and persons per quarter, zeros included', () => {
      expect(a).toMatchObject({ records: 3, persons: 3, included: 'accepted', filters: {} });
      expect(a.byQuarter).toEqual([
        { period: '2020Q1', records: 2, persons: 2 },
        { period: '2020Q2', records: 0, persons: 0 },
        { period: '2020Q3', records: 1, persons: 1 },
        { period: '2020Q4', records: 0, persons: 0 },
      ]);
    });

    it('counts by situation, form and level in the rows of 附件2', () => {
      const count = (rows: any[], key: string) =>
        Object.fromEntries(rows.map((row) => [row[key], row.records]));

      expect(count(a.bySituation, 'id')).toEqual({
        '2017-1': 0,
        '2017-2': 1,
        '2017-3': 0,
        '2017-4': 1,
        '2017-5': 0,
        '2017-6': 1,
        '2017-7': 0,
      });
      expect(a.bySituation[1]).toMatchObject({ label: '(二)' });
      expect(count(a.byForm, 'row')).toEqual({
        oral: 0,
        phone: 0,
        qq: 0,
        wechat: 1,
        email: 1,
        other: 1,
      });
      expect(a.byForm[0]).toMatchObject({ label: '口头干预' });
      expect(a.byLevel).toEqual([
        { level: 'county', label: '县处级', records: 1, persons: 1 },
        { level: 'township', label: '乡科级', records: 2, persons: 2 },
        { level: 'other', label: '其他', records: 0, persons: 0 },
      ]);
    });

    it('counts every reporting unit of the region, the city bureau itself included', () => {
      const byCode = Object.fromEntries(a.byUnit.map((u: any) => [u.code, u]));

      expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['410200', QX, TX, '410225']));
      expect(byCode[QX]).toEqual({ code: QX, name: '杞县统计局', records: 2, persons: 2 });
      expect(byCode[TX]).toMatchObject({ records: 1, persons: 1 });
      expect(byCode['410200']).toMatchObject({ records: 0 });
    });

    it('ranks the indicators by the records that name them', () => {
      expect(a.topIndicators).toHaveLength(2);
      expect(a.topIndicators).toEqual(
        expect.arrayContaining([
          { name: '规模以上工业增加值', records: 2 },
          { name: '固定资产投资', records: 2 },
        ]),
      );
    });

    it('finds a person recorded in two quarters by two units, by name', () => {
      expect(a.repeatedPersons.total).toBe(1);
      expect(a.repeatedPersons.persons[0]).toMatchObject({
        name: '张某',
        posts: ['通许县商务局局长', '某镇镇长'],
        level: 'township',
        records: 2,
        quarters: ['2020Q1', '2020Q3'],
        units: [QX, TX],
        acrossQuarters: true,
        acrossUnits: true,
      });
    });
  });

  it('adds what awaits a decision with include=submitted, matching names as nameKey does', async () => {
    const a = await analysis('&include=submitted').expect(200);

    expect(a).toMatchObject({ records: 5, persons: 5, included: 'submitted' });
    const wang = a.repeatedPersons.persons.find(
      (p: any) => p.units.length === 2 && p.records === 2 && p.quarters.length === 1,
    );
    expect(wang).toMatchObject({ units: [QX, TX], acrossUnits: true, acrossQuarters: false });
    expect(['王某', '王 某']).toContain(wang.name);
    expect(a.repeatedPersons.total).toBe(2);
  });

  it.each([
    [`&units=${TX}`, 1, { [TX]: 1 }],
    [`&units=${QX},${TX}&include=submitted`, 5, { [QX]: 2, [TX]: 3 }],
    ['&levels=county&include=submitted', 2, { [QX]: 1, [TX]: 1 }],
    ['&forms=oral,wechat&include=submitted', 2, { [QX]: 1, [TX]: 1 }],
    ['&situations=2017-2,2017-6', 2, { [QX]: 1, [TX]: 1 }],
    ['&levels=township&forms=email', 1, { [TX]: 1 }],
  ])('filters by %s', async (query, records, perUnit) => {
    const a = await analysis(query).expect(200);
    const counted = Object.fromEntries(
      a.byUnit.filter((u: any) => u.records > 0).map((u: any) => [u.code, u.records]),
    );

    expect(a.records).toBe(records);
    expect(counted).toEqual(perUnit);
    expect(a.byQuarter.reduce((sum: number, q: any) => sum + q.records, 0)).toBe(records);
  });

  it('shows only the chosen units as bars', async () => {
    const a = await analysis(`&units=${TX}`).expect(200);

    expect(a.byUnit.map((u: any) => u.code)).toEqual([TX]);
    expect(a.filters).toEqual({ units: [TX] });
  });

  it.each([
    ['&units=410000', '单位 410000 不是本地区的报送单位'],
    ['&situations=2023-1', '不属于截止季度适用的规则版本'],
    ['&levels=mayor', '级别须是'],
    ['&forms=letter', '干预形式须是'],
    ['&units=410221;410222', '单位须用逗号分隔'],
  ])('rejects %s with a Chinese message', async (query, message) => {
    const answer = await analysis(query).expect(400);

    expect(answer.error.message).toContain(message);
  });

  it('logs each analysis in the region’s log with the records its persons table named', async () => {
    await analysis('&include=submitted').expect(200);
    const rows = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('entry')
      .where('log_id', '=', '410200')
      .where('type', '=', 'region.analysed')
      .execute();
    const last = JSON.parse(rows.at(-1)!.entry);

    expect(last.actor).toMatchObject({ username: 'kf-reviewer' });
    expect(last.data).toMatchObject({ from: '2020Q1', to: '2020Q4', included: 'submitted' });
    expect(last.data.recordIds).toHaveLength(4);
  });

  it('is for the reviewers of the region or of a bureau above it', async () => {
    const range = '?from=2020Q1&to=2020Q4';
    await r.county.filler.get(`/api/v1/regions/410200/analysis${range}`).expect(403);
    const county = await r.reviewer.get(`/api/v1/regions/${TX}/analysis${range}`).expect(200);
    expect(county.regionUnits).toEqual([{ code: TX, name: '通许县统计局' }]);
    await r.county.otherCounty.get(`/api/v1/regions/${QX}/analysis${range}`).expect(403);
    await r.reviewer.get(`/api/v1/regions/999999/analysis${range}`).expect(404);
  });
});
