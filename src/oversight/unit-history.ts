/**
 * The drill-down of the compliance view: one unit's quarters, each with every version it
 * compiled and sent (dates, lateness, the decision above and the reason of a return) and the
 * follow-ups recorded on it (责任追究).
 */
import { beijingDate } from '../calendar/beijing-time.js';
import { formatPeriod, type Period, parsePeriod, periodOfDate } from '../calendar/period.js';
import { quartersBetween } from '../documents/regional-summary.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { actionsOf } from './accountability.js';
import { dueDates, regionReporters } from './compliance.js';
import { complianceCell, complianceTotals } from './compliance-status.js';
import { allUnits, requireRegionReader } from './region-access.js';

/** How far back the history reaches when no range is given: ten years, the API's limit. */
const DEFAULT_QUARTERS = 40;

export async function unitHistory(
  ctx: Context,
  viewer: Viewer,
  region: string,
  code: string,
  range: { from?: string; to?: string },
) {
  const all = await allUnits(ctx);
  requireRegionReader(viewer, all, region);
  const unit =
    regionReporters(all, region).find((u) => u.code === code) ??
    fail('UNIT_NOT_FOUND', undefined, '该单位不是本地区的报送单位');

  const today = beijingDate(ctx.clock.now());
  const versions = await ctx.db
    .selectFrom('reports')
    .select(['period', 'version', 'kind', 'status', 'compiled_at', 'submitted_at'])
    .select(['submitted_by', 'days_late', 'decided_at', 'decided_by', 'return_reason'])
    .where('unit', '=', code)
    .orderBy('period')
    .orderBy('version')
    .execute();
  const to = range.to ?? formatPeriod(periodOfDate(today));
  const from = range.from ?? defaultFrom(versions[0]?.period, to);
  const periods = quartersBetween(from, to);
  const dues = await dueDates(ctx, periods);
  const actions = await actionsOf(ctx, [code], periods);

  const quarters = periods.map((period) => {
    const own = versions.filter((v) => v.period === period);
    const sent = own.filter((v) => v.submitted_at !== null);
    return {
      ...complianceCell(period, dues.get(period)!, today, sent),
      versions: own.map((v) => ({
        version: v.version,
        kind: v.kind,
        status: v.status,
        compiledAt: v.compiled_at,
        submittedAt: v.submitted_at,
        submittedBy: v.submitted_by,
        daysLate: v.days_late,
        decidedAt: v.decided_at,
        decidedBy: v.decided_by,
        returnReason: v.return_reason,
      })),
      actions: actions.get(`${code}/${period}`) ?? [],
    };
  });

  return {
    region,
    unit: { code: unit.code, name: unit.name },
    from,
    to,
    today,
    totals: complianceTotals(quarters),
    quarters,
  };
}

/** The unit's first reported quarter, but no more than DEFAULT_QUARTERS back from `to`. */
function defaultFrom(first: string | undefined, to: string): string {
  const end = parsePeriod(to) ?? fail('PERIOD_INVALID');
  const earliest = back(end, DEFAULT_QUARTERS - 1);
  if (!first || first > to) return formatPeriod(back(end, 3));

  return first < formatPeriod(earliest) ? formatPeriod(earliest) : first;
}

function back(period: Period, quarters: number): Period {
  const index = period.year * 4 + period.quarter - 1 - quarters;

  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Period['quarter'] };
}
