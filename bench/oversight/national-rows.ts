/**
 * The table rows of one reporting unit of the national data set, filled as the record and
 * report services fill them (record-service.ts; reports in national-reports.ts): the unit's
 * interferers; its records with every version and witness; each quarter's report versions and
 * the records they list at the version listed.
 *
 * Limitation: the signatures, seals and checkpoints are shaped like the real ones but signed
 * by nobody, and no log entries are written, so `liuhen verify` rejects the data set (it is a
 * fixture for reads; the read paths measured here never check them).
 */
import { addDays } from '../../src/calendar/beijing-time.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import { returnReason } from '../../src/demo/word-lists.js';
import type {
  InterfererTable,
  RecordRow,
  RecordVersionTable,
  RecordWitnessTable,
  ReportRecordTable,
  ReportRow,
} from '../../src/platform/db/schema.js';
import { nameKey } from '../../src/records/interferers.js';
import { contentDigest } from '../../src/records/record-service.js';
import { type PlannedVersion, planQuarter, type Quarter } from './national-quarters.js';
import {
  corrected,
  IdSource,
  type Person,
  type PlannedRecord,
  planPeople,
  planRecord,
} from './national-records.js';
import { type Listing, reportRows } from './national-reports.js';
import type { PlannedUnit } from './national-units.js';

export interface UnitRows {
  interferers: InterfererTable[];
  records: RecordRow[];
  recordVersions: RecordVersionTable[];
  witnesses: RecordWitnessTable[];
  reports: ReportRow[];
  reportRecords: ReportRecordTable[];
}

export interface UnitContext {
  quarters: readonly Quarter[];
  /** Beijing date the instance's clock stands on. */
  today: string;
  /** Expected records a quarter (before drafts and voided ones). */
  rate: number;
  /** The unit's account, recorder and filler alike, and the reviewer above. */
  account: { id: string; username: string };
  reviewer: string;
}

export function unitRows(random: SeededRandom, unit: PlannedUnit, context: UnitContext): UnitRows {
  const ids = new IdSource(unit.code);
  const people = planPeople(
    random,
    ids,
    unit,
    Math.max(4, Math.round((context.rate * context.quarters.length) / 6)),
    context.quarters.length,
  );
  const rows: UnitRows = {
    interferers: people.map((p) => interfererRow(unit, p)),
    records: [],
    recordVersions: [],
    witnesses: [],
    reports: [],
    reportRecords: [],
  };
  const log = { index: 0 };
  for (const quarter of context.quarters) {
    new QuarterRows(random, ids, unit, context, rows, log).add(quarter, people);
  }

  return rows;
}

/** The rows of one quarter, added to the unit's. */
class QuarterRows {
  private readonly digests = new Map<string, string>();

  constructor(
    private readonly random: SeededRandom,
    private readonly ids: IdSource,
    private readonly unit: PlannedUnit,
    private readonly context: UnitContext,
    private readonly rows: UnitRows,
    private readonly log: { index: number },
  ) {}

  add(quarter: Quarter, people: readonly Person[]): void {
    const planned = this.plannedRecords(quarter, people);
    const last = quarter.index === this.context.quarters.length - 1;
    const today = this.context.today;
    const plan = planQuarter(this.random, {
      due: quarter.due,
      today,
      last,
      records: planned.length,
    });
    const amended = plan.amendedAfter && planned.length > 0 ? this.random.pick(planned) : null;

    const supplement = plan.versions[1]?.kind === 'supplementary' ? plan.versions[1] : null;
    for (const record of planned) {
      // The supplement's late find is the last record, written down just before it is sent.
      const found = supplement && record === planned.at(-1);
      const created = found ? addHours(supplement.compiledAt, -30) : recordedAt(record);
      this.addRecord(quarter, record, created, record === amended ? plan.amendedAfter : null);
    }
    for (const version of plan.versions) {
      const listed = planned
        .slice(0, version.listed)
        .map((record) => this.listing(record, record === amended && version.version > 1 ? 2 : 1));
      this.addReport(quarter, version, listed);
    }
    this.addStrays(quarter, people, plan.versions.length === 0);
  }

  /** The quarter's records in ledger order: by interference time, then as recorded. */
  private plannedRecords(quarter: Quarter, people: readonly Person[]): PlannedRecord[] {
    const count = poisson(this.random, this.context.rate);
    const planned = Array.from({ length: count }, () => this.draw(quarter, people));

    return planned.sort((a, b) => (a.input.occurredAt < b.input.occurredAt ? -1 : 1));
  }

  private draw(quarter: Quarter, people: readonly Person[]): PlannedRecord {
    // The first people of the list come up far more often: the recurring interferers.
    const person = people[Math.floor(people.length * this.random.next() ** 2)]!;
    const date = addDays(quarter.start, this.random.int(0, quarter.days - 1));
    const when = { date, hour: this.random.int(8, 20), quarter: quarter.index };

    return planRecord(this.random, this.ids, this.unit, person, when);
  }

