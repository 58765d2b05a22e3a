/**
 * `liuhen import --unit CODE --as USERNAME FILE.xlsx [--dry-run] [--valid-only]`: a legacy
 * ledger imported from the console, with the same checks and the same all-or-nothing rule as
 * the web page. The console cannot ask for a level or situation per row, so a file lacking
 * them is refused with the rows listed. Exit codes: 0 imported (or, with --dry-run, the file
 * is valid), 1 the file is invalid, 2 the command could not run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkImportFile,
  commitImport,
  requireImporter,
  storeImportFile,
  where,
} from '../imports/import-service.js';
import type { CheckedRow } from '../imports/row-validation.js';
import type { ParsedSheet } from '../imports/source-row.js';
import type { AdminRole } from '../org/user-schema.js';
import { rolesOf } from '../org/users.js';
import type { Config } from '../platform/config.js';
import type { Context } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { openInstance } from '../platform/instance.js';
import type { Viewer } from '../records/record-access.js';

const usage = '用法：liuhen import --unit CODE --as USERNAME FILE.xlsx [--dry-run] [--valid-only]';

export async function importCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      as: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'valid-only': { type: 'boolean' },
    },
  });
  const [file] = positionals;
  if (!values.unit || !values.as || !file || positionals.length > 1) {
    console.error(usage);
    return 2;
  }

  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    console.error(`无法读取文件 cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }

  const instance = await openInstance(config);
  try {
    const viewer = await viewerNamed(instance.ctx, values.as);
    if (!viewer) return 2;
    const run = { unit: values.unit, file: content, fileName: path.basename(file), viewer };
    return await importFile(instance.ctx, run, {
      dryRun: values['dry-run'] === true,
      validOnly: values['valid-only'] === true,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`错误 ${error.code}：${error.message}`);
    for (const detail of Array.isArray(error.details) ? error.details : [])
      console.error(`  ${detail.field}：${detail.message}`);
    return error.code.startsWith('IMPORT_') && error.code !== 'IMPORT_ROLE_REQUIRED' ? 1 : 2;
  } finally {
    await instance.close();
  }
}

async function importFile(
  ctx: Context,
  run: { unit: string; file: Buffer; fileName: string; viewer: Viewer },
  options: { dryRun: boolean; validOnly: boolean },
): Promise<number> {
  await requireImporter(ctx, run.viewer, run.unit);
  const { parsed, rows } = await checkImportFile(ctx, run.unit, run.file);
  printProblems(parsed, rows);

  const lacking = rows.filter((r) => r.missing.length > 0).map((r) => r.row);
  if (lacking.length > 0) {
    console.error(
      `以下行没有级别或干预情形，命令行无法逐行选择：第 ${lacking.join('、')} 行。请在文件中补上“级别”“干预情形”两列，或在网页「导入台账」中导入`,
    );
    return 1;
  }

  const valid = rows.filter((r) => r.input !== null).length;
  const clean = valid === rows.length && parsed.problems.length === 0;
  console.log(`共 ${rows.length} 条记录，无误 ${valid} 条，有误 ${rows.length - valid} 条`);
  if (options.dryRun) {
    console.log(clean ? '检查通过（试运行，未导入）' : '文件有误（试运行，未导入）');
    return clean || (options.validOnly && valid > 0) ? 0 : 1;
  }

  const sm3 = await storeImportFile(ctx, run.file, run.fileName);
  const request = {
    unit: run.unit,
    file: sm3,
    fileName: run.fileName,
    choices: [],
    validOnly: options.validOnly,
  };
  const result = await commitImport(ctx, run.viewer, request, 'cli');
  console.log(`已导入 ${result.imported} 条记录（文件 SM3 ${sm3}）`);
  if (result.skippedRows.length > 0)
    console.log(`未导入的行：第 ${result.skippedRows.join('、')} 行`);

  return 0;
}

function printProblems(parsed: ParsedSheet, rows: CheckedRow[]) {
  for (const p of parsed.problems) console.error(`${where(p.row, p.cell, p.column)}：${p.message}`);
  for (const row of rows) {
    for (const p of row.problems)
      console.error(`${where(row.row, p.cell, p.column)}：${p.message}`);
  }
}

/** The importing account: a business user of the unit (checked by requireImporter). */
async function viewerNamed(ctx: Context, username: string): Promise<Viewer | null> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user?.active) {
    console.error(`用户 ${username} 不存在或已停用 no such active user`);
    return null;
  }

  const roles = await rolesOf(ctx, user.id);
  return { user, holder: { adminRole: user.admin_role as AdminRole | null, roles } };
}
