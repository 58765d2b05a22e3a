import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { type County, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ledgerXlsx, oralRecord, templateRow, templateXlsx } from './import-files.js';

describeEachEngine('importing legacy ledgers', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  const preview = (client: ApiClient, content: Buffer, unit = '410221', name = 'ledger.xlsx') =>
    client.upload('/api/v1/imports/preview', { name, content }, { unit });
  const recordCount = async () =>
    Number(
      (
        await t.instance.ctx.db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('the template', () => {
    it('downloads with its headings, drop-down lists and a notes sheet', async () => {
      const res = await c.recorder.get('/api/v1/imports/template');
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('导入记录')!;

      expect(sheet.getRow(1).values).toContain('干预情形');
      expect(sheet.getCell('D2').dataValidation.formulae).toEqual([
        '"县处级,乡科级,其他,厅局级,省部级"',
      ]);
      expect(workbook.getWorksheet('填写说明')).toBeDefined();
    });

    it('is refused to the administrators and to staff without a recorder or filler role', async () => {
      await c.sys.get('/api/v1/imports/template').expect(403);
      await c.bystander.get('/api/v1/imports/template').expect(403);
    });
  });

  describe('a filled template', () => {
    it('previews every row valid, then imports them as complete records marked as imported', async () => {
      const file = await templateXlsx([
        templateRow(),
        templateRow({
          干预人: '赵某',
          '干预人单位、职务': '某镇镇长',
          级别: '乡科级',
          干预情形: '三',
          干预时间: '2020/6/2',
          干预形式: '来文来函',
          在场人员: null,
          地点: null,
          来文来函单位: '某镇人民政府',
          无证据材料原因: '原件已归档',
        }),
        templateRow({
          干预人: '钱某',
          干预时间: new Date(Date.UTC(2020, 4, 14, 21)),
          干预形式: '通讯信息',
          通讯方式: '微信',
          微信号: 'qian_１２',
          信息存储介质: '手机微信聊天记录，已截屏',
          在场人员: null,
          地点: null,
        }),
      ]);
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown.layout).toBe('template');
      expect(shown.counts).toEqual({ rows: 3, valid: 3, invalid: 0, needChoices: 0 });
      expect(shown.file.sm3).toMatch(/^[0-9a-f]{64}$/);
      expect(shown.rows[2].body).toMatchObject({
        occurredAt: '2020-05-14T21',
        channel: 'wechat',
        details: { wechat: 'qian_12' },
      });

      const before = await recordCount();
      const result = await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: shown.file.sm3, fileName: 'ledger.xlsx' })
        .expect(201);
      expect(result.imported).toBe(3);
      expect(await recordCount()).toBe(before + 3);

      const record = await c.recorder.get(`/api/v1/records/${result.recordIds[1]}`).expect(200);
      expect(record).toMatchObject({
        status: 'complete',
        form: 'letter',
        occurredAt: '2020-06-02',
        situation: '2017-3',
        imported: { file: shown.file.sm3, row: 3, recorder: '张某' },
      });
      const row = await t.instance.ctx.db
        .selectFrom('records')
        .selectAll()
        .where('id', '=', result.recordIds[1])
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        imported_from: shown.file.sm3,
        imported_row: 3,
        imported_recorder: '张某',
      });
      expect(await t.instance.ctx.evidence.verify(shown.file.sm3)).toBe(true);

      const entries = await t.instance.ctx.db
        .selectFrom('log_entries')
        .select('entry')
        .where('type', '=', 'import.completed')
        .execute();
      const event = JSON.parse(entries.at(-1)!.entry);
      expect(event.data).toMatchObject({
        file: shown.file.sm3,
        fileName: 'ledger.xlsx',
        rows: 3,
        imported: 3,
        recordIds: result.recordIds,
      });

      const report = await verifyInstance(t.instance.ctx);
      expect(report.ok, JSON.stringify(report).slice(0, 2000)).toBe(true);
    });

    it('lists each problem by row and column and imports nothing unless asked for the valid rows only', async () => {
      const file = await templateXlsx([
        templateRow({
          干预人: '孙某',
          干预时间: '２０２０年５月１２日 １５时',
          具体表述: ' 再调高一点 ',
        }),
        templateRow({ 干预人: '周某', 干预时间: '2020年13月40日' }),
        templateRow({ 干预人: '吴某', 级别: '处级', 地点: null }),
        templateRow({ 干预人: '郑某', 干预时间: { formula: 'TODAY()' } as ExcelJS.CellValue }),
      ]);
      const shown = await preview(c.recorder, file).expect(200);
      const problems = (row: number) =>
        shown.rows.find((r: { row: number }) => r.row === row).problems;

      expect(shown.rows[0]).toMatchObject({
        valid: true,
        body: { occurredAt: '2020-05-12T15', content: { words: '再调高一点' } },
      });
      expect(problems(3)).toEqual([
        expect.objectContaining({
          cell: 'F3',
          column: '干预时间',
          message: expect.stringContaining('不是有效的日期'),
        }),
      ]);
      expect(problems(4)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ cell: 'D4', column: '级别' }),
          expect.objectContaining({ cell: 'Q4', column: '地点', message: '口头干预须填写地点' }),
        ]),
      );
      expect(problems(5)[0]).toMatchObject({
        cell: 'F5',
        message: expect.stringContaining('公式但没有计算结果'),
      });

      const before = await recordCount();
      const refused = await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: shown.file.sm3 })
        .expect(400);
      expect(refused.error.code).toBe('IMPORT_INVALID');
      expect(refused.error.details[0].field).toContain('第 3 行 F3（干预时间）');
      expect(await recordCount()).toBe(before);

      const partial = await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: shown.file.sm3, validOnly: true })
        .expect(201);
      expect(partial).toMatchObject({ imported: 1, skippedRows: [3, 4, 5] });
      expect(await recordCount()).toBe(before + 1);
    });

    it('refuses the same rows a second time as already imported', async () => {
      const file = await templateXlsx([templateRow({ 干预人: '冯某' })]);
      const first = await preview(c.recorder, file).expect(200);
      await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: first.file.sm3 })
        .expect(201);

      const again = await preview(c.recorder, file).expect(200);
      expect(again.rows[0].problems[0].message).toContain('可能已经导入过');
      await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: first.file.sm3 })
        .expect(400);
    });

    it('reports merged cells across rows instead of copying a value', async () => {
      const file = await templateXlsx(
        [templateRow({ 干预人: '陈某' }), templateRow({ 干预人: null })],
        {
          edit: (sheet) => sheet.mergeCells('B2:B3'),
        },
      );
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown.rows[1].problems[0]).toMatchObject({
        cell: 'B3',
        message: expect.stringContaining('与 B2 合并'),
      });
    });
  });

  describe('a 附件1 ledger', () => {
    it('asks for level and situation per row when the paper form lacks them, then imports with the choices', async () => {
      const file = await ledgerXlsx([
        oralRecord({ interferer: '褚某', occurredAt: '5月12日15时' }),
        oralRecord({
          interferer: '卫某',
          occurredAt: 43984.0,
          content: '已经跟你们局长说过了，照办',
          boxes: ['☐ 口头干预', '√来文来函', '□ 通讯信息'],
          details: ['', '', '县发改委', '', '', '', '', ''],
        }),
        oralRecord({
          interferer: '蒋某',
          occurredAt: '2020.5.20 21:00',
          content: '具体表述：数据再好看一点\n信息存储介质：手机短信，已截屏',
          boxes: ['口头干预', '来文来函', '■ 通讯信息'],
          details: ['', '', '', '１３８ ００００ ００００', '', '', '', ''],
        }),
      ]);
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown).toMatchObject({ layout: 'ledger', hasLevelAndSituation: false });
      expect(shown.rows.map((r: { row: number }) => r.row)).toEqual([5, 13, 21]);
      expect(
        shown.rows.every((r: { missing: string[] }) => r.missing.join() === 'level,situation'),
      ).toBe(true);
      expect(shown.rows[0].body).toMatchObject({
        occurredAt: '2020-05-12T15',
        office: '综合科',
        details: { witnesses: [{ name: '李某', post: '综合科科员' }] },
      });
      expect(shown.rows[1].body).toMatchObject({
        form: 'letter',
        occurredAt: '2020-06-02',
        content: { description: '已经跟你们局长说过了，照办' },
      });
      expect(shown.rows[1].problems[0]).toMatchObject({
        column: '干预内容',
        message: expect.stringContaining('具体表述'),
      });
      expect(shown.rows[2].body).toMatchObject({
        form: 'message',
        channel: 'phone',
        details: { phone: '13800000000' },
      });

      await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: shown.file.sm3, validOnly: true })
        .expect(400);
      const rows = [
        { row: 5, level: 'county', situation: '2017-3' },
        { row: 21, level: 'township', situation: '2017-1' },
      ];
      const result = await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: shown.file.sm3, rows, validOnly: true })
        .expect(201);
      expect(result).toMatchObject({ imported: 2, skippedRows: [13] });
    });

    it('reads the two Liuhen columns when they are there', async () => {
      const file = await ledgerXlsx(
        [oralRecord({ interferer: '沈某', level: '县处级', situation: '(二)' })],
        { withLevelAndSituation: true },
      );
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown).toMatchObject({ hasLevelAndSituation: true, counts: { valid: 1 } });
      expect(shown.rows[0].body).toMatchObject({
        interferer: { level: 'county' },
        situation: '2017-2',
      });
    });

    it('names a cell merged across two records and a band whose labels are off', async () => {
      const file = await ledgerXlsx(
        [oralRecord({ interferer: '韩某' }), oralRecord({ interferer: '杨某' })],
        {
          edit: (sheet) => {
            sheet.unMergeCells('D5:D12');
            sheet.unMergeCells('D13:D20');
            sheet.mergeCells('D5:D14');
          },
        },
      );
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown.rows[1].problems.map((p: { message: string }) => p.message).join()).toContain(
        '与上方的 D5 合并',
      );
      expect(shown.problems).toEqual([]);

      const broken = await ledgerXlsx([oralRecord()], {
        edit: (sheet) => (sheet.getCell('G6').value = '位置'),
      });
      const bad = await preview(c.recorder, broken).expect(200);
      expect(bad.problems[0]).toMatchObject({
        row: 6,
        cell: 'G6',
        message: expect.stringContaining('应为“地点”'),
      });
    });

    it('refuses a quarter already submitted', async () => {
      await t.instance.ctx.db.insertInto('reports').values(submittedReport('2020Q1')).execute();
      const file = await ledgerXlsx(
        [
          oralRecord({
            interferer: '朱某',
            occurredAt: '2020年2月3日9时',
            level: '其他',
            situation: '(一)',
          }),
        ],
        { withLevelAndSituation: true, period: '2020年度第一季度' },
      );
      const shown = await preview(c.recorder, file).expect(200);

      expect(shown.rows[0].problems[0].message).toContain('2020Q1 已报送');
    });
  });

  describe('bad files', () => {
    const cases: Array<[string, () => Promise<Buffer> | Buffer, number, string]> = [
      ['not a zip', () => Buffer.from('序号,干预人\n1,王某\n'), 400, 'IMPORT_NOT_XLSX'],
      ['a zip that is no workbook', zipOfText, 400, 'IMPORT_NOT_XLSX'],
      [
        'a truncated workbook',
        async () => (await templateXlsx([templateRow()])).subarray(0, 2000),
        400,
        'IMPORT_UNREADABLE',
      ],
      [
        'a workbook of another layout',
        () => templateXlsx([{ 姓名: '王某' }], { headers: ['姓名', '年龄'] }),
        400,
        'IMPORT_LAYOUT_UNKNOWN',
      ],
      ['a template without rows', () => templateXlsx([]), 400, 'IMPORT_EMPTY'],
      ['a file over 20 MB', () => Buffer.alloc(20 * 1024 * 1024 + 10, 1), 413, 'IMPORT_TOO_LARGE'],
    ];

    it.each(cases)(
      'refuses %s with a Chinese message and writes nothing',
      async (_name, make, status, code) => {
        const before = await recordCount();
        const res = await preview(c.recorder, await make()).expect(status);

        expect(res.error.code).toBe(code);
        expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await recordCount()).toBe(before);
      },
    );

    it('refuses 50,000 rows quickly', async () => {
      const rows = Array.from({ length: 50_000 }, (_, i) => templateRow({ 干预人: `某${i}` }));
      const file = await templateXlsx(rows);
      const started = Date.now();
      const res = await preview(c.recorder, file).expect(400);

      expect(res.error.code).toBe('IMPORT_TOO_MANY_ROWS');
      expect(res.error.message).toContain('20000');
      expect(Date.now() - started).toBeLessThan(3000);
    }, 120_000);

    it('refuses an unknown file id and another unit', async () => {
      const missing = await c.recorder
        .post('/api/v1/imports', { unit: '410221', file: 'a'.repeat(64) })
        .expect(404);
      expect(missing.error.code).toBe('IMPORT_FILE_NOT_FOUND');
      const file = await templateXlsx([templateRow()]);
      const other = await preview(c.recorder, file, '410222').expect(403);
      expect(other.error.code).toBe('IMPORT_ROLE_REQUIRED');
    });
  });

  function submittedReport(period: string) {
    return {
      id: `report-${period}`,
      unit: '410221',
      period,
      version: 1,
      kind: 'regular',
      status: 'submitted',
      due: '2020-04-06',
      summary: '{}',
      ledger_digest: '',
      warnings: '[]',
      witness_gap_reason: null,
      compiled_at: '2020-04-01T00:00:00.000Z',
      compiled_by: 'qx-filler',
      seal: null,
      scan_sm3: null,
      scan_media_type: null,
      checkpoint: null,
      checkpoint_size: null,
      submitted_at: '2020-04-02T00:00:00.000Z',
      submitted_by: 'qx-filler',
      days_late: 0,
      decided_at: null,
      decided_by: null,
      return_reason: null,
      integrity: null,
    };
  }
});

/** A real ZIP holding a text file: the right magic bytes, the wrong content. */
async function zipOfText(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('x');
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  // Renaming every part out of xl/ and dropping [Content_Types].xml leaves a plain archive.
  return Buffer.from(
    xlsx
      .toString('latin1')
      .replaceAll('[Content_Types].xml', '[Content_Typez].xml')
      .replaceAll('xl/', 'zz/'),
    'latin1',
  );
}
