/**
 * Sending a compiled report: the filler seals it with the unit's seal (the instance key signs
 * its digest), attaches the scan of the signed paper and submits it to the unit's reportsTo
 * with a fresh checkpoint of the unit log; the reviewer above accepts or returns it. A sent
 * version never changes (see report-service.ts for compiling and signing).
 */
import { beijingDate } from '../calendar/beijing-time.js';
import { daysLate } from '../calendar/due-date.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { makeCheckpoint } from '../ledger/checkpoints.js';
import { signMessage } from '../ledger/signer.js';
import { activeSigningKey } from '../ledger/signing-keys.js';
import { type Context, write } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import {
  actorOf,
  digest,
  latestReport,
  openReport,
  requireFresh,
  requireRole,
} from './report-service.js';

/** The filler applies the unit's seal; the instance key signs the report's digest with it. */
export async function sealReport(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  ip: string,
) {
  requireRole(viewer, 'filler', unit);
  const report = await openReport(ctx, unit, label);
  if (report.status !== 'signed') fail('REPORT_SIGNATURES_MISSING');
  await requireFresh(ctx, report);
  const seal = await ctx.db
    .selectFrom('unit_seals')
    .selectAll()
    .where('unit', '=', unit)
    .orderBy('uploaded_at', 'desc')
    .executeTakeFirst();
  if (!seal) fail('SEAL_MISSING');

  const signer = await activeSigningKey(ctx);
  const statement = canonicalJson({
    unit,
    period: label,
    version: report.version,
    summary: JSON.parse(report.summary),
    ledgerDigest: report.ledger_digest,
    seal: seal.sm3,
  });
  const signature = signMessage(signer.key, Buffer.from(statement)).toString('base64');
  const value = JSON.stringify({
    keyId: signer.id,
    sealImage: seal.sm3,
    statementDigest: digest(statement),
    signature,
  });

  await write(
    ctx,
    async (change) => {
      await change.trx
        .updateTable('reports')
        .set({ status: 'sealed', seal: value })
        .where('id', '=', report.id)
        .execute();
      await change.event(
        {
          type: 'report.sealed',
          actor: actorOf(viewer, ip),
          unit,
          data: {
            reportId: report.id,
            keyId: signer.id,
            sealImage: seal.sm3,
            statementDigest: digest(statement),
          },
        },
        unit,
      );
    },
    { lock: unit },
  );
}

/** Attaches the scan of the signed and sealed paper summary. */
export async function attachScan(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  scan: { sm3: string; mediaType: string },
  ip: string,
) {
  requireRole(viewer, 'filler', unit);
  const report = await openReport(ctx, unit, label);

  await write(
    ctx,
    async (change) => {
      await change.trx
        .updateTable('reports')
        .set({ scan_sm3: scan.sm3, scan_media_type: scan.mediaType })
        .where('id', '=', report.id)
        .execute();
      await change.event(
        {
          type: 'report.scan-attached',
          actor: actorOf(viewer, ip),
          unit,
          data: { reportId: report.id, ...scan },
        },
        unit,
      );
    },
    { lock: unit },
  );
}

/**
 * Sends the sealed report to the unit's reportsTo, with a fresh checkpoint of the unit's log
 * so the bureau above can prove later that nothing listed was changed, and the lateness
 * against the due date in Beijing time.
 */
export async function submitReport(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  ip: string,
) {
  requireRole(viewer, 'filler', unit);
  const report = await openReport(ctx, unit, label);
  if (report.status !== 'sealed')
    fail('REPORT_STATE', undefined, '报告须先由两位负责人签字并盖章，才能报送');
  await requireFresh(ctx, report);
  const warnings = JSON.parse(report.warnings) as { awaitingWitness: string[] };
  if (warnings.awaitingWitness.length > 0 && !report.witness_gap_reason)
    fail('REPORT_WITNESS_PENDING');

  await write(ctx, (change) =>
    change.event(
      {
        type: 'report.submitting',
        actor: actorOf(viewer, ip),
        unit,
        data: { reportId: report.id },
      },
      unit,
    ),
  );
  const { checkpoint, columns } = await sending(ctx, viewer, unit, report.due);
  const late = columns.days_late;

  await write(
    ctx,
    async (change) => {
      await change.trx
        .updateTable('reports')
        .set({ status: 'submitted', ...columns })
        .where('id', '=', report.id)
        .execute();
      const data = {
        reportId: report.id,
        period: label,
        version: report.version,
        kind: report.kind,
        checkpointSize: checkpoint.size,
        checkpointRoot: checkpoint.root,
        late: late > 0,
        daysLate: late,
        ledgerDigest: report.ledger_digest,
      };
      await change.event(
        { type: 'report.submitted', actor: actorOf(viewer, ip), unit, data },
        unit,
      );
    },
    { lock: unit },
  );
}

/**
 * What sending a version records, for a quarterly report or a yearly summary alike: a fresh
 * checkpoint of the unit's log, which pins everything the version lists, the sender and the
 * days late against `due` in Beijing time.
 */
export async function sending(ctx: Context, viewer: Viewer, unit: string, due: string) {
  const checkpoint = await makeCheckpoint(ctx, unit);
  const now = ctx.clock.now();

  return {
    checkpoint,
    columns: {
      checkpoint: checkpoint.note,
      checkpoint_size: checkpoint.size,
      submitted_at: now.toISOString(),
      submitted_by: viewer.user.username,
      days_late: daysLate(beijingDate(now), due),
    },
  };
}

export async function decideReport(
  ctx: Context,
  viewer: Viewer,
  unit: string,
  label: string,
  decision: 'accepted' | 'returned',
  reason: string | undefined,
  ip: string,
) {
  const target = await ctx.db
    .selectFrom('units')
    .select('reports_to')
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!target?.reports_to) fail('UNIT_NOT_FOUND');
  requireRole(viewer, 'reviewer', target.reports_to);
  const report = await latestReport(ctx, unit, label);
  if (report?.status !== 'submitted')
    fail('REPORT_STATE', undefined, '只有已报送、尚未处理的报告可以接收或退回');

  await write(
    ctx,
    async (change) => {
      const at = change.now.toISOString();
      await change.trx
        .updateTable('reports')
        .set({
          status: decision,
          decided_at: at,
          decided_by: viewer.user.username,
          return_reason: reason ?? null,
        })
        .where('id', '=', report.id)
        .execute();
      const data = {
        reportId: report.id,
        period: label,
        version: report.version,
        ...(reason ? { reason } : {}),
      };
      await change.event(
        { type: `report.${decision}`, actor: actorOf(viewer, ip), unit, data },
        unit,
      );
    },
    { lock: unit },
  );
}