  /**
   * Drafts in quarters never sent, and now and then a record voided before sending: in the
   * table, never in a report.
   */
  private addStrays(quarter: Quarter, people: readonly Person[], unsent: boolean): void {
    const stray = (status: 'draft' | 'voided') => {
      const record = this.draw(quarter, people);
      const row = this.addRecord(quarter, record, recordedAt(record), null);
      row.status = status;
      row.signed_at = status === 'draft' ? null : row.signed_at;
      row.completed_at = null;
      if (status === 'voided') {
        row.voided_at = addHours(new Date(row.created_at), 24).toISOString();
        row.voided_by = this.context.account.username;
        row.void_reason = '重复记录，作废';
      }
    };
    if (unsent && this.random.chance(0.3)) stray('draft');
    if (this.random.chance(0.01)) stray('voided');
  }

  private addRecord(
    quarter: Quarter,
    record: PlannedRecord,
    created: Date,
    amendedAt: Date | null,
  ): RecordRow {
    const first = record.input;
    const latest = amendedAt ? corrected(first) : first;
    this.log.index += amendedAt ? 4 : 3;
    const at = (hours: number) => addHours(created, hours).toISOString();
    const row = {
      id: record.id,
      unit: this.unit.code,
      period: quarter.period,
      status: 'complete',
      recorder_id: this.context.account.id,
      interferer_id: record.person.id,
      rule_version: record.ruleVersion,
      occurred_at: first.occurredAt,
      form: first.form,
      channel: first.channel ?? null,
      situation: first.situation,
      level: first.interferer.level,
      data: JSON.stringify(latest),
      version: amendedAt ? 2 : 1,
      supplementary_late: 0,
      created_at: created.toISOString(),
      updated_at: (amendedAt ?? addHours(created, 26)).toISOString(),
      signed_at: at(1),
      completed_at: at(26),
      voided_at: null,
      voided_by: null,
      void_reason: null,
      log_index: this.log.index,
      imported_from: null,
      imported_row: null,
      imported_recorder: null,
    } satisfies RecordRow;
    this.rows.records.push(row);
    this.addVersion(row, 1, 'created', JSON.stringify(first), created, null);
    if (amendedAt) this.addVersion(row, 2, 'amended', row.data, amendedAt, returnReason);
    if (first.form === 'oral') {
      const witnesses = first.details.witnesses ?? [];
      for (const idx of witnesses.keys()) {
        this.rows.witnesses.push({ record_id: row.id, idx, username: null, confirmed_at: null });
      }
    }

    return row;
  }

  private addVersion(
    row: RecordRow,
    version: number,
    kind: string,
    data: string,
    at: Date,
    reason: string | null,
  ): void {
    const actor = this.context.account.username;
    this.rows.recordVersions.push({
      record_id: row.id,
      version,
      kind,
      data,
      reason,
      actor,
      at: at.toISOString(),
    });
  }

  private addReport(quarter: Quarter, planned: PlannedVersion, listed: Listing[]): void {
    this.log.index += planned.submittedAt ? 8 : 2;
    const { report, lines } = reportRows(
      this.random,
      {
        id: this.ids.next(),
        unit: this.unit.code,
        period: quarter.period,
        due: quarter.due,
        summary: quarter.summary,
        planned,
        filler: this.context.account.username,
        reviewer: this.context.reviewer,
        logSize: this.log.index,
      },
      listed,
    );
    this.rows.reports.push(report);
    this.rows.reportRecords.push(...lines);
  }

  /** A record as a version lists it: its content and digest at that version. */
  private listing(record: PlannedRecord, version: number): Listing {
    const key = `${record.id}/${version}`;
    const input = version === 1 ? record.input : corrected(record.input);
    let digest = this.digests.get(key);
    if (!digest) {
      digest = contentDigest(input);
      this.digests.set(key, digest);
    }

    return { record, version, input, digest, logIndex: this.log.index };
  }
}

function interfererRow(unit: PlannedUnit, person: Person): InterfererTable {
  // The registry keeps the post and level of the latest record (interferers.ts).
  const level = person.promotion?.level ?? person.level;

  return {
    id: person.id,
    unit: unit.code,
    name_key: nameKey(person.name),
    name: person.name,
    post: person.post,
    level,
    created_at: '2019-12-20T01:00:00.000Z',
  };
}

/** When the recorder wrote it down: one to twenty hours after the interference. */
function recordedAt(record: PlannedRecord): Date {
  const [date, hour = '12'] = record.input.occurredAt.split('T');
  const occurred = Date.parse(`${date}T${hour}:00:00+08:00`);

  return new Date(occurred + (1 + (record.id.charCodeAt(0) % 20)) * 3_600_000);
}

function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}

/** Knuth's method: exact and quick for the small means of records per quarter. */
function poisson(random: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let product = random.next();
  let count = 0;
  while (product > limit) {
    product *= random.next();
    count += 1;
  }

  return count;
}
