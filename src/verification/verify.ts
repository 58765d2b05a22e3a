/**
 * `liuhen verify`: everything that can be recomputed is recomputed. Each log is rebuilt from
 * its entries and held against its signed checkpoints; then the business tables are held
 * against the events. The report names the first bad entry of each log and what differs.
 */
import type { VerifierKey } from '../ledger/signer.js';
import { publicKeys } from '../ledger/signing-keys.js';
import type { Context } from '../platform/context.js';
import { verifyKeys } from './key-verification.js';
import { type LogReport, type Problem, verifyLog } from './log-verification.js';
import { verifyTables } from './table-verification.js';

export interface VerifyReport {
  ok: boolean;
  logs: LogReport[];
  tables: Problem[];
  /** The first problem found, for a one-line answer. */
  first?: Problem;
}

export interface VerifyOptions {
  unit?: string;
  /** Trust only these keys (pinned from elsewhere), not the ones the database lists. */
  keys?: VerifierKey[];
}

export async function verifyInstance(
  ctx: Context,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const keys = options.keys ?? (await publicKeys(ctx));
  let query = ctx.db.selectFrom('logs').select('id').orderBy('id');
  if (options.unit) query = query.where('id', '=', options.unit);
  const logIds = (await query.execute()).map((r) => r.id);

  const logs: LogReport[] = [];
  for (const id of logIds) logs.push(await verifyLog(ctx.db, id, keys));
  const tables = options.unit ? [] : [...(await verifyKeys(ctx)), ...(await verifyTables(ctx.db))];
  const problems = [...logs.flatMap((l) => l.problems), ...tables];

  return {
    ok: problems.length === 0,
    logs,
    tables,
    ...(problems[0] ? { first: problems[0] } : {}),
  };
}

export function formatReport(report: VerifyReport): string {
  const lines = report.logs.map((log) => {
    const status =
      log.problems.length === 0 ? '完好 ok' : `发现 ${log.problems.length} 处问题 PROBLEMS`;
    return `log ${log.log}: ${log.size} entries, ${log.checkpoints} checkpoints, ${log.alg} — ${status}`;
  });
  for (const p of [...report.logs.flatMap((l) => l.problems), ...report.tables]) {
    const where = p.log
      ? `log ${p.log}${p.index === undefined ? '' : ` entry ${p.index}`}`
      : 'tables';
    lines.push(`  ✗ ${where}: [${p.kind}] ${p.message}`);
  }
  lines.push(
    report.ok
      ? '校验通过：所有日志与业务数据一致 verified'
      : '校验失败：数据被改动 TAMPERING DETECTED',
  );

  return lines.join('\n');
}
