/**
 * `liuhen export` on both engines: the operator writes a quarter's ledger or summary to a file,
 * the export is logged (so `liuhen verify` still holds), and bad arguments or an unknown unit
 * stop with a clear message and the documented exit code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeEachEngine, type TestDatabase } from '../support/engines.js';

describeEachEngine('liuhen export', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const out = (name: string) => path.join(dataDir, name);
  const exportArgs = (form: string, format: string, file: string) => [
    'export',
    '--unit',
    '410221',
    '--period',
    '2020Q2',
    '--form',
    form,
    '--format',
    format,
    '--out',
    out(file),
  ];

  beforeAll(async () => {
    database = await engine.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-export-'));
    env = { LIUHEN_DB_URL: database.url, LIUHEN_DATA_DIR: dataDir };
    const init = runCli(['init', '--preset', 'kaifeng', '--admin-password', 'Init-Pass-2026'], env);
    expect(init.status, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a zero quarter’s summary as JSON and its ledger as xlsx and pdf', async () => {
    const json = runCli(exportArgs('summary', 'json', 'summary.json'), env);
    expect(json.status, json.stderr).toBe(0);
    expect(json.stdout).toMatch(/已导出 .*summary\.json（\d+ 字节，SM3 [0-9a-f]{64}）/);
    const summary = JSON.parse(fs.readFileSync(out('summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      form: 'summary',
      filler: { name: '杞县统计局' },
      period: { text: '2020年度第二季度' },
      records: 0,
      zero: true,
      reportVersion: null,
    });

    expect(runCli(exportArgs('ledger', 'xlsx', 'ledger.xlsx'), env).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out('ledger.xlsx'));
    expect(book.worksheets[0]!.getCell('A3').value).toBe('记录单位：杞县统计局');

    expect(runCli(exportArgs('ledger', 'pdf', 'ledger.pdf'), env).status).toBe(0);
    expect(fs.readFileSync(out('ledger.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('logs every export, and the logs still verify', () => {
    const verified = runCli(['verify', '--unit', '410221', '--json'], env);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report.logs[0].size).toBeGreaterThanOrEqual(3);
  });

  it('stops with exit code 2 on missing or wrong arguments, 1 on an unknown unit', () => {
    const wrongForm = runCli(
      [...exportArgs('ledger', 'xlsx', 'x.xlsx').slice(0, 5), '--form', 'table'],
      env,
    );
    expect(wrongForm.status).toBe(2);
    expect(wrongForm.stderr).toContain('用法：liuhen export');
    expect(runCli(['export', '--unit', '410221'], env).status).toBe(2);

    const unknown = runCli(
      [
        'export',
        '--unit',
        '999999',
        '--period',
        '2020Q2',
        '--form',
        'ledger',
        '--format',
        'json',
        '--out',
        out('u.json'),
      ],
      env,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('UNIT_NOT_FOUND');
    expect(fs.existsSync(out('u.json'))).toBe(false);
  });
});
