/**
 * The counts behind the analysis charts, as plain functions over the records a region
 * received: incidents (次数) per quarter, per unit and per level, distinct persons (人数) beside
 * them, and the statistical indicators most often targeted. The 附件2 blocks (forms,
 * situations, persons by level) come from computeSummary itself, so a chart never disagrees
 * with the summary of the same records.
 */

import type { SummaryRecord } from '../reports/summary.js';
import type { FormRow } from '../reports/summary-rows.js';

/** One record as the analysis sees it: the listed version, placed in its unit and quarter. */
export interface AnalysedRecord {
  unit: string;
  /** The quarter of the report that lists it. */
  period: string;
  summary: SummaryRecord;
  /** The 「干预人员」 row the record counts under (a 厅局级 cadre is 「其他」 in a city). */
  levelRow: string;
  formRow: FormRow;
  /** In the rule version in force at the end of the range, through the mapping table. */
  situation: string;
  /** The interferer as the listed version names them. */
  interferer: { name: string; post: string };
  /** Indicator names, each once per record. */
  indicators: string[];
}

export interface QuarterCount {
  period: string;
  records: number;
  persons: number;
}

/** Every quarter of the range, zeros included, so a line chart shows the quiet quarters. */
export function byQuarter(records: readonly AnalysedRecord[], periods: readonly string[]) {
  const groups = groupBy(records, (r) => r.period);

  return periods.map((period) => countsOf(groups.get(period) ?? [], { period }));
}

export interface UnitCount {
  code: string;
  name: string;
  records: number;
  persons: number;
}

export function byUnit(
  records: readonly AnalysedRecord[],
  units: ReadonlyArray<{ code: string; name: string }>,
): UnitCount[] {
  const groups = groupBy(records, (r) => r.unit);

  return units.map((unit) => countsOf(groups.get(unit.code) ?? [], unit));
}

export interface LevelCount {
  level: string;
  records: number;
}

export function incidentsByLevel(
  records: readonly AnalysedRecord[],
  levels: readonly string[],
): LevelCount[] {
  const groups = groupBy(records, (r) => r.levelRow);

  return levels.map((level) => ({ level, records: groups.get(level)?.length ?? 0 }));
}

export interface IndicatorCount {
  name: string;
  records: number;
}

/**
 * The indicators named by most records, at most `limit`, ties by name so the list is stable.
 * Names are compared as written after NFKC and trimming: 规模以上工业增加值 and
 * 规上工业增加值 stay two rows (no synonym table yet).
 */
export function topIndicators(records: readonly AnalysedRecord[], limit = 20): IndicatorCount[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const name of record.indicators) counts.set(name, (counts.get(name) ?? 0) + 1);
  }

  return [...counts]
    .map(([name, count]) => ({ name, records: count }))
    .sort((a, b) => b.records - a.records || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit);
}

/** Distinct indicator names of one record's content, normalised as topIndicators says. */
export function indicatorNames(content: { indicators?: Array<{ name: string }> }): string[] {
  const names = (content.indicators ?? []).map((i) => i.name.normalize('NFKC').trim());

  return [...new Set(names.filter((name) => name !== ''))];
}

// Persons as the summary counts them: by interferer id, i.e. per recording unit.
function countsOf<T extends object>(records: readonly AnalysedRecord[], key: T) {
  const persons = new Set(records.map((r) => r.summary.interfererId)).size;

  return { ...key, records: records.length, persons };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }

  return groups;
}
