/**
 * The analysis of what a region received (`GET /api/v1/regions/{unit}/analysis`): incidents by
 * quarter, situation, form, level and unit, the indicators most often targeted and the persons
 * recorded more than once, for a range of quarters and optional filters. It reads the same
 * counted versions as the regional summary (regionalFigures: a handful of queries whatever the
 * number of units) and counts in memory. Because it names persons, each analysis is an event
 * in the region's log naming the records its persons table showed.
 */

import {
  type Included,
  type RegionalFigures,
  regionalFigures,
} from '../documents/regional-summary.js';
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { RecordInput } from '../records/record-schema.js';
import { summaryRecord } from '../reports/report-ledger.js';
import { computeSummary, type SummaryOptions, situationResolver } from '../reports/summary.js';
import {
  defaultLevels,
  formLabels,
  formRowOf,
  formRows,
  isKnownLevel,
  levelLabels,
  provinceLevels,
} from '../reports/summary-rows.js';
import { readRules } from '../rules/rules.js';
import { readSettings } from '../settings/settings.js';
import {
  type AnalysedRecord,
  byQuarter,
  byUnit,
  incidentsByLevel,
  indicatorNames,
  topIndicators,
} from './analysis-counts.js';
import { repeatedPersons } from './repeated-persons.js';

export interface AnalysisRequest {
  region: string;
  from: string;
  to: string;
  included: Included;
  units?: string[] | undefined;
  levels?: string[] | undefined;
  forms?: string[] | undefined;
  situations?: string[] | undefined;
}

export async function analyseRegion(ctx: Context, request: AnalysisRequest, actor: Actor) {
  const { region, from, to, included } = request;
  const figures = await regionalFigures(ctx, region, from, to, included);
  const options = await summaryOptions(ctx, figures);
  const filters = checkedFilters(request, figures);
  const records = analysedRecords(figures, options).filter((r) => matches(r, filters));
  const analysis = countsOf(records, figures, options, filters);
  await logAnalysis(ctx, actor, { ...request, filters }, analysis);

  return { region: figures.region, from, to, included, filters, ...analysis };
}

/** The charts' figures; the 附件2 blocks are those of computeSummary over the same records. */
function countsOf(
  records: AnalysedRecord[],
  figures: RegionalFigures,
  options: SummaryOptions,
  filters: Filters,
) {
  const summary = computeSummary(
    records.map((r) => r.summary),
    options,
  );
  const shownUnits = filters.units
    ? figures.units.filter((u) => filters.units!.includes(u.code))
    : figures.units;

  return {
    regionUnits: figures.units,
    ruleVersion: figures.ruleVersion,
    records: summary.records,
    persons: summary.persons.total,
    byQuarter: byQuarter(records, figures.periods),
    bySituation: figures.ruleVersion.situations.map((s) => ({
      ...s,
      records: summary.situations[s.id] ?? 0,
    })),
    byForm: formRows.map((row) => ({ row, label: formLabels[row], records: summary.forms[row] })),
    byLevel: incidentsByLevel(records, options.levels!).map((row) => ({
      ...row,
      label: isKnownLevel(row.level) ? levelLabels[row.level] : row.level,
      persons: summary.persons[row.level] ?? 0,
    })),
    byUnit: byUnit(records, shownUnits),
    topIndicators: topIndicators(records),
    repeatedPersons: repeatedPersons(records),
  };
}

export type RegionAnalysis = Awaited<ReturnType<typeof analyseRegion>>;

interface Filters {
  units?: string[];
  levels?: string[];
  forms?: string[];
  situations?: string[];
}

/** Unit codes must be of the region and situations of the version the analysis counts in. */
function checkedFilters(request: AnalysisRequest, figures: RegionalFigures): Filters {
  const codes = new Set(figures.units.map((u) => u.code));
  const strange = request.units?.find((code) => !codes.has(code));
  if (strange !== undefined)
    fail(
      'VALIDATION_FAILED',
      [{ field: 'units', message: '不是本地区的报送单位' }],
      `单位 ${strange} 不是本地区的报送单位`,
    );

  const version = figures.ruleVersion;
  const known = new Set(version.situations.map((s) => s.id));
  const unknown = request.situations?.find((id) => !known.has(id));
  if (unknown !== undefined) {
    const message = `干预情形 ${unknown} 不属于截止季度适用的规则版本（${version.id}），请从该版本的情形中选择`;
    fail('VALIDATION_FAILED', [{ field: 'situations', message }], message);
  }

  return Object.fromEntries(
    (['units', 'levels', 'forms', 'situations'] as const)
      .filter((key) => request[key] && request[key].length > 0)
      .map((key) => [key, request[key]]),
  );
}

function matches(record: AnalysedRecord, filters: Filters): boolean {
  return (
    (!filters.units || filters.units.includes(record.unit)) &&
    (!filters.levels ||
      [record.levelRow, record.summary.level].some((l) => filters.levels!.includes(l))) &&
    (!filters.forms || filters.forms.includes(record.formRow)) &&
    (!filters.situations || filters.situations.includes(record.situation))
  );
}

async function summaryOptions(ctx: Context, figures: RegionalFigures): Promise<SummaryOptions> {
  const rules = await readRules(ctx);
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;
  const version = figures.ruleVersion;

  return {
    version: { id: version.id, situations: version.situations.map((s) => s.id) },
    mapping: rules.mapping,
    levels,
  };
}

function analysedRecords(figures: RegionalFigures, options: SummaryOptions): AnalysedRecord[] {
  const situationOf = situationResolver(options);
  const levels = new Set<string>(options.levels);
  const result: AnalysedRecord[] = [];
  for (const { latest } of figures.received.values()) {
    for (const row of figures.listed.get(latest.id) ?? []) {
      const input = JSON.parse(row.data) as RecordInput;
      const summary = summaryRecord(row);
      result.push({
        unit: latest.unit,
        period: latest.period,
        summary,
        // As the summary places a level its rows lack (summary.ts levelRowOf).
        levelRow: levels.has(row.level) ? row.level : 'other',
        formRow: formRowOf(summary.form, summary.channel) ?? 'other',
        situation: situationOf(summary),
        interferer: { name: input.interferer.name, post: input.interferer.post },
        indicators: indicatorNames(input.content),
      });
    }
  }

  return result;
}

async function logAnalysis(
  ctx: Context,
  actor: Actor,
  request: AnalysisRequest & { filters: Filters },
  analysis: ReturnType<typeof countsOf>,
) {
  const { region, from, to, included, filters } = request;
  const data = {
    from,
    to,
    included,
    filters,
    records: analysis.records,
    // The persons table names interferers: the records behind it count as read.
    recordIds: analysis.repeatedPersons.persons.flatMap((p) => p.recordIds),
  };
  await write(
    ctx,
    (change) => change.event({ type: 'region.analysed', actor, unit: region, data }, region),
    { lock: region },
  );
}
