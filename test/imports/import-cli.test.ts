import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeEachEngine } from '../support/engines.js';
import { setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ledgerXlsx, oralRecord, templateRow, templateXlsx } from './import-files.js';

describeEachEngine('liuhen import', (engine) => {
  let t: TestApp;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    await setUpCounty(t);
    const { config } = t.instance.ctx;
    env = {
      LIUHEN_DB_URL: config.dbUrl,
      LIUHEN_DATA_DIR: config.dataDir,
      LIUHEN_MASTER_KEY: t.instance.ctx.masterKey.toString('hex'),
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-import-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const saved = (name: string, content: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const count = async () =>
    (await t.instance.ctx.db.selectFrom('records').select('id').execute()).length;
  const importArgs = (file: string, ...more: string[]) => [
    'import',
    '--unit',
    '410221',
    '--as',
    'qx-recorder',
    file,
    ...more,
  ];

  it('checks a valid file with --dry-run and imports nothing', async () => {
    const file = saved(
      'ok.xlsx',
      await templateXlsx([templateRow({ 干预时间: '2019年5月12日15时' })]),
    );
    const result = runCli(importArgs(file, '--dry-run'), env);

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('检查通过');
    expect(await count()).toBe(0);
  });

  it('imports the file, and liuhen verify still passes', async () => {
    const file = saved(
      'ok.xlsx',
      await templateXlsx([templateRow({ 干预时间: '2019年5月12日15时' })]),
    );
    const result = runCli(importArgs(file), env);

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('已导入 1 条记录');
    expect(await count()).toBe(1);
    const verify = runCli(['verify'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  it('refuses a ledger without 级别 and 干预情形, listing the rows, since it cannot ask', async () => {
    const file = saved(
      'legacy.xlsx',
      await ledgerXlsx([oralRecord(), oralRecord({ interferer: '李某' })]),
    );
    const result = runCli(importArgs(file), env);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('第 5、13 行');
    expect(await count()).toBe(1);
  });

  it('exits 1 for an invalid file and 2 when it cannot run', async () => {
    const bad = saved('bad.xlsx', await templateXlsx([templateRow({ 地点: null })]));
    const invalid = runCli(importArgs(bad), env);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('第 2 行 Q2（地点）：口头干预须填写地点');

    const notXlsx = runCli(importArgs(saved('x.xlsx', Buffer.from('hello'))), env);
    expect(notXlsx.status).toBe(1);
    expect(notXlsx.stderr).toContain('IMPORT_NOT_XLSX');

    expect(runCli(['import', '--unit', '410221', bad], env).status).toBe(2);
    expect(runCli(['import', '--unit', '410221', '--as', 'nobody', bad], env).status).toBe(2);
    expect(runCli(['import', '--unit', '410221', '--as', 'qx-bystander', bad], env).status).toBe(2);
    expect(await count()).toBe(1);
  });
});
