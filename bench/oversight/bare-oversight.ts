/**
 * The baselines of the oversight benchmark: each view computed by one hand-written SQL query,
 * the least a database needs to produce the same figures. The query takes as given what is
 * configuration rather than data: the quarters with their due dates, today, the summary's
 * level rows and which statuses count.
 *
 * Both follow the services they stand for: the units whose reports reach the region through
 * `reports_to` (regional-summary.ts, reportingUnits), and for each unit and quarter the versions
 * sent. The summary reads the record columns kept "for filtering and summaries" (migration
 * 0003) rather than the JSON: a version once sent is frozen, so the records it lists are still
 * at the version it lists (records/record-service.ts, requireOpenQuarter).
 *
 * Reports and ledger lines are reached with `IN (SELECT …)` from the region's units: SQLite,
 * which the app never asks to ANALYZE, then walks the (unit, period, version) and (report_id,
 * seq) keys instead of scanning both tables, 7× faster for a province than a plain join.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Engine } from '../../src/platform/db/database.js';
import type { Schema } from '../../src/platform/db/schema.js';

/** One row of the bare summary: a count of a block's row, or one counted report. */
export interface BareSummaryRow {
  block: 'persons' | 'forms' | 'situations' | 'units' | 'reports';
  /** The row of the block; for `reports`, the unit. */
  row_key: string | null;
  /** The count; for `reports`, the version. */
  n: number;
  period: string | null;
  status: string | null;
}

export interface SummaryQuery {
  region: string;
  from: string;
  to: string;
  /** Last day of `to`, for the rule version in force. */
  toEnd: string;
  statuses: readonly string[];
  /** The summary's 「干预人员」 rows; a level not among them counts as `other`. */
  levels: readonly string[];
}

/**
 * The regional summary (附件2) in one query: the latest counted version of each unit's
 * quarter, the records those list, persons distinct across the region at the level of their
 * latest record, forms as 附件2 rows, situations mapped into the version in force at the end.
 */
export async function bareRegionSummary(
  db: Kysely<Schema>,
  engine: Engine,
  q: SummaryQuery,
): Promise<BareSummaryRow[]> {
  const { rows } = await sql<BareSummaryRow>`
    WITH RECURSIVE ${regionTree(q.region)},
    reporting AS (${reportingUnits}),
    counted AS MATERIALIZED (
      SELECT r.id, r.unit, r.period, r.version, r.status
      FROM reports r
      WHERE r.unit IN (SELECT code FROM reporting)
        AND r.period BETWEEN ${q.from} AND ${q.to} AND r.submitted_at IS NOT NULL
        AND r.status IN (${list(q.statuses)})
        AND NOT EXISTS (
          SELECT 1 FROM reports later
          WHERE later.unit = r.unit AND later.period = r.period AND later.version > r.version
            AND later.submitted_at IS NOT NULL AND later.status IN (${list(q.statuses)})
        )
    ),
    listed AS MATERIALIZED (
      SELECT d.id, d.interferer_id, d.level, d.form, d.channel, d.situation, d.occurred_at
      FROM report_records rr JOIN records d ON d.id = rr.record_id
      WHERE rr.report_id IN (SELECT id FROM counted)
    ),
    in_force AS (
      SELECT id FROM rule_versions WHERE effective_from <= ${q.toEnd}
      ORDER BY effective_from DESC LIMIT 1
    ),
    situation_rows AS (
      SELECT s.id AS from_id, s.id AS to_id FROM situations s
      WHERE s.version = (SELECT id FROM in_force)
      UNION ALL
      SELECT m.from_id, m.to_id FROM situation_mappings m
      JOIN situations s ON s.id = m.to_id
      WHERE s.version = (SELECT id FROM in_force)
    ),
    latest AS (
      SELECT level, ROW_NUMBER() OVER (
        PARTITION BY interferer_id
        ORDER BY occurred_at ${codepoint(engine)} DESC, id ${codepoint(engine)} DESC
      ) AS back
      FROM listed
    )
    SELECT 'persons' AS block,
      CASE WHEN level IN (${list(q.levels)}) THEN level ELSE 'other' END AS row_key,
      COUNT(*) AS n, NULL AS period, NULL AS status
    FROM latest WHERE back = 1 GROUP BY 2
    UNION ALL
    SELECT 'forms',
      CASE form WHEN 'oral' THEN 'oral' WHEN 'letter' THEN 'other' ELSE channel END,
      COUNT(*), NULL, NULL
    FROM listed GROUP BY 2
    UNION ALL
    SELECT 'situations', m.to_id, COUNT(*), NULL, NULL
    FROM listed l LEFT JOIN situation_rows m ON m.from_id = l.situation
    GROUP BY 2
    UNION ALL
    SELECT 'units', NULL, COUNT(DISTINCT unit), NULL, NULL FROM counted
    UNION ALL
    SELECT 'reports', unit, version, period, status FROM counted
  `.execute(db);

  return rows;
}

