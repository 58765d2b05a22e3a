/**
 * The export API on both engines: who may take which version of a quarter's documents away,
 * in which formats, and that every export is an event in the unit's log. The layouts
 * themselves are checked by the renderers' own tests.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { save } from './pdf-inspection.js';

describeEachEngine('exporting the ledger and summary', (engine) => {
  let t: TestApp;
  let c: County;
  const base = '/api/v1/reports/410221';
  const exportOf = (period: string, form: string, format: string) =>
    `${base}/${period}/export?form=${form}&format=${format}`;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-06-20T02:00:00Z');
    c = await setUpCounty(t);
    await c.sys.upload('/api/v1/units/410221/seal', { name: '公章.png', content: PNG }).expect(201);
    for (const [form, overrides] of [
      ['letter', { occurredAt: '2020-05-13', noEvidenceReason: '原件已交回' }],
      ['message', { occurredAt: '2020-05-14T21' }],
    ] as const) {
      const record = await c.recorder
        .post('/api/v1/records', buildRecord(form, overrides))
        .expect(201);
      if (form === 'message')
        await c.recorder
          .upload(`/api/v1/records/${record.id}/evidence`, { name: '微信截屏.png', content: PNG })
          .expect(201);
      await c.recorder
        .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('gives the unit a live preview before the quarter is compiled', async () => {
    const ledger = await c.filler.get(exportOf('2020Q2', 'ledger', 'json')).expect(200);
    expect(ledger).toMatchObject({
      form: 'ledger',
      unit: { code: '410221', name: '杞县统计局' },
      office: '综合科',
      period: { label: '2020Q2', text: '2020年度第二季度' },
      reportVersion: null,
    });
    expect(ledger.rows.map((r: any) => [r.seq, r.form, r.occurredAt])).toEqual([
      [1, 'letter', '2020年5月13日'],
      [2, 'message', '2020年5月14日21时'],
    ]);
    expect(ledger.rows[1]).toMatchObject({
      interferer: '王副县长',
      level: '县处级',
      situation: '(二)',
      details: { wechat: 'wang_fxz' },
    });
    expect(ledger.rows[1].content).toContain('统计指标：规模以上工业增加值（2020年二季度）');
    expect(ledger.evidence).toEqual([
      expect.objectContaining({
        seq: 2,
        name: '微信截屏.png',
        mediaType: 'image/png',
        size: PNG.length,
      }),
    ]);
  });

  it('hands out the submitted version with signatures, seal and checkpoint', async () => {
    await c.filler.post(`${base}/2020Q2/compile`).expect(200);
    await c.leader
      .post(`${base}/2020Q2/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await c.principal
      .post(`${base}/2020Q2/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    await c.filler.post(`${base}/2020Q2/seal`).expect(200);
    await c.filler.post(`${base}/2020Q2/submit`).expect(200);

    const summary = await c.reviewer.get(exportOf('2020Q2', 'summary', 'json')).expect(200);
    expect(summary).toMatchObject({
      form: 'summary',
      filler: { name: '杞县统计局' },
      reportVersion: 1,
      records: 2,
      persons: { total: { label: '合计', count: 1 } },
      seal: { mediaType: 'image/png', base64: PNG.toString('base64') },
    });
    expect(summary.signatures.map((s: any) => [s.title, s.name])).toEqual([
      ['主要负责人', 'qx-principal'],
      ['分管统计法治负责人', 'qx-leader'],
      ['填报人', 'qx-filler'],
    ]);
    expect(summary.checkpoint).toMatch(/^liuhen\.[0-9a-f]+\/410221\n\d+\n/);
    expect(summary.situations.rows[1]).toEqual({
      label:
        '(二)指使、授意统计机构、统计人员或者其他机构、人员伪造、篡改统计资料，编造虚假统计数据',
      count: 2,
    });
  });

  it('writes real xlsx and pdf files with a safe download name', async () => {
    const xlsx = await c.filler.get(exportOf('2020Q2', 'ledger', 'xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('410221-2020Q2-v1-领导干部违规干预统计工作记录台账.xlsx')}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    expect(book.worksheets[0]!.getCell('A1').value).toBe('领导干部违规干预统计工作记录台账');

    const pdf = await c.filler.get(exportOf('2020Q2', 'ledger', 'pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const path = save(`export-api-${engine.name}-ledger.pdf`, pdf.rawPayload);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(text).toContain('杞县统计局');
    // The screenshot of the WeChat message is embedded after the ledger (填报说明 6).
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
    expect(images.trim().split('\n').length).toBeGreaterThan(2);
  });

  it('logs each export in the unit log, naming the version, form, format and file hash', async () => {
    const response = await c.filler.get(exportOf('2020Q2', 'summary', 'pdf'));
    const rows = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select(['entry', 'actor'])
      .where('log_id', '=', '410221')
      .where('type', '=', 'report.exported')
      .execute();
    const last = JSON.parse(rows.at(-1)!.entry);
    expect(last.data).toMatchObject({
      period: '2020Q2',
      version: 1,
      form: 'summary',
      format: 'pdf',
      records: 2,
      sm3: response.headers['x-content-sm3'],
    });
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses people outside the unit and quarters the reviewer has not received', async () => {
    await c.otherCounty.get(exportOf('2020Q2', 'ledger', 'json')).expect(404);
    await c.bystander.get(exportOf('2020Q2', 'ledger', 'json')).expect(403);
    await c.audit.get(exportOf('2020Q2', 'ledger', 'json')).expect(403);
    const unsent = await c.reviewer.get(exportOf('2020Q3', 'ledger', 'json')).expect(404);
    expect(unsent.error.message).toContain('尚未报送');
  });

  it('explains a bad form, format or period in Chinese', async () => {
    const form = await c.filler.get(exportOf('2020Q2', 'table', 'xlsx')).expect(400);
    expect(JSON.stringify(form.error)).toContain('表式须是 ledger');
    const format = await c.filler.get(exportOf('2020Q2', 'ledger', 'doc')).expect(400);
    expect(JSON.stringify(format.error)).toContain('格式须是 xlsx、pdf 或 json');
    const period = await c.filler.get(`${base}/2020-2/export?form=ledger&format=pdf`).expect(400);
    expect(JSON.stringify(period.error)).toContain('期别格式应为');
  });
});
