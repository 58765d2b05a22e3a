/**
 * The summary (汇总表, 附件2 of 汴统〔2020〕26号), computed from the records and never typed:
 * distinct persons by level (人数), incidents by form and by situation (次数). Pure functions;
 * the caller reads the records, the rule version of the period and the mapping table.
 *
 * Every summary this module returns balances (表内平衡关系, domain README §5): the form total
 * equals the situation total equals the number of records, each total is the sum of its rows,
 * and there are never more persons than records.
 */
import type { Channel, Form, Level } from '../records/record-schema.js';
import {
  defaultLevels,
  type FormRow,
  formLabels,
  formRowOf,
  formRows,
  isKnownLevel,
  levelLabels,
  totalLabel,
} from './summary-rows.js';

/** What the summary needs of one record (one row of 附件1). */
export interface SummaryRecord {
  id: string;
  /** Same id, same person: the summary counts persons, not records. */
  interfererId: string;
  /** One of the record schema's levels: county, township, other, prefecture, province. */
  level: string;
  form: Form;
  /** A message's channel; ignored for oral interference and letters. */
  channel?: Channel;
  /** A situation id such as `2017-3`, of the rule version the record was made under. */
  situation: string;
  /** 干预时间, Beijing time: `2020-05-12T15`, or `2020-05-12` for a letter. */
  occurredAt: string;
}

/** One row of the administrator's mapping table, e.g. `{ from: '2017-4', to: '2023-2' }`. */
export interface SituationMapping {
  from: string;
  to: string;
}

export interface SummaryOptions {
  /** The rule version in force for the period: its situations are the 「干预类型」 rows. */
  version: { id: string; situations: readonly string[] };
  mapping: readonly SituationMapping[];
  /** The 「干预人员」 rows; `defaultLevels` unless a province deployment adds its two. */
  levels?: readonly Level[];
}

/** A block of rows and its 「合计」. */
export interface CountBlock {
  [row: string]: number;
  total: number;
}

export interface Summary {
  persons: CountBlock;
  forms: Record<FormRow | 'total', number>;
  situations: CountBlock;
  records: number;
  /** 零报告: no records in the period; every count is 0 and the summary is still submitted. */
  zero: boolean;
}

export type SummaryProblem =
  | 'duplicate-record'
  | 'unknown-form'
  | 'unknown-level'
  | 'unmapped-situation'
  | 'ambiguous-mapping'
  | 'mismatched-rows'
  | 'no-summaries'
  | 'unbalanced';

/**
 * Input the summary cannot count honestly. `problem` is stable, for the caller's error code
 * (an unmapped or ambiguous situation is the registry's MAPPING_INVALID); `recordId` names
 * the record at fault when there is one.
 */
export class SummaryError extends Error {
  override readonly name = 'SummaryError';

  constructor(
    readonly problem: SummaryProblem,
    message: string,
    readonly recordId?: string,
  ) {
    super(message);
  }
}

/**
 * The summary of one unit for one period.
 *
 * Preconditions: `records` are the unit's signed, non-voided records of the period, each once
 * (drafts and voided records never reach the summary; the caller filters by status and
 * quarter). Throws SummaryError for a repeated record id, a form, channel or level the record
 * schema does not allow, or a situation neither of `options.version` nor mapped into it.
 *
 * Persons: a person recorded at two levels within the period (promoted, or recorded with
 * different posts) counts once, under the level of their latest record, ordered by
 * occurredAt and then record id. The latest level is the one the bureau would act on when
 * it refers the case by cadre management authority (干部管理权限, domain README §7), and a
 * fixed order makes the result independent of the order records are read in.
 *
 * Situations: a record made under another rule version (a period that straddles 2023-10-27,
 * or a region whose units changed version on different dates) counts under the situation the
 * mapping table gives it in the summary's version, e.g. 2017-4 → 2023-2. The mapping is used
 * in one step and in its own direction only: a 2017 summary of 2023 records needs a table from
 * 2023 to 2017, since 2017→2023 maps several situations onto one.
 */
export function computeSummary(
  records: readonly SummaryRecord[],
  options: SummaryOptions,
): Summary {
  assertDistinctIds(records);
  const situationOf = situationResolver(options);
  const summary: Summary = {
    persons: countRows(options.levels ?? defaultLevels, personRows(records, options)),
    forms: countRows(formRows, records.map(formRowFor)),
    situations: countRows(options.version.situations, records.map(situationOf)),
    records: records.length,
    zero: records.length === 0,
  };
  assertBalanced(summary);

  return summary;
}

