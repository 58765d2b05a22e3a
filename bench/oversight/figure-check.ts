/**
 * Holds the API's answers against the bare queries' rows, figure by figure, so the benchmark
 * compares two ways of computing the same thing. Throws on the first difference, naming it;
 * a benchmark whose baseline computes something else measures nothing.
 */
import type { RegionSummary } from '../../src/analysis/region-summary.js';
import type { ComplianceView } from '../../src/oversight/compliance.js';
import type { ComplianceTotals } from '../../src/oversight/compliance-status.js';
import type { BareComplianceRow, BareSummaryRow } from './bare-oversight.js';

export function checkSummary(label: string, api: RegionSummary, bare: BareSummaryRow[]): void {
  const differ = differences(label);
  const counts = (block: BareSummaryRow['block']) =>
    new Map(bare.filter((r) => r.block === block).map((r) => [String(r.row_key), Number(r.n)]));
  for (const block of ['persons', 'forms', 'situations'] as const)
    checkBlock(differ, block, api[block], counts(block));

  const records = [...counts('forms').values()].reduce((sum, n) => sum + n, 0);
  differ('records', api.records, records);
  differ('zero', api.zero, records === 0);
  differ('units', api.units, Number(counts('units').get('null') ?? 0));

  const reports = bare
    .filter((r) => r.block === 'reports')
    .map((r) => `${r.row_key}/${r.period}/${Number(r.n)}/${r.status}`)
    .sort();
  const listed = api.reports.map((r) => `${r.unit}/${r.period}/${r.version}/${r.status}`).sort();
  differ('counted reports', listed.length, reports.length);
  for (const [i, report] of listed.entries()) differ('counted report', report, reports[i]);
}

export function checkCompliance(label: string, api: ComplianceView, bare: BareComplianceRow[]) {
  const differ = differences(label);
  const byKey = new Map(bare.map((r) => [`${r.grain}/${r.unit}/${r.period}`, r]));
  const row = (key: string) => byKey.get(key) ?? differ(key, 'a row', 'none');
  differ('cells', api.units.length * api.periods.length, bare.filter(isCell).length);
  differ('reporting units', api.reportingUnits, bare.filter((r) => r.grain === 'unit').length);
  differ(
    'units expected',
    api.unitsExpected,
    bare.filter((r) => r.grain === 'unit' && Number(r.expected) > 0).length,
  );

  for (const unit of api.units) {
    checkTotals(differ, `unit ${unit.unit}`, unit.totals, row(`unit/${unit.unit}/null`)!);
    for (const cell of unit.cells) {
      const b = row(`cell/${unit.unit}/${cell.period}`)!;
      const at = `cell ${unit.unit}/${cell.period}`;
      differ(`${at} status`, cell.status, b.status);
      differ(`${at} late`, cell.late, Number(b.days_late) > 0);
      differ(`${at} days late`, cell.daysLate, Number(b.days_late));
      differ(`${at} first sent`, cell.firstSubmittedAt, b.first_submitted_at);
      differ(`${at} version`, cell.version, b.version === null ? null : Number(b.version));
      differ(`${at} returns`, cell.returns, Number(b.returns));
    }
  }
  for (const period of api.periods)
    checkTotals(
      differ,
      `quarter ${period.period}`,
      period.totals,
      row(`period/null/${period.period}`)!,
    );
  checkTotals(differ, 'region', api.totals, row('all/null/null')!);
}

type Differ = (what: string, api: unknown, bare: unknown) => undefined;

function differences(label: string): Differ {
  return (what, api, bare) => {
    if (api === bare) return undefined;

    const got = `API ${JSON.stringify(api)}, bare query ${JSON.stringify(bare)}`;
    throw new Error(`${label}: ${what} differs: got ${got}, want the same`);
  };
}

function checkBlock(
  differ: Differ,
  block: string,
  api: Record<string, number>,
  bare: Map<string, number>,
): void {
  for (const [row, count] of Object.entries(api)) {
    if (row !== 'total') differ(`${block} ${row}`, count, bare.get(row) ?? 0);
  }
  for (const row of bare.keys()) differ(`${block} row ${row}`, row in api, true);
  differ(
    `${block} total`,
    api.total,
    [...bare.values()].reduce((sum, n) => sum + n, 0),
  );
}

const totalColumns: Array<[keyof ComplianceTotals, keyof BareComplianceRow]> = [
  ['expected', 'expected'],
  ['submitted', 'submitted'],
  ['onTime', 'on_time'],
  ['late', 'late'],
  ['missing', 'missing'],
  ['pending', 'pending'],
  ['returned', 'returned'],
  ['accepted', 'accepted'],
  ['completeness', 'completeness'],
  ['timeliness', 'timeliness'],
];

function checkTotals(differ: Differ, at: string, api: ComplianceTotals, bare: BareComplianceRow) {
  for (const [field, column] of totalColumns) {
    const value = bare[column];
    differ(`${at} ${field}`, api[field], value === null ? null : Number(value));
  }
}

function isCell(row: BareComplianceRow): boolean {
  return row.grain === 'cell';
}
