/**
 * A unit's report for a quarter as the API shows it: the current version (or, before the
 * first compile, a live preview), every version with its signatures, lateness and, for a
 * submitted version, the integrity check of the bureau above.
 */

import { beijingDate } from '../calendar/beijing-time.js';
import { daysLate } from '../calendar/due-date.js';
import type { Context } from '../platform/context.js';
import type { ReportRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { checkSubmission } from './report-integrity.js';
import { quarterState } from './report-ledger.js';
import { dueOf, periodOf } from './report-service.js';

const UNIT_ROLES = ['filler', 'ruleOfLawLeader', 'principal'];

/** The unit's own people, or a reviewer of the bureau it reports to; 404 for anyone else. */
export async function requireReportReader(
  ctx: Context,
  viewer: Viewer,
  unit: string,
): Promise<'unit' | 'reviewer'> {
  const row = await ctx.db
    .selectFrom('units')
    .select('reports_to')
    .where('code', '=', unit)
    .executeTakeFirst();
  const roles = viewer.holder.roles;
  if (row && roles.some((g) => UNIT_ROLES.includes(g.role) && g.unit === unit)) return 'unit';
  if (row?.reports_to && roles.some((g) => g.role === 'reviewer' && g.unit === row.reports_to))
    return 'reviewer';

  return fail('REPORT_NOT_FOUND', undefined, '没有找到该单位的报告，或您无权查看');
}

export async function reportView(ctx: Context, viewer: Viewer, unit: string, label: string) {
  const as = await requireReportReader(ctx, viewer, unit);
  const period = periodOf(label);
  const due = await dueOf(ctx, period);
  const versions = await ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', unit)
    .where('period', '=', label)
    .orderBy('version')
    .execute();
  const current = versions.at(-1);

  if (!current) {
    const state = await quarterState(ctx, unit, period, label);
    const warnings = { drafts: state.drafts, awaitingWitness: state.awaitingWitness };
    return {
      unit,
      period: label,
      status: 'draft',
      compiled: false,
      due,
      summary: state.summary,
      ledger: state.ledger.map((e) => e.recordId),
      versions: [],
      signatures: [],
      warnings,
      late: isPastDue(ctx, due),
      daysLate: 0,
    };
  }

  const described = [];
  for (const version of versions) described.push(await describe(ctx, version, as));
  const view = described.at(-1)!;

  return { ...view, unit, period: label, compiled: true, versions: described };
}

async function describe(ctx: Context, row: ReportRow, as: 'unit' | 'reviewer') {
  const ledger = await ctx.db
    .selectFrom('report_records')
    .select('record_id')
    .where('report_id', '=', row.id)
    .orderBy('seq')
    .execute();
  const signatures = await ctx.db
    .selectFrom('report_signatures')
    .selectAll()
    .where('report_id', '=', row.id)
    .orderBy('at')
    .execute();
  const sent = row.submitted_at !== null;
  const integrity =
    sent && as === 'reviewer'
      ? await checkSubmission(ctx, row)
      : row.integrity
        ? JSON.parse(row.integrity)
        : null;

  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    status: row.status,
    due: row.due,
    summary: JSON.parse(row.summary),
    ledger: ledger.map((r) => r.record_id),
    warnings: JSON.parse(row.warnings),
    witnessGapReason: row.witness_gap_reason,
    compiledAt: row.compiled_at,
    compiledBy: row.compiled_by,
    signatures: signatures.map((s) => ({
      role: s.role,
      username: s.username,
      name: s.name,
      at: s.at,
      voided: s.voided_at ? { at: s.voided_at, reason: s.void_reason } : null,
    })),
    sealed: row.seal !== null,
    seal: row.seal ? JSON.parse(row.seal) : null,
    scan: row.scan_sm3 ? { sm3: row.scan_sm3, mediaType: row.scan_media_type } : null,
    checkpoint: row.checkpoint,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    late: (row.days_late ?? 0) > 0,
    daysLate: row.days_late ?? 0,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    returnReason: row.return_reason,
    integrity,
  };
}

function isPastDue(ctx: Context, due: string): boolean {
  return daysLate(beijingDate(ctx.clock.now()), due) > 0;
}