/**
 * The regional summary (本地区《汇总表》) that a county bureau fills each year and the city
 * bureau reports by the end of January (notice, 三): the records of every unit of the region,
 * counted as one ledger. Persons are distinct across the whole region: a person recorded by
 * two units counts once, under the level of their latest record anywhere in the region.
 * Forms, situations and records equal the sum of the units' summaries; persons may be fewer,
 * which is why regional summaries are computed from records and never added up (compare
 * `sumUnitSummaries`).
 *
 * Preconditions as for `computeSummary`; a record id may appear under one unit only.
 * Limitation: records/interferers.ts registers interferer ids per recording unit, so today the
 * same person recorded by two units has two ids and counts twice (matters as soon as two units
 * of a region record the same cadre; needs a region-wide person key).
 */
export function computeRegionalSummary(
  recordsByUnit: ReadonlyMap<string, readonly SummaryRecord[]>,
  options: SummaryOptions,
): Summary {
  return computeSummary([...recordsByUnit.values()].flat(), options);
}

/**
 * Adds unit summaries row by row. Right for forms, situations and records; for persons it
 * counts a person once per unit that recorded them, so it overstates the region's persons by
 * those shared between units. Kept for reconciling the units' submitted summaries with the
 * regional one, never as the regional summary itself.
 *
 * Precondition: at least one summary (`computeSummary([], options)` is the zero summary), all
 * with the same rows, i.e. the same rule version and levels.
 */
export function sumUnitSummaries(summaries: readonly Summary[]): Summary {
  const [first, ...rest] = summaries;
  if (!first) throw new SummaryError('no-summaries', 'sumUnitSummaries: got no summaries, want 1+');

  const sum = rest.reduce(addSummaries, first);

  return { ...sum, zero: sum.records === 0 };
}

/**
 * What keeps a summary from balancing (表内平衡关系), in Chinese naming the rows; empty when it
 * balances. Checks that every count is a whole number not below 0, that each 「合计」 is the sum
 * of its rows, that the form and situation totals equal the number of records, that persons
 * are no more than records and at least one when there are records, and that `zero` is set
 * exactly when there are no records.
 */
export function balanceProblems(summary: Summary): string[] {
  return [
    ...blockProblems('干预人员', '人数', summary.persons, levelLabel),
    ...blockProblems('干预形式', '次数', summary.forms, formLabel),
    ...blockProblems('干预类型', '次数', summary.situations, situationLabel),
    ...recordProblems(summary),
  ];
}

function assertDistinctIds(records: readonly SummaryRecord[]): void {
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id)) {
      const message = `record ${record.id} given twice, want each record once`;
      throw new SummaryError('duplicate-record', message, record.id);
    }
    seen.add(record.id);
  }
}

function formRowFor(record: SummaryRecord): FormRow {
  const row = formRowOf(record.form, record.channel);
  if (row) return row;

  const got = `form ${record.form}, channel ${record.channel ?? 'none'}`;
  const message = `record ${record.id} has ${got}, want oral, letter or a message with a channel`;
  throw new SummaryError('unknown-form', message, record.id);
}

/** The level row of each distinct person: that of their latest record (see computeSummary). */
function personRows(records: readonly SummaryRecord[], options: SummaryOptions): string[] {
  const levels = new Set<string>(options.levels ?? defaultLevels);
  const latest = new Map<string, { record: SummaryRecord; row: string }>();
  for (const record of records) {
    const row = levelRowOf(record, levels);
    const seen = latest.get(record.interfererId);
    if (!seen || isLater(record, seen.record)) latest.set(record.interfererId, { record, row });
  }

  return [...latest.values()].map(({ row }) => row);
}

function levelRowOf(record: SummaryRecord, levels: ReadonlySet<string>): string {
  if (levels.has(record.level)) return record.level;
  // 附件2 prints 县处级, 乡科级 and 其他 only: there a 厅局级 cadre (a city's vice-mayor, say)
  // is one of the 「其他」.
  if (isKnownLevel(record.level) && levels.has('other')) return 'other';

  const want = [...levels].join(', ');
  const message = `record ${record.id} has level ${record.level}, want one of ${want}`;
  throw new SummaryError('unknown-level', message, record.id);
}

// Record ids are distinct, so this is a total order and the latest record is the same
// whatever order the records come in. A date-only letter sorts before that day's hours.
function isLater(a: SummaryRecord, b: SummaryRecord): boolean {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt > b.occurredAt;

  return a.id > b.id;
}

/**
 * The situation of `options.version` each record counts under: its own, or the one the mapping
 * table gives it (see computeSummary). Throws SummaryError for a situation neither has.
 */
