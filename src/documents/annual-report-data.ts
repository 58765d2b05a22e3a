/**
 * The figures of the city's annual report, read from what the bureau received: the regional
 * summary of the year and, per reporting unit, how each quarter already due arrived (on time,
 * late or not at all), its records and persons. Lateness is that of the first version sent:
 * a report returned and sent again is not made late by the correction.
 */
import { beijingDate } from '../calendar/beijing-time.js';
import { daysLate } from '../calendar/due-date.js';
import { parsePeriod } from '../calendar/period.js';
import type { Context } from '../platform/context.js';
import { referralsOfYear } from '../referrals/referrals-of-year.js';
import { dueOf } from '../reports/report-service.js';
import type { Summary } from '../reports/summary.js';
import {
  type AnnualReport,
  DEFAULT_ADDRESSEES,
  type QuarterSubmission,
  type ReportingUnitYear,
} from './annual-report.js';
import {
  type RegionalFigures,
  regionalFigures,
  regionalSummaryDocument,
} from './regional-summary.js';

export async function loadAnnualReport(
  ctx: Context,
  city: string,
  year: number,
): Promise<AnnualReport> {
  // What the bureau received, checked or not: a quarter sent on time is reported even while
  // the bureau has yet to accept it (see Included).
  const figures = await regionalFigures(ctx, city, `${year}Q1`, `${year}Q4`, 'submitted');
  const today = beijingDate(ctx.clock.now());
  const due = new Map<string, string>();
  for (const period of figures.periods) due.set(period, await dueOf(ctx, parsePeriod(period)!));

  return {
    year,
    city: figures.region,
    addressees: DEFAULT_ADDRESSEES,
    units: figures.units.map((unit) =>
      unitYear(figures, unit, (p) => daysLate(today, due.get(p)!) > 0),
    ),
    referrals: await referralsOfYear(ctx, city, year),
    regionalSummary: await regionalSummaryDocument(ctx, figures),
    generatedAt: ctx.clock.now().toISOString(),
  };
}

function unitYear(
  figures: RegionalFigures,
  unit: { code: string; name: string },
  isPastDue: (period: string) => boolean,
): ReportingUnitYear {
  const quarters: QuarterSubmission[] = figures.periods.filter(isPastDue).map((period) => {
    const received = figures.received.get(`${unit.code}/${period}`);
    const quarter = parsePeriod(period)!.quarter;
    if (!received) return { quarter, status: 'missing', zero: false };

    const summary = JSON.parse(received.latest.summary) as Summary;
    const late = (received.first.days_late ?? 0) > 0;
    return { quarter, status: late ? 'late' : 'onTime', zero: summary.zero };
  });
  const rows = figures.recordsByUnit.get(unit.code) ?? [];

  return {
    ...unit,
    quarters,
    records: rows.length,
    persons: new Set(rows.map((r) => r.interferer_id)).size,
  };
}
