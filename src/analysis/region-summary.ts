/**
 * The regional summary as JSON (`GET /api/v1/regions/{unit}/summary`): the summary (附件2) of
 * every recording unit of the region over a range of quarters, persons distinct across the
 * region, with the reports it counted so a reviewer can see which units and quarters are in.
 */
import {
  type Included,
  type RegionalFigures,
  regionalFigures,
} from '../documents/regional-summary.js';
import type { Context } from '../platform/context.js';
import type { Summary } from '../reports/summary.js';

export interface CountedReport {
  unit: string;
  period: string;
  version: number;
  /** accepted, or submitted (awaiting a decision) when the view includes those. */
  status: string;
}

export interface RegionSummary extends Summary {
  region: { code: string; name: string };
  from: string;
  to: string;
  included: Included;
  ruleVersion: string;
  /** How many units had at least one counted report in the range. */
  units: number;
  /** The reports counted, by unit code and then period. */
  reports: CountedReport[];
}

export async function regionSummary(
  ctx: Context,
  request: { region: string; from: string; to: string; included: Included },
): Promise<RegionSummary> {
  const { region, from, to, included } = request;
  const figures = await regionalFigures(ctx, region, from, to, included);
  const reports = countedReports(figures);

  return {
    region: figures.region,
    from,
    to,
    included,
    ruleVersion: figures.ruleVersion.id,
    ...figures.summary,
    units: new Set(reports.map((r) => r.unit)).size,
    reports,
  };
}

export function countedReports(figures: RegionalFigures): CountedReport[] {
  return [...figures.received.values()]
    .map(({ latest }) => ({
      unit: latest.unit,
      period: latest.period,
      version: latest.version,
      status: latest.status,
    }))
    .sort((a, b) => a.unit.localeCompare(b.unit) || a.period.localeCompare(b.period));
}
