/**
 * What the city bureau exports about its region, on both engines: the regional summary over a
 * range of quarters (from what it received, persons counted once) and the annual report as
 * Word with the year's figures. Only the region's reviewers may, and each export is logged.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('regional exports', (engine) => {
  let t: TestApp;
  let c: County;
  const county = '/api/v1/reports/410221';
  const region = '/api/v1/regions/410200';

  async function submit(period: string) {
    await c.filler.post(`${county}/${period}/compile`).expect(200);
    await c.leader
      .post(`${county}/${period}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await c.principal
      .post(`${county}/${period}/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    await c.filler.post(`${county}/${period}/seal`).expect(200);
    await c.filler.post(`${county}/${period}/submit`).expect(200);
  }

  async function signedLetter(occurredAt: string, name: string) {
    const record = await c.recorder
      .post(
        '/api/v1/records',
        buildRecord('letter', {
          occurredAt,
          noEvidenceReason: '原件已交回',
          interferer: { name, post: '某县副县长', level: 'county' },
        }),
      )
      .expect(201);
    await c.recorder.post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD }).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-04-02T02:00:00Z');
    c = await setUpCounty(t);
    await c.sys.upload('/api/v1/units/410221/seal', { name: '公章.png', content: PNG }).expect(201);
    // 2020Q1: a zero report on time. 2020Q2: two records of one person, sent late.
    await submit('2020Q1');
    t.clock.set('2020-06-20T02:00:00Z');
    await c.signInAgain();
    await signedLetter('2020-05-13', '王某');
    await signedLetter('2020-06-01', '王某');
    t.clock.set('2020-07-10T02:00:00Z');
    await c.signInAgain();
    await submit('2020Q2');
    t.clock.set('2021-01-20T02:00:00Z');
    await c.signInAgain();
  });
  afterAll(() => t.close());

  it('sums what the region received, counting a person once, 填报单位 naming the region', async () => {
    // Nothing is accepted yet: by default the export counts accepted versions only.
    const accepted = await c.reviewer
      .get(`${region}/summary/export?from=2020Q1&to=2020Q4&format=json`)
      .expect(200);
    expect(accepted).toMatchObject({ records: 0, units: 0, zero: true });
    const summary = await c.reviewer
      .get(`${region}/summary/export?from=2020Q1&to=2020Q4&format=json&include=submitted`)
      .expect(200);
    expect(summary).toMatchObject({
      filler: { code: '410200', name: '开封市统计局' },
      period: { text: '2020年度' },
      records: 2,
      units: 1,
      persons: { total: { count: 1 } },
      forms: { total: { count: 2 } },
      seal: null,
    });
    const half = await c.reviewer
      .get(`${region}/summary/export?from=2020Q1&to=2020Q1&format=json`)
      .expect(200);
    expect(half).toMatchObject({ records: 0, zero: true, period: { text: '2020年度第一季度' } });
  });

  it('renders the regional summary as xlsx and pdf', async () => {
    for (const [format, magic] of [
      ['xlsx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const response = await c.reviewer.get(
        `${region}/summary/export?from=2020Q1&to=2020Q4&format=${format}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.subarray(0, magic.length).toString()).toBe(magic);
    }
  });

  it('writes the annual report with the year’s figures per unit', async () => {
    const response = await c.reviewer.get(`${region}/annual-report?year=2020`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('开封市统计局关于2020年度领导干部违规干预统计工作记录情况的报告');
    expect(text).toContain('市委、市政府、省统计局：');
    expect(text).toContain('杞县统计局');
    expect(text).toContain('通许县统计局');
    expect(text).toContain('本年度未移送案件。');
    expect(text).toContain('领导干部违规干预统计工作汇总表');
  });

  it('logs each regional export in the region’s log', async () => {
    const rows = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('entry')
      .where('log_id', '=', '410200')
      .where('type', '=', 'region.exported')
      .execute();
    const kinds = rows.map((r) => JSON.parse(r.entry).data.kind);
    expect(kinds).toContain('regional-summary');
    expect(kinds).toContain('annual-report');
  });

  it('is for the region’s reviewers only, and explains bad ranges', async () => {
    await c.filler.get(`${region}/summary/export?from=2020Q1&to=2020Q4&format=json`).expect(403);
    await c.reviewer.get(`/api/v1/regions/410000/annual-report?year=2020`).expect(404);
    const backwards = await c.reviewer
      .get(`${region}/summary/export?from=2020Q4&to=2020Q1&format=json`)
      .expect(400);
    expect(backwards.error.message).toContain('起始季度不能晚于截止季度');
    const year = await c.reviewer.get(`${region}/annual-report?year=abc`).expect(400);
    expect(JSON.stringify(year.error)).toContain('年份');
  });
});
