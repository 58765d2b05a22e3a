/**
 * The national data set of the oversight benchmark, written straight into the tables: 3,000
 * reporting units under one national bureau, 40 quarters (2020Q1–2029Q4), about 500,000 records
 * and a report for nearly every unit and quarter. It is a fixture for measuring reads, so it
 * goes behind the API; the rows are those the services would have written (national-rows.ts)
 * and a sample of records is checked against the record schema and rules. The same seed gives
 * the same data set on every machine and engine.
 */
import { sql } from 'kysely';
import { hashPassword } from '../../src/auth/password.js';
import { beijingDate, daysBetween } from '../../src/calendar/beijing-time.js';
import { parsePeriod, periodDates } from '../../src/calendar/period.js';
import { SeededRandom } from '../../src/demo/seeded-random.js';
import { quartersBetween } from '../../src/documents/regional-summary.js';
import { dueDates } from '../../src/oversight/compliance.js';
import type { Context } from '../../src/platform/context.js';
import type { Schema } from '../../src/platform/db/schema.js';
import { checkRecord } from '../../src/records/record-rules.js';
import { type RecordInput, recordInputSchema } from '../../src/records/record-schema.js';
import { defaultLevels, provinceLevels } from '../../src/reports/summary-rows.js';
import { type Rules, readRules, versionInForce } from '../../src/rules/rules.js';
import { readSettings } from '../../src/settings/settings.js';
import { insertRows } from './bulk-insert.js';
import type { Quarter } from './national-quarters.js';
import { type UnitRows, unitRows } from './national-rows.js';
import { largestProvince, type PlannedUnit, planUnits } from './national-units.js';

export const RANGE = { from: '2020Q1', to: '2029Q4' } as const;

/**
 * The instance's clock stands here: every quarter of the range is past its deadline, so the
 * data set has 40 full quarters and the compliance figures do not depend on the day of the run.
 */
export const BENCH_NOW = new Date('2030-01-20T02:00:00Z');

export const REVIEWER_PASSWORD = 'Bench-Review-2030';

const FULL_UNITS = 3000;
const FULL_RECORDS = 500_000;
/** Units generated and written per transaction. */
const UNITS_PER_BATCH = 50;
/** Every this many records, one is checked against the record schema and rules. */
const CHECK_EVERY = 101;

export interface NationalDataSet {
  root: PlannedUnit;
  province: PlannedUnit;
  /** Reporting units in the province's subtree, the province included. */
  provinceUnits: number;
  reportingUnits: number;
  /** Reviewers of the root and of the province, who sign in with REVIEWER_PASSWORD. */
  reviewers: { root: string; province: string };
  rows: Record<'records' | 'recordVersions' | 'reports' | 'reportRecords', number>;
  ms: number;
}

/** The data set at `scale` (1 = national), written into the instance's empty database. */
export async function writeNationalDataSet(
  ctx: Context,
  scale: number,
  seed = 2030,
): Promise<NationalDataSet> {
  const start = performance.now();
  const random = new SeededRandom(seed);
  const units = planUnits(random.fork('units'), Math.max(4, Math.round(FULL_UNITS * scale)));
  const reporting = units.filter((u) => u.kind !== 'other');
  const quarters = await planQuarters(ctx);
  const rates = recordRates(reporting, (FULL_RECORDS * scale) / quarters.length);
  const accounts = await accountRows(ctx, units);
  await ctx.db.transaction().execute(async (trx) => {
    await insertRows(trx, ctx.engine, 'units', units.map(unitRow));
    await insertRows(trx, ctx.engine, 'users', accounts.users);
    await insertRows(trx, ctx.engine, 'user_roles', accounts.roles);
  });

  const rows = { records: 0, recordVersions: 0, reports: 0, reportRecords: 0 };
  const rules = await readRules(ctx);
  for (let at = 0; at < reporting.length; at += UNITS_PER_BATCH) {
    const batch = reporting.slice(at, at + UNITS_PER_BATCH).map((unit) =>
      unitRows(random.fork(`unit ${unit.code}`), unit, {
        quarters,
        today: beijingDate(BENCH_NOW),
        rate: rates.get(unit.code)!,
        account: accounts.byUnit.get(unit.code)!,
        reviewer: `v${unit.reportsTo}`,
      }),
    );
    checkSample(batch, rules);
    await writeBatch(ctx, batch);
    for (const key of Object.keys(rows) as Array<keyof typeof rows>)
      rows[key] += batch.reduce((sum, b) => sum + b[key].length, 0);
  }
  await settle(ctx);

  const province = largestProvince(units);
  return {
    root: units[0]!,
    province,
    provinceUnits: reporting.filter((u) => u.code.startsWith(province.code.slice(0, 2))).length,
    reportingUnits: reporting.length,
    reviewers: { root: `v${units[0]!.code}`, province: `v${province.code}` },
    rows,
    ms: performance.now() - start,
  };
}