/** One row of the bare compliance view: a cell, or the totals of a unit, a quarter or all. */
export interface BareComplianceRow {
  grain: 'cell' | 'unit' | 'period' | 'all';
  unit: string | null;
  period: string | null;
  status: string | null;
  days_late: number | null;
  first_submitted_at: string | null;
  version: number | null;
  returns: number | null;
  expected: number | null;
  submitted: number | null;
  on_time: number | null;
  late: number | null;
  missing: number | null;
  pending: number | null;
  returned: number | null;
  accepted: number | null;
  completeness: number | null;
  timeliness: number | null;
}

export interface ComplianceQuery {
  region: string;
  from: string;
  to: string;
  quarters: ReadonlyArray<{ period: string; due: string }>;
  /** Beijing date the view is computed for. */
  today: string;
}

/**
 * The compliance view in one query: every reporting unit of the region (less a unit with no
 * bureau above) × every quarter, its state from the versions sent (lateness judged on the
 * first), and the counts and rates per unit, per quarter and overall.
 */
export async function bareCompliance(
  db: Kysely<Schema>,
  engine: Engine,
  q: ComplianceQuery,
): Promise<BareComplianceRow[]> {
  const quarters = sql.join(q.quarters.map((p) => sql`(${p.period}, ${p.due})`));
  const overdue = daysBetween(engine, sql`c.due`, sql`${q.today}`);
  const { rows } = await sql<BareComplianceRow>`
    WITH RECURSIVE ${regionTree(q.region)},
    reporters AS (${reportingUnits} AND u.reports_to IS NOT NULL),
    quarters (period, due) AS (VALUES ${quarters}),
    sent AS (
      SELECT r.unit, r.period, MIN(r.version) AS first, MAX(r.version) AS latest,
        SUM(CASE WHEN r.status = 'returned' THEN 1 ELSE 0 END) AS returns
      FROM reports r
      WHERE r.unit IN (SELECT code FROM reporters)
        AND r.period BETWEEN ${q.from} AND ${q.to} AND r.submitted_at IS NOT NULL
      GROUP BY r.unit, r.period
    ),
    quarter_state AS MATERIALIZED (
      SELECT s.unit, s.period, f.days_late AS first_late, f.submitted_at AS first_at,
        l.status AS last_status, s.latest AS version, s.returns
      FROM sent s
      JOIN reports f ON f.unit = s.unit AND f.period = s.period AND f.version = s.first
      JOIN reports l ON l.unit = s.unit AND l.period = s.period AND l.version = s.latest
    ),
    grid AS (
      SELECT u.code AS unit, p.period, p.due, s.last_status, s.first_late, s.first_at,
        s.version, s.returns, s.unit IS NOT NULL AS was_sent
      FROM reporters u CROSS JOIN quarters p
      LEFT JOIN quarter_state s ON s.unit = u.code AND s.period = p.period
    ),
    cells AS MATERIALIZED (
      SELECT unit, period, first_at, version, COALESCE(returns, 0) AS returns,
        CASE
          WHEN was_sent AND last_status IN ('submitted', 'returned', 'accepted') THEN last_status
          WHEN was_sent THEN 'submitted'
          WHEN ${overdue} > 0 THEN 'missing'
          ELSE 'not-due'
        END AS status,
        CASE
          WHEN was_sent THEN COALESCE(first_late, 0)
          WHEN ${overdue} > 0 THEN ${overdue}
          ELSE 0
        END AS days_late
      FROM grid c
    )
    SELECT 'cell' AS grain, unit, period, status, days_late, first_at AS first_submitted_at,
      version, returns, ${noCounts}
    FROM cells
    UNION ALL
    SELECT 'unit', unit, NULL, ${noCell}, ${counts} FROM cells GROUP BY unit
    UNION ALL
    SELECT 'period', NULL, period, ${noCell}, ${counts} FROM cells GROUP BY period
    UNION ALL
    SELECT 'all', NULL, NULL, ${noCell}, ${counts} FROM cells
  `.execute(db);

  return rows;
}

