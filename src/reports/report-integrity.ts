/**
 * The bureau above's automatic check of a submission: its checkpoint is signed by the
 * instance, is consistent (RFC 9162 §2.1.4) with the checkpoint of the unit's previous
 * submission, and includes (§2.1.3) the log event of every listed record. A failure is an
 * alarm, recorded in the unit's log, never a silent pass.
 */
import { parseCheckpoint, verifyCheckpoint } from '../ledger/checkpoint.js';
import { verifyConsistency } from '../ledger/consistency-proof.js';
import { verifyInclusion } from '../ledger/inclusion-proof.js';
import { consistencyProofFor, inclusionProofFor, readHead } from '../ledger/log-store.js';
import { publicKeys } from '../ledger/signing-keys.js';
import { type Context, write } from '../platform/context.js';
import type { ReportRow } from '../platform/db/schema.js';

export interface IntegrityResult {
  ok: boolean;
  checkedAt: string;
  problems: string[];
}

export async function checkSubmission(ctx: Context, report: ReportRow): Promise<IntegrityResult> {
  const problems: string[] = [];
  const head = await readHead(ctx.db, report.unit);
  const verified = verifyCheckpoint(report.checkpoint ?? '', await publicKeys(ctx));
  const parsed = parseCheckpoint(report.checkpoint ?? '');
  if (!verified.ok || !parsed.ok || !head) {
    problems.push(`检查点签名无效：${verified.problems.join('; ')}`);
    return done(ctx, report, problems);
  }

  const { size, rootHash: root } = parsed.checkpoint;
  const previous = await previousSubmission(ctx, report);
  if (previous?.checkpoint) {
    const before = parseCheckpoint(previous.checkpoint);
    if (before.ok && before.checkpoint.size <= size) {
      const proof =
        before.checkpoint.size === 0
          ? []
          : await consistencyProofFor(ctx.db, head, before.checkpoint.size, size);
      const consistent = verifyConsistency({
        from: before.checkpoint.size,
        to: size,
        fromRoot: before.checkpoint.rootHash,
        toRoot: root,
        proof,
        alg: head.alg,
      });
      if (!consistent)
        problems.push(`与第 ${previous.version} 版报送时的检查点不一致：日志在两次报送之间被改写`);
    } else {
      problems.push('本次检查点比上一次报送时的还小：日志被截短');
    }
  }

  const listed = await ctx.db
    .selectFrom('report_records')
    .selectAll()
    .where('report_id', '=', report.id)
    .orderBy('seq')
    .execute();
  for (const item of listed) {
    const entry = await ctx.db
      .selectFrom('log_entries')
      .select(['entry', 'leaf_hash'])
      .where('log_id', '=', report.unit)
      .where('idx', '=', item.log_index)
      .executeTakeFirst();
    const proof =
      item.log_index < size
        ? await inclusionProofFor(ctx.db, head, item.log_index, size).catch(() => [])
        : [];
    const included =
      entry !== undefined &&
      verifyInclusion({
        leafHash: entry.leaf_hash,
        index: item.log_index,
        size,
        proof,
        root,
        alg: head.alg,
      });
    const names = entry?.entry.includes(`"recordId":"${item.record_id}"`) ?? false;
    if (!included || !names)
      problems.push(`序号 ${item.seq} 的记录 ${item.record_id} 未能在检查点中得到证明`);
  }

  return done(ctx, report, problems);
}

async function previousSubmission(ctx: Context, report: ReportRow) {
  return ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', report.unit)
    .where('submitted_at', 'is not', null)
    .where('submitted_at', '<', report.submitted_at ?? '')
    .orderBy('submitted_at', 'desc')
    .executeTakeFirst();
}

async function done(ctx: Context, report: ReportRow, problems: string[]): Promise<IntegrityResult> {
  const result = { ok: problems.length === 0, checkedAt: ctx.clock.now().toISOString(), problems };
  const changed =
    report.integrity === null || (JSON.parse(report.integrity) as IntegrityResult).ok !== result.ok;

  if (changed) {
    await write(ctx, async (change) => {
      await change.trx
        .updateTable('reports')
        .set({ integrity: JSON.stringify(result) })
        .where('id', '=', report.id)
        .execute();
      const type = result.ok ? 'report.integrity-verified' : 'report.integrity-alarm';
      const data = {
        reportId: report.id,
        period: report.period,
        version: report.version,
        problems,
      };
      await change.event(
        { type, actor: null, unit: report.unit, result: result.ok ? 'success' : 'failure', data },
        report.unit,
      );
    });
  }

  return result;
}
