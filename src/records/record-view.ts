/**
 * A record as the API and exports show it: the fixed input shape plus what the server sets.
 * Built from the records row, its witnesses, evidence and reads.
 */
import type { EvidenceRow, RecordRow } from '../platform/db/schema.js';
import type { RecordInput, RecordStatus } from './record-schema.js';

export interface EvidenceView {
  id: string;
  name: string;
  mediaType: string;
  kind: string;
  role: 'evidence' | 'witness-signatures';
  size: number;
  sm3: string;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  superseded: { at: string; by: string; reason: string } | null;
}

export interface RecordView extends RecordInput {
  id: string;
  period: string;
  status: RecordStatus;
  ruleVersion: string;
  version: number;
  recorder: { username: string; name: string };
  interfererId: string;
  logIndex: number;
  createdAt: string;
  updatedAt: string;
  signedAt: string | null;
  completedAt: string | null;
  voided: { reason: string; at: string; by: string } | null;
  supplementaryLate: boolean;
  witnessConfirmations: Array<{ index: number; username: string; at: string }>;
  evidence: EvidenceView[];
  reads?: Array<{ username: string; at: string }>;
  /** For a record imported from an Excel ledger: the file's SM3, its row, the paper's 记录人. */
  imported?: { file: string; row: number; recorder: string };
}

export interface RecordParts {
  row: RecordRow;
  recorder: { username: string; name: string };
  witnesses: Array<{ idx: number; username: string | null; confirmed_at: string | null }>;
  evidence: EvidenceRow[];
  reads?: Array<{ username: string; at: string }>;
}

export function toRecordView({
  row,
  recorder,
  witnesses,
  evidence,
  reads,
}: RecordParts): RecordView {
  const input = JSON.parse(row.data) as RecordInput;

  return {
    ...input,
    id: row.id,
    period: row.period,
    status: row.status as RecordStatus,
    ruleVersion: row.rule_version,
    version: row.version,
    recorder,
    interfererId: row.interferer_id,
    logIndex: row.log_index,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedAt: row.signed_at,
    completedAt: row.completed_at,
    voided: row.voided_at
      ? { reason: row.void_reason ?? '', at: row.voided_at, by: row.voided_by ?? '' }
      : null,
    supplementaryLate: row.supplementary_late === 1,
    witnessConfirmations: witnesses
      .filter((w) => w.confirmed_at && w.username)
      .map((w) => ({ index: w.idx, username: w.username!, at: w.confirmed_at! })),
    evidence: evidence.map(toEvidenceView),
    ...(reads ? { reads } : {}),
    ...(row.imported_from
      ? {
          imported: {
            file: row.imported_from,
            row: row.imported_row ?? 0,
            recorder: row.imported_recorder ?? '',
          },
        }
      : {}),
  };
}

export function toEvidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.media_type,
    kind: row.kind,
    role: row.role as EvidenceView['role'],
    size: row.size,
    sm3: row.sm3,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
    superseded: row.superseded_at
      ? { at: row.superseded_at, by: row.superseded_by ?? '', reason: row.supersede_reason ?? '' }
      : null,
  };
}