export function situationResolver(options: SummaryOptions): (record: SummaryRecord) => string {
  const own = new Set(options.version.situations);
  const mapped = mappingInto(options.version.id, own, options.mapping);

  return (record) => {
    if (own.has(record.situation)) return record.situation;

    const target = mapped.get(record.situation);
    if (target !== undefined) return target;

    const want = `a situation of version ${options.version.id} or one mapped into it`;
    const message = `record ${record.id} has situation ${record.situation}, want ${want}`;
    throw new SummaryError('unmapped-situation', message, record.id);
  };
}

/** The mapping rows that lead into the summary's version, as from → to. */
function mappingInto(
  versionId: string,
  own: ReadonlySet<string>,
  mapping: readonly SituationMapping[],
): Map<string, string> {
  const into = new Map<string, string>();
  for (const { from, to } of mapping) {
    if (!own.has(to)) continue;

    const earlier = into.get(from);
    if (earlier !== undefined && earlier !== to) {
      const message = `mapping sends ${from} to both ${earlier} and ${to} in version ${versionId}`;
      throw new SummaryError('ambiguous-mapping', message);
    }
    into.set(from, to);
  }

  return into;
}

/**
 * Counts `keys` into `rows`, in the rows' order, with the total taken from the number of keys
 * rather than from the rows: a key that found no row then shows as an unbalanced block.
 */
function countRows<K extends string>(
  rows: readonly K[],
  keys: readonly string[],
): Record<K, number> & { total: number } {
  const counts = Object.fromEntries(rows.map((row) => [row, 0])) as Record<K | 'total', number>;
  for (const key of keys) {
    if (Object.hasOwn(counts, key)) counts[key as K] += 1;
  }
  counts.total = keys.length;

  return counts;
}

function assertBalanced(summary: Summary): void {
  const problems = balanceProblems(summary);
  if (problems.length === 0) return;

  const message = `summary does not balance: ${problems.join('；')}`;
  throw new SummaryError('unbalanced', message);
}

function addSummaries(a: Summary, b: Summary): Summary {
  return {
    persons: addBlocks('persons', a.persons, b.persons),
    forms: addBlocks('forms', a.forms, b.forms),
    situations: addBlocks('situations', a.situations, b.situations),
    records: a.records + b.records,
    zero: a.zero && b.zero,
  };
}

function addBlocks<T extends Record<string, number>>(name: string, a: T, b: T): T {
  const rows = Object.keys(a);
  if (rowSet(a) !== rowSet(b)) {
    const got = Object.keys(b).join(', ');
    const message = `cannot add ${name} rows ${got} to ${rows.join(', ')}, want the same rows`;
    throw new SummaryError('mismatched-rows', message);
  }

  return Object.fromEntries(rows.map((row) => [row, (a[row] ?? 0) + (b[row] ?? 0)])) as T;
}

function rowSet(block: Record<string, number>): string {
  return Object.keys(block).sort().join(', ');
}

type RowLabel = (row: string) => string;

const levelLabel: RowLabel = (row) => (isKnownLevel(row) ? levelLabels[row] : row);
const formLabel: RowLabel = (row) => formLabels[row as FormRow] ?? row;
const situationLabel: RowLabel = (row) => row;

function blockProblems(title: string, unit: string, block: CountBlock, label: RowLabel): string[] {
  const problems: string[] = [];
  let sum = 0;
  for (const [row, count] of Object.entries(block)) {
    if (!isCount(count)) {
      const name = row === 'total' ? totalLabel : label(row);
      problems.push(`${title}「${name}」${unit}应为非负整数，实为 ${count}`);
    }
    if (row !== 'total') sum += count;
  }
  if (!isCount(block.total)) return problems;

  if (block.total !== sum) {
    problems.push(`${title}「合计」为 ${block.total}，与各行${unit}之和 ${sum} 不等`);
  }

  return problems;
}

function recordProblems(summary: Summary): string[] {
  const { records, persons, forms, situations } = summary;
  if (!isCount(records)) return [`记录数应为非负整数，实为 ${records}`];

  const problems: string[] = [];
  if (forms.total !== records) {
    problems.push(`干预形式「合计」为 ${forms.total}，与记录数 ${records} 不等`);
  }
  if (situations.total !== records) {
    problems.push(`干预类型「合计」为 ${situations.total}，与记录数 ${records} 不等`);
  }
  // Each record names one person, so persons are at most the records and at least one of them.
  if (persons.total > records) {
    problems.push(`干预人员「合计」为 ${persons.total}，多于记录数 ${records}`);
  }
  if (records > 0 && persons.total === 0) {
    problems.push(`有 ${records} 条记录，干预人员「合计」却为 0`);
  }
  if (summary.zero !== (records === 0)) {
    problems.push(`零报告标记为 ${summary.zero}，与记录数 ${records} 不符`);
  }

  return problems;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
