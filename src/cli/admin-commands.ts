/** `liuhen init`, `migrate`, `user …` and `unit …`: the operator's commands on the console. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CreatedAdministrator } from '../auth/administrators.js';
import { generatePassword } from '../auth/password.js';
import { resetPassword, unlockUser } from '../auth/password-changes.js';
import { passwordProblems } from '../auth/password-policy.js';
import { checkpointChangedLogs } from '../ledger/checkpoints.js';
import { publicKeys } from '../ledger/signing-keys.js';
import { kaifengPreset } from '../org/kaifeng-preset.js';
import { importUnits, loadPreset } from '../org/unit-import.js';
import { createUser } from '../org/users.js';
import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openInstance } from '../platform/instance.js';

/** The actor of changes made from the console, as the log records them. */
const cliActor = { username: 'system:cli' };

export function printAdministrators(created: CreatedAdministrator[]): void {
  if (created.length === 0) return;

  console.log('\n已创建三员管理员账号，一次性密码只显示这一次，首次登录须修改：');
  console.log(
    'Administrator accounts created; one-time passwords, shown once, must be changed at first sign-in:',
  );
  for (const admin of created) console.log(`  ${admin.username.padEnd(12)} ${admin.password}`);
  console.log('');
}

export async function initCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string' },
      'admin-password': { type: 'string' },
      'signing-alg': { type: 'string' },
    },
  });
  const signingAlg = values['signing-alg'] ?? 'sm2';
  if (signingAlg !== 'sm2' && signingAlg !== 'ed25519') {
    console.error('--signing-alg 须为 sm2（默认）或 ed25519');
    return 2;
  }
  const adminPassword = values['admin-password'];
  const problems =
    adminPassword === undefined
      ? []
      : passwordProblems(adminPassword, { minLength: 8, minClasses: 3 });
  if (problems.length > 0) {
    console.error(`--admin-password 不符合密码规则：${problems.join('；')}`);
    return 2;
  }
  if (values.preset !== undefined && values.preset !== 'kaifeng') {
    console.error(`未知的预置：${values.preset}（可用：kaifeng）`);
    return 2;
  }

  const options = { signingAlg, ...(adminPassword ? { adminPassword } : {}) } as const;
  const instance = await openInstance(config, options);
  try {
    console.log(`数据库 database: ${instance.database.engine} ${instance.database.location}`);
    const [key] = (await publicKeys(instance.ctx)).filter((k) => !k.retiredAt);
    console.log(`检查点签名密钥 signing key: ${key?.id} (${key?.alg})`);
    if (adminPassword) {
      const names = instance.administrators.map((a) => a.username).join(', ');
      if (names)
        console.log(`已创建管理员 created: ${names}（使用 --admin-password 指定的一次性密码）`);
    } else {
      printAdministrators(instance.administrators);
    }

    if (values.preset) {
      const { imported } = await loadPreset(instance.ctx, kaifengPreset, cliActor);
      console.log(
        `已载入开封市预置单位 ${imported.length} 个 (preset kaifeng: ${imported.length} units added)`,
      );
    }

    // Sign the heads of the logs just written, so that a later truncation shows.
    await checkpointChangedLogs(instance.ctx, 0);

    return 0;
  } finally {
    await instance.close();
  }
}

export async function migrateCommand(config: Config): Promise<number> {
  const database = openDatabase(config.dbUrl);
  try {
    const applied = await migrateToLatest(database.db);
    console.log(
      applied.length ? `已执行迁移 applied: ${applied.join(', ')}` : '数据库已是最新 up to date',
    );

    return 0;
  } finally {
    await database.close();
  }
}

export async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const instance = await openInstance(config);
  try {
    printAdministrators(instance.administrators);
    const { ctx } = instance;

    if (sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          name: { type: 'string' },
          unit: { type: 'string' },
          phone: { type: 'string' },
          password: { type: 'string' },
        },
      });
      if (!values.username || !values.name || !values.unit) {
        console.error('user create 需要 --username、--name 和 --unit');
        return 2;
      }

      const { username, name, unit, phone, password } = values;
      const created = await createUser(
        ctx,
        { username, name, unit, ...(phone ? { phone } : {}), ...(password ? { password } : {}) },
        cliActor,
      );
      console.log(`已创建用户 created: ${created.user.username}`);
      if (created.password) console.log(`一次性密码 one-time password: ${created.password}`);

      return 0;
    }

    const target = rest[0];
    if (sub === 'reset-password' && target) {
      const password = generatePassword();
      await resetPassword(ctx, target, password, cliActor);
      console.log(`已重置 ${target} 的密码，一次性密码 one-time password: ${password}`);

      return 0;
    }

    if (sub === 'unlock' && target) {
      await unlockUser(ctx, target, cliActor);
      console.log(`已解除 ${target} 的锁定 unlocked`);

      return 0;
    }

    console.error('用法：liuhen user create|reset-password USERNAME|unlock USERNAME');
    return 2;
  } finally {
    await instance.close();
  }
}

export async function unitCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' } },
  });
  const [sub, file] = positionals;
  if (sub !== 'import' || !file) {
    console.error('用法：liuhen unit import FILE.csv|FILE.json [--dry-run]');
    return 2;
  }

  const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  const content = fs.readFileSync(file, 'utf8');
  const instance = await openInstance(config);
  try {
    printAdministrators(instance.administrators);
    const dryRun = values['dry-run'] === true;
    const { imported } = await importUnits(instance.ctx, format, content, cliActor, { dryRun });
    console.log(
      `${dryRun ? '检查通过，可导入' : '已导入'} ${imported.length} 个单位 (${dryRun ? 'dry run' : 'imported'})`,
    );

    return 0;
  } finally {
    await instance.close();
  }
}
