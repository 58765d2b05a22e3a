/**
 * The `liuhen` command: serve, init, migrate, user …, unit …. It speaks to the operator on
 * stdout and stops with a clear message and a non-zero code on failure; the server's own
 * log lines are pino JSON.
 */
import { loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { initCommand, migrateCommand, unitCommand, userCommand } from './admin-commands.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { keysCommand, receiptCommand, verifyCommand } from './ledger-commands.js';
import { serveCommand } from './serve-command.js';

const usage = `用法 usage: liuhen <command>
  serve [--tls-cert FILE --tls-key FILE]  启动服务 start the server (PORT, LIUHEN_DB_URL, LIUHEN_DATA_DIR)；
                                          给出证书与私钥时只提供 HTTPS（TLS 1.2 及以上）
  demo [--data-dir DIR] [--seed N] [--port P] [--no-build]
                                          演示：生成八个季度的示例数据并启动服务，打印各账号密码
  init [--preset kaifeng] [--admin-password P] [--signing-alg sm2|ed25519]
                                          初始化数据库、三员账号，可载入开封市预置单位
  migrate                                 升级数据库结构
  user create --username U --name N --unit CODE [--phone P] [--password P]
  user reset-password USERNAME            重置密码（打印一次性密码）
  user unlock USERNAME                    解除锁定
  unit import FILE.csv|FILE.json [--dry-run]
  verify [--unit CODE] [--json] [--key PUBKEY.json]
                                          校验日志与业务数据（0 完好，1 被改动，2 无法运行）
  receipt verify FILE [--key PUBKEY.json] 离线校验回执，不需要数据库
  keys [rotate --alg sm2|ed25519]         列出或轮换检查点签名密钥
  export --unit CODE --period 2020Q2 --form ledger|summary --format xlsx|pdf|json --out FILE
                                          导出记录台账或汇总表
  import --unit CODE --as USERNAME FILE.xlsx [--dry-run] [--valid-only]
                                          导入 Excel 台账（0 已导入，1 文件有误，2 无法运行）`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: (args) => serveCommand(loadConfig(), args),
  demo: (args) => demoCommand(args),
  init: (args) => initCommand(loadConfig(), args),
  migrate: () => migrateCommand(loadConfig()),
  user: (args) => userCommand(loadConfig(), args),
  unit: (args) => unitCommand(loadConfig(), args),
  verify: (args) => verifyCommand(loadConfig(), args),
  receipt: (args) => receiptCommand(args),
  keys: (args) => keysCommand(loadConfig(), args),
  export: (args) => exportCommand(loadConfig(), args),
  import: (args) => importCommand(loadConfig(), args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage);
    return name && !['help', '--help', '-h'].includes(name) ? 2 : 0;
  }

  return command(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof AppError) {
    const details = Array.isArray(error.details)
      ? error.details.map((d) => `\n  ${d.field}：${d.message}`).join('')
      : '';
    console.error(`错误 ${error.code}：${error.message}${details}`);
    process.exitCode = 1;
  } else {
    console.error(`liuhen: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