/** The quarters of RANGE with their due dates and the summary options of their rule version. */
async function planQuarters(ctx: Context): Promise<Quarter[]> {
  const periods = quartersBetween(RANGE.from, RANGE.to);
  const dues = await dueDates(ctx, periods);
  const rules = await readRules(ctx);
  const levels = (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels;

  return periods.map((period, index) => {
    const { start, end } = periodDates(parsePeriod(period)!);
    const version = versionInForce(rules, end)!;
    return {
      period,
      index,
      start,
      days: daysBetween(start, end) + 1,
      due: dues.get(period)!,
      summary: {
        version: { id: version.id, situations: version.situations.map((s) => s.id) },
        mapping: rules.mapping,
        levels,
      },
    };
  });
}

/**
 * Records a quarter each unit makes on average: in proportion to its weight, a province's own
 * bureau twice a county's and a city's one and a half times, `perQuarter` in all.
 */
function recordRates(units: readonly PlannedUnit[], perQuarter: number): Map<string, number> {
  const factor = { province: 2, city: 1.5, county: 1, other: 0 };
  const weights = units.map((u) => u.weight * factor[u.kind]);
  const total = weights.reduce((sum, w) => sum + w, 0);

  return new Map(units.map((u, i) => [u.code, (perQuarter * weights[i]!) / total]));
}

/**
 * One account per reporting unit that records and fills (`u` + code), and one reviewer per
 * bureau that others report to (`v` + code). All share one password hash, made once.
 */
async function accountRows(ctx: Context, units: readonly PlannedUnit[]) {
  const hash = await hashPassword(REVIEWER_PASSWORD, ctx.config.scryptCost);
  const random = new SeededRandom(7);
  const bureaus = new Set(units.map((u) => u.reportsTo).filter((c) => c !== null));
  const users: Array<Schema['users']> = [];
  const roles: Array<Schema['user_roles']> = [];
  const byUnit = new Map<string, { id: string; username: string }>();
  const add = (unit: PlannedUnit, username: string, title: string, unitRoles: string[]) => {
    const id = `${username}-${Math.floor(random.next() * 2 ** 32).toString(16)}`;
    users.push(accountRow(id, username, `${unit.name}${title}`, unit.code, hash));
    for (const role of unitRoles) roles.push({ user_id: id, role, unit: unit.code, granted_at });
    return { id, username };
  };
  for (const unit of units) {
    if (unit.kind !== 'other') byUnit.set(unit.code, add(unit, `u${unit.code}`, '填报人', both));
    if (bureaus.has(unit.code)) add(unit, `v${unit.code}`, '审核人', ['reviewer']);
  }

  return { users, roles, byUnit };
}

const granted_at = '2019-12-20T01:00:00.000Z';
const both = ['recorder', 'filler'];

function accountRow(id: string, username: string, name: string, unit: string, hash: string) {
  return {
    id,
    username,
    name,
    unit,
    phone: null,
    email: null,
    password_hash: hash,
    must_change_password: 0,
    admin_role: null,
    active: 1,
    failed_attempts: 0,
    locked_until: null,
    password_changed_at: granted_at,
    last_sign_in_at: null,
    created_at: granted_at,
    updated_at: granted_at,
  };
}

function unitRow(unit: PlannedUnit): Schema['units'] {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parent: unit.reportsTo,
    reports_to: unit.reportsTo,
    active: 1,
    created_at: granted_at,
    updated_at: granted_at,
  };
}

/** The tables in the order their foreign keys allow. */
const tables: ReadonlyArray<readonly [keyof UnitRows, keyof Schema]> = [
  ['interferers', 'interferers'],
  ['records', 'records'],
  ['recordVersions', 'record_versions'],
  ['witnesses', 'record_witnesses'],
  ['reports', 'reports'],
  ['reportRecords', 'report_records'],
];

async function writeBatch(ctx: Context, batch: readonly UnitRows[]): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    for (const [key, table] of tables) {
      await insertRows(
        trx,
        ctx.engine,
        table,
        batch.flatMap((rows): object[] => rows[key]),
      );
    }
  });
}

/** Checks every CHECK_EVERY-th record as the record API would: schema, then the rules. */
function checkSample(batch: readonly UnitRows[], rules: Rules): void {
  const today = beijingDate(BENCH_NOW);
  const context = { rules, today, thisHour: `${today}T23` };
  const records = batch.flatMap((rows) => rows.records);
  for (let i = 0; i < records.length; i += CHECK_EVERY) {
    const input = JSON.parse(records[i]!.data) as RecordInput;
    const parsed = recordInputSchema.safeParse(input);
    const problems = parsed.success ? checkRecord(parsed.data, context) : parsed.error.issues;
    if (problems.length > 0) {
      const got = JSON.stringify(problems).slice(0, 300);
      throw new Error(`generated record ${records[i]!.id} is invalid: got ${got}, want none`);
    }
  }
}

/**
 * What a database that has been running a while has done: PostgreSQL's autovacuum has
 * analysed the tables, SQLite has folded its write-ahead log into the database file.
 */
async function settle(ctx: Context): Promise<void> {
  if (ctx.engine === 'postgres') await sql`ANALYZE`.execute(ctx.db);
  else await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
}
