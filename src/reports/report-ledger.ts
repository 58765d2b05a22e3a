/**
 * The ledger (附件1) and summary (附件2) of a unit's quarter as they stand now: every signed,
 * non-voided record whose interference time falls in the quarter, numbered 序号 1…n in time
 * order, with the summary computed from them; plus what the filler must know before sending.
 */
import { createHash } from 'node:crypto';
import { type Period, periodDates } from '../calendar/period.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { Context } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';
import type { RecordInput } from '../records/record-schema.js';
import { contentDigest } from '../records/record-service.js';
import { readRules, versionInForce } from '../rules/rules.js';
import { readSettings } from '../settings/settings.js';
import { computeSummary, type Summary } from './summary.js';
import { defaultLevels, provinceLevels } from './summary-rows.js';

export interface LedgerEntry {
  seq: number;
  recordId: string;
  recordVersion: number;
  digest: string;
  logIndex: number;
}

export interface QuarterState {
  ledger: LedgerEntry[];
  summary: Summary;
  /** SM3 over the ledger: any change to a listed record, or the list, changes it. */
  ledgerDigest: string;
  /** Drafts of the quarter (a warning) and records waiting for a witness (blocks sending). */
  drafts: string[];
  awaitingWitness: string[];
  ruleVersion: string;
}

/** Signed and complete records count; drafts and voided ones do not. */
const COUNTED = ['signed', 'complete'];

export async function quarterState(
  ctx: Context,
  unit: string,
  period: Period,
  label: string,
): Promise<QuarterState> {
  const rows = await ctx.db
    .selectFrom('records')
    .selectAll()
    .where('unit', '=', unit)
    .where('period', '=', label)
    .orderBy('occurred_at')
    .orderBy('created_at')
    .execute();
  const counted = rows.filter((r) => COUNTED.includes(r.status));
  const rules = await readRules(ctx);
  // The rows of 「干预类型」 are those of the version in force at the quarter's end; records made
  // under an older version are mapped (domain reference §2).
  const version = versionInForce(rules, periodDates(period).end)!;
  const summary = computeSummary(counted.map(summaryRecord), {
    version: { id: version.id, situations: version.situations.map((s) => s.id) },
    mapping: rules.mapping,
    levels: (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels,
  });
  const ledger = counted.map((row, i) => ledgerEntry(row, i + 1));

  return {
    ledger,
    summary,
    ledgerDigest: createHash('sm3').update(canonicalJson(ledger)).digest('hex'),
    drafts: rows.filter((r) => r.status === 'draft').map((r) => r.id),
    awaitingWitness: rows.filter((r) => r.status === 'signed').map((r) => r.id),
    ruleVersion: version.id,
  };
}

function ledgerEntry(row: RecordRow, seq: number): LedgerEntry {
  const input = JSON.parse(row.data) as RecordInput;

  return {
    seq,
    recordId: row.id,
    recordVersion: row.version,
    digest: contentDigest(input),
    logIndex: row.log_index,
  };
}

/** What the summary needs of a record row (its data as of the version the row carries). */
export function summaryRecord(row: RecordRow) {
  const input = JSON.parse(row.data) as RecordInput;

  return {
    id: row.id,
    interfererId: row.interferer_id,
    level: row.level,
    form: input.form,
    ...(input.channel ? { channel: input.channel } : {}),
    situation: row.situation,
    occurredAt: row.occurred_at,
  };
}
