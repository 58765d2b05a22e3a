/**
 * The annual duties page of a bureau (年度工作): its yearly regional summary with every version,
 * the figures as they stand now, and the checklist of what still keeps the year open before the
 * report to 市委、市政府、省统计局 — units without four accepted quarters, bureaus below without
 * their yearly summary, referrals still waiting for feedback.
 */
import { beijingDate, daysBetween } from '../calendar/beijing-time.js';
import { formatDate } from '../calendar/period.js';
import { reportingUnits } from '../documents/regional-summary.js';
import { dueDates, regionReporters, sentVersions } from '../oversight/compliance.js';
import type { ComplianceStatus } from '../oversight/compliance-status.js';
import { complianceCell } from '../oversight/compliance-status.js';
import { allUnits, type RegionUnit, requireRegionReader } from '../oversight/region-access.js';
import type { Context } from '../platform/context.js';
import type { AnnualSummaryRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { holdsRole } from '../records/record-access.js';
import { readSettings } from '../settings/settings.js';
import { type AnnualComplianceCell, annualCompliance } from './annual-compliance.js';
import {
  type AnnualFigures,
  annualDue,
  annualVersions,
  isBureau,
  liveAnnualFigures,
  signaturesOf,
} from './annual-summary.js';

export interface AnnualVersionView {
  id: string;
  version: number;
  status: string;
  due: string;
  summary: AnnualFigures;
  /** How many quarterly reports the figures count. */
  reports: number;
  signatures: ReturnType<typeof signaturesOf>;
  sealed: boolean;
  compiledAt: string;
  compiledBy: string;
  submittedAt: string | null;
  daysLate: number | null;
  checkpointSize: number | null;
  /** Reports were accepted since it was compiled: its figures are no longer today's. */
  stale: boolean;
}

export interface AnnualChecklist {
  /** Units of the region whose four quarters are not all accepted, with those quarters. */
  quarters: Array<{
    unit: string;
    name: string;
    open: Array<{ period: string; status: ComplianceStatus }>;
  }>;
  /** Bureaus below the region whose yearly summary has not been sent. */
  summaries: AnnualComplianceCell[];
  /** The bureau's referrals sent and still awaiting feedback. */
  referrals: Array<{
    id: string;
    number: string;
    letterDate: string;
    dueDate: string | null;
    overdue: boolean;
  }>;
  /** Nothing above is open and the bureau's own summary has been sent. */
  complete: boolean;
}

/** Who may read: the bureau's own reporting roles, and reviewers of the bureau or above it. */
export function requireAnnualReader(viewer: Viewer, all: readonly RegionUnit[], unit: string) {
  const own = ['filler', 'ruleOfLawLeader', 'principal', 'reviewer'];
  if (own.some((role) => holdsRole(viewer, role, unit))) return;

  requireRegionReader(viewer, all, unit);
}

export async function annualView(ctx: Context, viewer: Viewer, unit: string, year: number) {
  const all = await allUnits(ctx);
  requireAnnualReader(viewer, all, unit);
  const bureau = all.find((u) => u.code === unit)!;
  if (!isBureau(bureau.kind)) fail('ANNUAL_NOT_BUREAU');
  const today = beijingDate(ctx.clock.now());
  const versions = await annualVersions(ctx, unit, year);
  const live = await liveAnnualFigures(ctx, unit, year);
  const due = versions[0]?.due ?? annualDue(bureau.kind, year, await readSettings(ctx));
  const view = (row: AnnualSummaryRow) => versionView(row, row.basis_digest !== live.basisDigest);
  const checklist = await annualChecklist(ctx, all, unit, year, today, versions);

  return {
    region: { code: bureau.code, name: bureau.name, kind: bureau.kind },
    year,
    due,
    today,
    /** A year can be compiled from 1 January of the next. */
    yearOver: today >= formatDate(year + 1, 1, 1),
    live: live.summary,
    current: versions[0] ? view(versions[0]) : null,
    versions: versions.map(view),
    checklist,
  };
}

export type AnnualView = Awaited<ReturnType<typeof annualView>>;

function versionView(row: AnnualSummaryRow, stale: boolean): AnnualVersionView {
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status,
    due: row.due,
    summary: JSON.parse(row.summary) as AnnualFigures,
    reports: (JSON.parse(row.basis) as unknown[]).length,
    signatures: signaturesOf(row),
    sealed: row.seal !== null,
    compiledAt: row.compiled_at,
    compiledBy: row.compiled_by,
    submittedAt: row.submitted_at,
    daysLate: row.days_late === null ? null : Number(row.days_late),
    checkpointSize: row.checkpoint_size === null ? null : Number(row.checkpoint_size),
    stale: row.status !== 'submitted' && stale,
  };
}

async function annualChecklist(
  ctx: Context,
  all: readonly RegionUnit[],
  unit: string,
  year: number,
  today: string,
  versions: readonly AnnualSummaryRow[],
): Promise<AnnualChecklist> {
  const periods = [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  const reporters = regionReporters(all, unit);
  const dues = await dueDates(ctx, periods);
  const sent = await sentVersions(
    ctx,
    reporters.map((u) => u.code),
    periods,
  );
  const quarters = reporters
    .map((u) => ({
      unit: u.code,
      name: u.name,
      open: periods
        .map((p) => complianceCell(p, dues.get(p)!, today, sent.get(`${u.code}/${p}`) ?? []))
        .filter((cell) => cell.status !== 'accepted')
        .map((cell) => ({ period: cell.period, status: cell.status })),
    }))
    .filter((u) => u.open.length > 0);

  const byCode = new Map(all.map((u) => [u.code, u]));
  const below = reportingUnits(all, unit)
    .filter((u) => u.code !== unit)
    .map((u) => byCode.get(u.code)!);
  const summaries = (await annualCompliance(ctx, below, [year], today)).filter(
    (cell) => cell.status !== 'submitted',
  );

  const waiting = await ctx.db
    .selectFrom('referrals')
    .select(['id', 'number', 'letter_date', 'due_date'])
    .where('bureau', '=', unit)
    .where('status', '=', 'sent')
    .orderBy('letter_date')
    .execute();
  const referrals = waiting.map((r) => ({
    id: r.id,
    number: r.number,
    letterDate: r.letter_date,
    dueDate: r.due_date,
    overdue: r.due_date !== null && daysBetween(r.due_date, today) > 0,
  }));
  const ownSent = versions.some((v) => v.submitted_at !== null);

  return {
    quarters,
    summaries,
    referrals,
    complete: ownSent && quarters.length === 0 && summaries.length === 0 && referrals.length === 0,
  };
}
