/**
 * A prototype of the change proposed for the regional summary API, kept beside the benchmark
 * as evidence and used by nothing else: the same answer as src/analysis/region-summary.ts,
 * but (1) no list of report ids is ever bound, so no engine limit on bound values is reached
 * (SQLite 32,766, PostgreSQL 65,535), (2) the latest counted version is chosen in SQL, and
 * (3) the records are read as the columns the summary needs, never as their JSON content,
 * which a sent version has frozen (reports/report-invalidation.ts, isFrozen). The counting
 * stays computeRegionalSummary's, so the rules of 附件2 live in one place.
 * LIUHEN_BENCH_PROTOTYPE=1 measures it beside the API.
 */
import type { Kysely } from 'kysely';
import type { RegionSummary } from '../../src/analysis/region-summary.js';
import { parsePeriod, periodDates } from '../../src/calendar/period.js';
import type { Included } from '../../src/documents/regional-summary.js';
import { quartersBetween, reportingUnits } from '../../src/documents/regional-summary.js';
import type { Context } from '../../src/platform/context.js';
import type { Schema } from '../../src/platform/db/schema.js';
import type { Channel, Form } from '../../src/records/record-schema.js';
import { computeRegionalSummary, type SummaryRecord } from '../../src/reports/summary.js';
import { defaultLevels, provinceLevels } from '../../src/reports/summary-rows.js';
import { readRules, versionInForce } from '../../src/rules/rules.js';
import { readSettings } from '../../src/settings/settings.js';

/** Units per query, as compliance.ts reads them. */
const UNITS_PER_QUERY = 1000;

const countedStatuses: Record<Included, string[]> = {
  accepted: ['accepted'],
  submitted: ['accepted', 'submitted'],
};

export async function prototypeRegionSummary(
  ctx: Context,
  request: { region: string; from: string; to: string; included: Included },
): Promise<RegionSummary> {
  const { region, from, to, included } = request;
  const periods = quartersBetween(from, to);
  const all = await ctx.db
    .selectFrom('units')
    .select(['code', 'name', 'kind', 'reports_to', 'active'])
    .execute();
  const regionRow = all.find((u) => u.code === region);
  if (!regionRow) throw new Error(`region ${region} not found`);

  const units = reportingUnits(all, region).map((u) => u.code);
  const statuses = countedStatuses[included];
  const reports: RegionSummary['reports'] = [];
  const records = new Map<string, SummaryRecord[]>();
  for (let at = 0; at < units.length; at += UNITS_PER_QUERY) {
    const counted = countedVersions(
      ctx.db,
      units.slice(at, at + UNITS_PER_QUERY),
      periods,
      statuses,
    );
    reports.push(
      ...(await counted.select(['r.unit', 'r.period', 'r.version', 'r.status']).execute()),
    );
    for (const row of await listedColumns(counted).execute()) {
      const list = records.get(row.unit) ?? [];
      list.push(summaryRecordOf(row));
      records.set(row.unit, list);
    }
  }

  const rules = await readRules(ctx);
  const version = versionInForce(rules, periodDates(parsePeriod(to)!).end)!;
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;
  const summary = computeRegionalSummary(records, {
    version: { id: version.id, situations: version.situations.map((s) => s.id) },
    mapping: rules.mapping,
    levels,
  });
  reports.sort((a, b) => a.unit.localeCompare(b.unit) || a.period.localeCompare(b.period));

  return {
    region: { code: regionRow.code, name: regionRow.name },
    from,
    to,
    included,
    ruleVersion: version.id,
    ...summary,
    units: new Set(reports.map((r) => r.unit)).size,
    reports,
  };
}

/** Each unit's quarter's latest version sent with a counted status: none sent later counts. */
function countedVersions(
  db: Kysely<Schema>,
  units: string[],
  periods: string[],
  statuses: string[],
) {
  return db
    .selectFrom('reports as r')
    .where('r.unit', 'in', units)
    .where('r.period', 'in', periods)
    .where('r.submitted_at', 'is not', null)
    .where('r.status', 'in', statuses)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reports as later')
            .select('later.id')
            .whereRef('later.unit', '=', 'r.unit')
            .whereRef('later.period', '=', 'r.period')
            .whereRef('later.version', '>', 'r.version')
            .where('later.submitted_at', 'is not', null)
            .where('later.status', 'in', statuses),
        ),
      ),
    );
}

function listedColumns(counted: ReturnType<typeof countedVersions>) {
  return counted
    .innerJoin('report_records as rr', 'rr.report_id', 'r.id')
    .innerJoin('records as d', 'd.id', 'rr.record_id')
    .select([
      'r.unit',
      'd.id',
      'd.interferer_id',
      'd.level',
      'd.form',
      'd.channel',
      'd.situation',
      'd.occurred_at',
    ]);
}

function summaryRecordOf(row: {
  id: string;
  interferer_id: string;
  level: string;
  form: string;
  channel: string | null;
  situation: string;
  occurred_at: string;
}): SummaryRecord {
  return {
    id: row.id,
    interfererId: row.interferer_id,
    level: row.level,
    form: row.form as Form,
    ...(row.channel ? { channel: row.channel as Channel } : {}),
    situation: row.situation,
    occurredAt: row.occurred_at,
  };
}
