/**
 * What the log holds of a yearly regional summary version: its status and the SM3 digest of
 * its state. `liuhen verify` recomputes the digest from the row (annualSummaryDigest), so a
 * figure, signature or seal edited behind the application's back no longer matches the last
 * event of that version.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { AnnualSummaryRow, Db } from '../platform/db/schema.js';
import type { Handler, Row } from '../verification/table-verification.js';

export type AnnualStatus = 'draft' | 'signed' | 'sealed' | 'submitted';

/** The signers of a yearly summary are those of the quarterly one (附件2's foot). */
export type AnnualSignerRole = 'ruleOfLawLeader' | 'principal';

export interface AnnualSignature {
  role: AnnualSignerRole;
  username: string;
  name: string;
  at: string;
}

/** Every column that says what the version is; compile and submit times are in the events. */
export function annualSummaryState(row: AnnualSummaryRow) {
  return {
    unit: row.unit,
    year: Number(row.year),
    version: Number(row.version),
    status: row.status,
    due: row.due,
    summary: JSON.parse(row.summary) as unknown,
    basisDigest: row.basis_digest,
    signatures: JSON.parse(row.signatures) as AnnualSignature[],
    seal: row.seal === null ? null : (JSON.parse(row.seal) as unknown),
    checkpointSize: row.checkpoint_size === null ? null : Number(row.checkpoint_size),
    daysLate: row.days_late === null ? null : Number(row.days_late),
  };
}

export function annualSummaryDigest(row: AnnualSummaryRow): string {
  return createHash('sm3')
    .update(canonicalJson(annualSummaryState(row)))
    .digest('hex');
}

/** The data every step's event carries: enough to replay the row's status and digest. */
export function annualEventData(row: AnnualSummaryRow, extra: Record<string, unknown> = {}) {
  return {
    summaryId: row.id,
    year: Number(row.year),
    version: Number(row.version),
    status: row.status,
    basisDigest: row.basis_digest,
    digest: annualSummaryDigest(row),
    ...extra,
  };
}

export const ANNUAL_EVENT_TYPES = ['compiled', 'signed', 'sealed', 'submitted'] as const;

/** How `liuhen verify` replays the yearly summary events (verification/table-verification.ts). */
export const annualHandlers: Record<string, Handler> = Object.fromEntries(
  ANNUAL_EVENT_TYPES.map((type) => [
    `annual.${type}`,
    ((s, d) =>
      s.merge('annual_summaries', d.summaryId, { status: d.status, digest: d.digest })) as Handler,
  ]),
);

export async function readAnnualTables(db: Db): Promise<Array<[string, Map<string, Row>]>> {
  const rows = await db.selectFrom('annual_summaries').selectAll().execute();

  return [
    [
      'annual_summaries',
      new Map(rows.map((r) => [r.id, { status: r.status, digest: annualSummaryDigest(r) }])),
    ],
  ];
}
