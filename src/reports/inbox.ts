/**
 * The bureau above's view: every unit that reports to it, with its status for a quarter, and
 * the units × quarters matrix. "Missing" (past due with nothing submitted) is computed from
 * the calendar, so nobody has to do anything for a missing report to show.
 */
import { beijingDate, daysBetween } from '../calendar/beijing-time.js';
import { formatPeriod, nextPeriod, type Period } from '../calendar/period.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { dueOf, periodOf, requireRole } from './report-service.js';

/** Days before the deadline when a quarter not yet reported shows as due soon. */
const DUE_SOON_DAYS = 7;

export type InboxStatus =
  | 'not-due'
  | 'due-soon'
  | 'missing'
  | 'draft'
  | 'signed'
  | 'sealed'
  | 'submitted'
  | 'returned'
  | 'accepted';

export interface InboxCell {
  period: string;
  status: InboxStatus;
  due: string;
  version: number | null;
  submittedAt: string | null;
  late: boolean;
  daysLate: number;
}

export async function inbox(ctx: Context, viewer: Viewer, unit: string, label: string) {
  requireRole(viewer, 'reviewer', unit);
  const period = periodOf(label);
  const units = await reportingUnits(ctx, unit);
  const cells = [];
  for (const u of units)
    cells.push({ unit: u.code, name: u.name, ...(await cellOf(ctx, u.code, period)) });

  return { unit, period: label, due: await dueOf(ctx, period), units: cells };
}

export async function matrix(ctx: Context, viewer: Viewer, unit: string, from: string, to: string) {
  requireRole(viewer, 'reviewer', unit);
  const periods = periodRange(periodOf(from), periodOf(to));
  const units = await reportingUnits(ctx, unit);
  const rows = [];
  for (const u of units) {
    const cells = [];
    for (const p of periods) cells.push(await cellOf(ctx, u.code, p));
    rows.push({ unit: u.code, name: u.name, cells });
  }

  const counts: Record<string, number> = {};
  for (const cell of rows.flatMap((r) => r.cells))
    counts[cell.status] = (counts[cell.status] ?? 0) + 1;

  return { unit, periods: periods.map(formatPeriod), units: rows, counts };
}

async function reportingUnits(ctx: Context, unit: string) {
  return ctx.db
    .selectFrom('units')
    .select(['code', 'name'])
    .where('reports_to', '=', unit)
    .where('active', '=', 1)
    .where('kind', 'in', ['province', 'city', 'county'])
    .orderBy('code')
    .execute();
}

async function cellOf(ctx: Context, unit: string, period: Period): Promise<InboxCell> {
  const label = formatPeriod(period);
  const due = await dueOf(ctx, period);
  const versions = await ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', unit)
    .where('period', '=', label)
    .orderBy('version', 'desc')
    .execute();
  // The bureau above sees what it was sent; a correction or supplement still being prepared
  // below does not hide the version it holds.
  const sent = versions.find((v) => v.submitted_at !== null);
  const shown = sent ?? versions[0];
  const left = daysBetween(beijingDate(ctx.clock.now()), due);
  const base = {
    period: label,
    due,
    version: shown?.version ?? null,
    submittedAt: shown?.submitted_at ?? null,
    late: (shown?.days_late ?? 0) > 0,
    daysLate: shown?.days_late ?? 0,
  };

  if (sent) return { ...base, status: sent.status as InboxStatus };
  if (left < 0) return { ...base, status: 'missing', late: true, daysLate: -left };
  if (shown) return { ...base, status: shown.status as InboxStatus };

  return { ...base, status: left <= DUE_SOON_DAYS ? 'due-soon' : 'not-due' };
}

function periodRange(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let p = from; formatPeriod(p) <= formatPeriod(to); p = nextPeriod(p)) {
    periods.push(p);
    if (periods.length > 80) fail('PERIOD_INVALID', undefined, '一次最多查看 80 个季度');
  }

  return periods;
}