/** The region's bureau and every unit whose reports reach it through `reports_to`. */
function regionTree(region: string): RawBuilder<unknown> {
  return sql`tree (code) AS (
      SELECT code FROM units WHERE code = ${region}
      UNION
      SELECT u.code FROM units u JOIN tree t ON u.reports_to = t.code
    )`;
}

/** Of those, the active bureaus that keep a ledger (regional-summary.ts, RECORDING_KINDS). */
const reportingUnits = sql`SELECT u.code FROM units u JOIN tree t ON t.code = u.code
  WHERE u.active = 1 AND u.kind IN ('province', 'city', 'county')`;

const sent = sql`status IN ('submitted', 'returned', 'accepted')`;
const counts = sql`
  SUM(CASE WHEN status <> 'not-due' THEN 1 ELSE 0 END) AS expected,
  SUM(CASE WHEN ${sent} THEN 1 ELSE 0 END) AS submitted,
  SUM(CASE WHEN ${sent} AND days_late = 0 THEN 1 ELSE 0 END) AS on_time,
  SUM(CASE WHEN ${sent} AND days_late > 0 THEN 1 ELSE 0 END) AS late,
  SUM(CASE WHEN status = 'missing' THEN 1 ELSE 0 END) AS missing,
  SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END) AS pending,
  SUM(CASE WHEN status = 'returned' THEN 1 ELSE 0 END) AS returned,
  SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS accepted,
  ${rate(sql`${sent}`)} AS completeness,
  ${rate(sql`${sent} AND days_late = 0`)} AS timeliness`;
const noCell = sql`NULL, NULL, NULL, NULL, NULL`;
const noCounts = sql`NULL AS expected, NULL AS submitted, NULL AS on_time, NULL AS late,
  NULL AS missing, NULL AS pending, NULL AS returned, NULL AS accepted,
  NULL AS completeness, NULL AS timeliness`;

/** Cells meeting `condition` ÷ expected cells, as a double; null when none were expected. */
function rate(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  const expected = sql`SUM(CASE WHEN status <> 'not-due' THEN 1 ELSE 0 END)`;

  return sql`CASE WHEN ${expected} > 0
    THEN CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / ${expected}
  END`;
}

function list(values: readonly string[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

// What the two engines spell differently, in one place.

/** Order by code points, as JavaScript compares strings (summary.ts, isLater). */
function codepoint(engine: Engine): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`COLLATE "C"` : sql`COLLATE BINARY`;
}

/** Whole days from calendar date `a` to `b`, both `YYYY-MM-DD` text. */
function daysBetween(
  engine: Engine,
  a: RawBuilder<unknown>,
  b: RawBuilder<unknown>,
): RawBuilder<number> {
  return engine === 'postgres'
    ? sql<number>`(CAST(${b} AS date) - CAST(${a} AS date))`
    : sql<number>`CAST(julianday(${b}) - julianday(${a}) AS INTEGER)`;
}
