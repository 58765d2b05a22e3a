/**
 * The summary (附件2) of a region over a range of quarters: every unit reporting, directly or
 * through others, to the region's bureau; for each of their quarters the latest version the
 * bureau above received; the records those versions list, counted as one ledger so a person
 * recorded in two quarters counts once (see computeRegionalSummary). 填报单位 names the region.
 */
import {
  formatPeriod,
  nextPeriod,
  type Period,
  parsePeriod,
  periodDates,
} from '../calendar/period.js';
import type { Context } from '../platform/context.js';
import type { RecordRow, ReportRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import { recordsListedBy } from '../reports/listed-records.js';
import { summaryRecord } from '../reports/report-ledger.js';
import { computeRegionalSummary, type Summary } from '../reports/summary.js';
import { defaultLevels, provinceLevels } from '../reports/summary-rows.js';
import { readRules, versionInForce } from '../rules/rules.js';
import { readSettings } from '../settings/settings.js';
import {
  periodText,
  SIGNATURE_ORDER,
  SIGNATURE_TITLES,
  type SummaryDocument,
  summaryBlocks,
} from './summary-document.js';

/**
 * Which versions a regional figure counts. `accepted`: the latest version the bureau accepted,
 * what it has checked (the default of the regional summary API and exports, as the issue's
 * 「从已接收的报送汇总」 asks). `submitted`: besides, a version sent and awaiting a decision, so
 * the latest version the bureau holds; the annual report counts so, as a quarter sent on time
 * but not yet checked was still reported. A returned version never counts: the unit has to
 * send it again.
 */
export type Included = 'accepted' | 'submitted';

const countedStatuses: Record<Included, readonly string[]> = {
  accepted: ['accepted'],
  submitted: ['accepted', 'submitted'],
};

export interface RegionalFigures {
  region: { code: string; name: string };
  included: Included;
  /** The units of the region that report, in code order. */
  units: Array<{ code: string; name: string }>;
  periods: string[];
  /**
   * Per unit and quarter that has a counted version: the latest counted one and the first one
   * sent, whatever became of it (lateness is that of the first sending).
   */
  received: Map<string, { latest: ReportRow; first: ReportRow }>;
  /** Per unit, the records its counted versions list. */
  recordsByUnit: Map<string, RecordRow[]>;
  /** Per counted version (report id), the records it lists, in ledger order. */
  listed: Map<string, RecordRow[]>;
  summary: Summary;
  ruleVersion: { id: string; situations: Array<{ id: string; label: string; text: string }> };
}

/** Quarters from `from` to `to`, both `2020Q1` form, at most 40 (ten years). */
export function quartersBetween(from: string, to: string): string[] {
  const start = parsePeriod(from) ?? fail('PERIOD_INVALID');
  const end = parsePeriod(to) ?? fail('PERIOD_INVALID');
  const result: string[] = [];
  for (let p: Period = start; formatPeriod(p) <= formatPeriod(end); p = nextPeriod(p)) {
    result.push(formatPeriod(p));
    if (result.length > 40) fail('PERIOD_INVALID', undefined, '期间最长十年（40 个季度）');
  }
  if (result.length === 0) fail('PERIOD_INVALID', undefined, '起始季度不能晚于截止季度');

  return result;
}

export async function regionalFigures(
  ctx: Context,
  region: string,
  from: string,
  to: string,
  included: Included,
): Promise<RegionalFigures> {
  const periods = quartersBetween(from, to);
  const all = await ctx.db
    .selectFrom('units')
    .select(['code', 'name', 'kind', 'reports_to', 'active'])
    .execute();
  const regionRow = all.find((u) => u.code === region) ?? fail('UNIT_NOT_FOUND');
  const units = reportingUnits(all, region);
  const received = await receivedReports(
    ctx,
    units.map((u) => u.code),
    periods,
    countedStatuses[included],
  );
  const listed = await recordsListedBy(
    ctx,
    [...received.values()].map((r) => r.latest.id),
  );
  const recordsByUnit = new Map<string, RecordRow[]>(units.map((u) => [u.code, []]));
  for (const { latest } of received.values())
    recordsByUnit.get(latest.unit)!.push(...listed.get(latest.id)!);

  const rules = await readRules(ctx);
  const version = versionInForce(rules, periodDates(parsePeriod(to)!).end)!;
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;
  const summary = computeRegionalSummary(
    new Map([...recordsByUnit].map(([unit, rows]) => [unit, rows.map(summaryRecord)])),
    {
      version: { id: version.id, situations: version.situations.map((s) => s.id) },
      mapping: rules.mapping,
      levels,
    },
  );

  return {
    region: { code: regionRow.code, name: regionRow.name },
    included,
    units,
    periods,
    received,
    recordsByUnit,
    listed,
    summary,
    ruleVersion: version,
  };
}

/** The summary document of a region: unsigned and unsealed, 填报单位 naming the region. */
export async function regionalSummaryDocument(
  ctx: Context,
  figures: RegionalFigures,
): Promise<SummaryDocument> {
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;
  const reporting = new Set([...figures.received.values()].map((r) => r.latest.unit));

  return {
    filler: figures.region,
    period: {
      label: `${figures.periods[0]}-${figures.periods.at(-1)}`,
      text: periodText(figures.periods[0]!, figures.periods.at(-1)!),
    },
    ...summaryBlocks({
      summary: figures.summary,
      levels,
      situations: figures.ruleVersion.situations,
    }),
    records: figures.summary.records,
    zero: figures.summary.zero,
    signatures: SIGNATURE_ORDER.map((role) => ({
      role,
      title: SIGNATURE_TITLES[role],
      name: null,
      at: null,
    })),
    seal: null,
    checkpoint: null,
    units: reporting.size,
    reportVersion: null,
  };
}

/** The kinds of unit that keep a ledger and report it (notice, 填报说明 1; inbox.ts). */
const RECORDING_KINDS = ['province', 'city', 'county'];

export interface UnitNode {
  code: string;
  name: string;
  kind: string;
  reports_to: string | null;
  active: number;
}

/**
 * The region's own bureau and every active recording unit whose reports reach it through the
 * reports_to chain: a city's regional summary counts its own ledger and its counties'.
 */
export function reportingUnits(all: readonly UnitNode[], region: string) {
  // Who reports to whom, once: a walk over it is linear in the tree, where filtering the
  // whole list at every level was quadratic (3,000 units nationally).
  const below = new Map<string, UnitNode[]>();
  for (const u of all) {
    if (!u.reports_to) continue;
    const list = below.get(u.reports_to);
    if (list) list.push(u);
    else below.set(u.reports_to, [u]);
  }
  const included = new Set<string>([region]);
  let frontier = [region];
  while (frontier.length > 0) {
    const next = frontier
      .flatMap((code) => below.get(code) ?? [])
      .filter((u) => !included.has(u.code));
    for (const u of next) included.add(u.code);
    frontier = next.map((u) => u.code);
  }

  return all
    .filter((u) => included.has(u.code) && u.active === 1 && RECORDING_KINDS.includes(u.kind))
    .map(({ code, name }) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function receivedReports(
  ctx: Context,
  units: string[],
  periods: string[],
  statuses: readonly string[],
) {
  const firsts = new Map<string, ReportRow>();
  const result = new Map<string, { latest: ReportRow; first: ReportRow }>();
  if (units.length === 0) return result;

  const sent = await ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('unit', 'in', units)
    .where('period', 'in', periods)
    .where('submitted_at', 'is not', null)
    .orderBy('version')
    .execute();
  for (const row of sent) {
    const key = `${row.unit}/${row.period}`;
    const first = firsts.get(key) ?? row;
    firsts.set(key, first);
    if (statuses.includes(row.status)) result.set(key, { latest: row, first });
  }

  return result;
}
