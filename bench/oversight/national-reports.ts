/**
 * The report rows of the national data set: one version of a unit's quarter as compileReport,
 * sealReport, submitReport and decideReport leave it (report-service.ts, report-submission.ts),
 * with its summary and ledger digest computed from what it lists, and its ledger lines.
 */
import { createHash } from 'node:crypto';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import { returnReason } from '../../src/demo/word-lists.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import type { ReportRecordTable, ReportRow } from '../../src/platform/db/schema.js';
import type { RecordInput } from '../../src/records/record-schema.js';
import { computeSummary, type SummaryOptions } from '../../src/reports/summary.js';
import type { PlannedVersion } from './national-quarters.js';
import type { PlannedRecord } from './national-records.js';

/** One ledger line: a record with its content at the version the report lists. */
export interface Listing {
  record: PlannedRecord;
  version: number;
  input: RecordInput;
  digest: string;
  logIndex: number;
}

export interface ReportVersion {
  id: string;
  unit: string;
  period: string;
  due: string;
  summary: SummaryOptions;
  planned: PlannedVersion;
  /** The unit's filler, and the reviewer of the bureau above who decides. */
  filler: string;
  reviewer: string;
  /** Size of the unit's log when the version was sent, for its checkpoint. */
  logSize: number;
}

export function reportRows(
  random: SeededRandom,
  version: ReportVersion,
  listed: readonly Listing[],
): { report: ReportRow; lines: ReportRecordTable[] } {
  const { planned } = version;
  const ledger = listed.map((l, i) => ({
    seq: i + 1,
    recordId: l.record.id,
    recordVersion: l.version,
    digest: l.digest,
    logIndex: l.logIndex,
  }));
  const summary = computeSummary(listed.map(summaryRecordOf), version.summary);
  const report: ReportRow = {
    id: version.id,
    unit: version.unit,
    period: version.period,
    version: planned.version,
    kind: planned.kind,
    status: planned.status,
    due: version.due,
    summary: JSON.stringify(summary),
    ledger_digest: createHash('sm3').update(canonicalJson(ledger)).digest('hex'),
    warnings: JSON.stringify({ drafts: [], awaitingWitness: [] }),
    witness_gap_reason: null,
    compiled_at: planned.compiledAt.toISOString(),
    compiled_by: version.filler,
    ...(planned.submittedAt ? sent(random, version, planned.submittedAt) : unsent),
    decided_at: planned.decidedAt?.toISOString() ?? null,
    decided_by: planned.decidedAt ? version.reviewer : null,
    return_reason: planned.status === 'returned' ? returnReason : null,
    integrity: null,
  };
  const lines = ledger.map((entry) => ({
    report_id: version.id,
    seq: entry.seq,
    record_id: entry.recordId,
    record_version: entry.recordVersion,
    digest: entry.digest,
    log_index: entry.logIndex,
  }));

  return { report, lines };
}

/** Seal, scan and checkpoint of a sent version: the shape and size of real ones. */
function sent(random: SeededRandom, version: ReportVersion, submittedAt: Date) {
  const hex = (bytes: number) => hexOf(random, bytes);
  const size = version.logSize;
  const root = Buffer.from(hex(32), 'hex').toString('base64');
  const signature = Buffer.from(hex(64), 'hex').toString('base64');
  const seal = { keyId: 'bench-key', sealImage: hex(32), statementDigest: hex(32), signature };

  return {
    seal: JSON.stringify(seal),
    scan_sm3: random.chance(0.8) ? hex(32) : null,
    scan_media_type: 'application/pdf',
    checkpoint: `liuhen/${version.unit}\n${size}\n${root}\n\n— liuhen-bench ${signature}\n`,
    checkpoint_size: size,
    submitted_at: submittedAt.toISOString(),
    submitted_by: version.filler,
    days_late: version.planned.daysLate,
  };
}

const unsent = {
  seal: null,
  scan_sm3: null,
  scan_media_type: null,
  checkpoint: null,
  checkpoint_size: null,
  submitted_at: null,
  submitted_by: null,
  days_late: null,
};

/** What computeSummary needs of a listed record (report-ledger.ts, summaryRecord). */
function summaryRecordOf({ record, input }: Listing) {
  return {
    id: record.id,
    interfererId: record.person.id,
    level: input.interferer.level,
    form: input.form,
    ...(input.channel ? { channel: input.channel } : {}),
    situation: input.situation,
    occurredAt: input.occurredAt,
  };
}

function hexOf(random: SeededRandom, bytes: number): string {
  let hex = '';
  while (hex.length < bytes * 2) {
    hex += Math.floor(random.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  }

  return hex.slice(0, bytes * 2);
}
