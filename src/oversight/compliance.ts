/**
 * The compliance view (制度执行情况) of a region over a range of quarters: for every unit that
 * reports within the region and every quarter, whether it was sent, on time, returned or
 * accepted, or is missing; with totals per unit, per quarter and overall. Everything comes
 * from the reports table and the calendar in one query, so it costs the same for 10 units as
 * a query over 3,000 does, not one query per cell.
 */
import {
  type AnnualComplianceCell,
  annualCompliance,
  wholeYears,
} from '../annual/annual-compliance.js';
import { beijingDate } from '../calendar/beijing-time.js';
import { periodCalendar } from '../calendar/due-date.js';
import { parsePeriod } from '../calendar/period.js';
import { quartersBetween, reportingUnits } from '../documents/regional-summary.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { listHolidays } from '../rules/holidays.js';
import { deadlineRules, readSettings } from '../settings/settings.js';
import {
  type ComplianceCell,
  type ComplianceTotals,
  complianceCell,
  complianceTotals,
  type SentVersion,
} from './compliance-status.js';
import { allUnits, type RegionUnit, requireRegionReader } from './region-access.js';

export interface ComplianceRow {
  unit: string;
  name: string;
  /** The region's own bureau, which reports to the bureau above the region. */
  own: boolean;
  totals: ComplianceTotals;
  cells: ComplianceCell[];
}

export interface ComplianceView {
  region: { code: string; name: string };
  from: string;
  to: string;
  /** The Beijing date the view was computed for: "missing" depends on it. */
  today: string;
  periods: Array<{ period: string; due: string; totals: ComplianceTotals }>;
  /** Units of the region that report, and of those the ones with a quarter already due. */
  reportingUnits: number;
  unitsExpected: number;
  totals: ComplianceTotals;
  units: ComplianceRow[];
  /**
   * The yearly regional summaries (本地区汇总表) of the region's bureaus, the region's own
   * included, for each year whose four quarters lie in the range.
   */
  annual: AnnualComplianceCell[];
}

/** Units per query: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const UNITS_PER_QUERY = 1000;

/** The compliance view; fails with UNIT_NOT_FOUND unless `viewer` reviews the region. */
export async function complianceView(
  ctx: Context,
  viewer: Viewer,
  region: string,
  from: string,
  to: string,
): Promise<ComplianceView> {
  const periods = quartersBetween(from, to);
  const all = await allUnits(ctx);
  requireRegionReader(viewer, all, region);
  const units = regionReporters(all, region);
  const dues = await dueDates(ctx, periods);
  const today = beijingDate(ctx.clock.now());
  const sent = await sentVersions(
    ctx,
    units.map((u) => u.code),
    periods,
  );

  const rows = units.map((u) => {
    const cells = periods.map((p) =>
      complianceCell(p, dues.get(p)!, today, sent.get(`${u.code}/${p}`) ?? []),
    );
    return {
      unit: u.code,
      name: u.name,
      own: u.code === region,
      totals: complianceTotals(cells),
      cells,
    };
  });
  const cells = rows.flatMap((r) => r.cells);
  const byCode = new Map(all.map((u) => [u.code, u]));
  const bureaus = reportingUnits(all, region).map((u) => byCode.get(u.code)!);
  const annual = await annualCompliance(ctx, bureaus, wholeYears(from, to), today);

  return {
    region: { code: region, name: all.find((u) => u.code === region)!.name },
    from,
    to,
    today,
    periods: periods.map((p, i) => ({
      period: p,
      due: dues.get(p)!,
      totals: complianceTotals(rows.map((r) => r.cells[i]!)),
    })),
    reportingUnits: rows.length,
    unitsExpected: rows.filter((r) => r.totals.expected > 0).length,
    totals: complianceTotals(cells),
    units: rows,
    annual,
  };
}

/**
 * The units of the region that report somewhere: those of the regional summary, less a unit
 * with no bureau above it (the top of the instance), which nobody expects a report from.
 */
export function regionReporters(all: readonly RegionUnit[], region: string) {
  const reportsTo = new Map(all.map((u) => [u.code, u.reports_to]));
  if (!reportsTo.has(region)) fail('UNIT_NOT_FOUND');

  return reportingUnits(all, region).filter((u) => reportsTo.get(u.code));
}

/** The due date of each quarter under the deadline settings, read once for the whole range. */
export async function dueDates(ctx: Context, periods: string[]): Promise<Map<string, string>> {
  const settings = await readSettings(ctx);
  const days = settings.deadlineMovesPastHolidays ? await listHolidays(ctx) : [];
  const rules = deadlineRules(settings);

  return new Map(periods.map((p) => [p, periodCalendar(parsePeriod(p)!, rules, days).due]));
}

/** The versions sent for the given units and quarters, by `unit/period`, in version order. */
export async function sentVersions(ctx: Context, units: string[], periods: string[]) {
  const result = new Map<string, SentVersion[]>();
  for (let i = 0; i < units.length; i += UNITS_PER_QUERY) {
    const rows = await ctx.db
      .selectFrom('reports')
      .select(['unit', 'period', 'version', 'status', 'submitted_at', 'days_late'])
      .where('unit', 'in', units.slice(i, i + UNITS_PER_QUERY))
      .where('period', 'in', periods)
      .where('submitted_at', 'is not', null)
      .orderBy('unit')
      .orderBy('period')
      .orderBy('version')
      .execute();
    for (const row of rows) {
      const key = `${row.unit}/${row.period}`;
      const list = result.get(key);
      if (list) list.push(row);
      else result.set(key, [row]);
    }
  }

  return result;
}
