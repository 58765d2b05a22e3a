/**
 * Interference records (one row of 附件1) as the API takes and returns them, and the calls
 * that make, sign, confirm, amend and void them. The input shape is fixed: the same JSON is
 * written to the log, exported and printed, so the web app never invents fields of its own.
 */
import { api } from '../api/client';

export const forms = ['oral', 'letter', 'message'] as const;
export type InterferenceForm = (typeof forms)[number];

export const channels = ['phone', 'qq', 'wechat', 'email', 'other'] as const;
export type Channel = (typeof channels)[number];

/** 县处级, 乡科级, 其他; a province deployment adds 厅局级 and 省部级. */
export const levels = ['county', 'township', 'other', 'prefecture', 'province'] as const;
export type Level = (typeof levels)[number];

export const statuses = ['draft', 'signed', 'complete', 'voided'] as const;
export type RecordStatus = (typeof statuses)[number];

export interface Indicator {
  name: string;
  /** As the bureau writes it: 2020年二季度, 2020年5月. */
  period: string;
}

export interface CaseInfo {
  name: string;
  units?: string[];
  persons?: string[];
}

export interface Witness {
  name: string;
  post?: string;
  /** The witness's own account, when they have one; they confirm with it. */
  user?: string;
}

export interface RecordContent {
  indicators?: Indicator[];
  case?: CaseInfo;
  words?: string;
  description?: string;
  storageMedium?: string;
}

export interface RecordDetails {
  place?: string;
  witnesses?: Witness[];
  senderUnit?: string;
  phone?: string;
  qq?: string;
  wechat?: string;
  email?: string;
  otherSource?: string;
}

export interface Supplementary {
  /** Beijing calendar date, YYYY-MM-DD. */
  obstacleRemovedOn: string;
  reason: string;
}

export interface RecordInput {
  unit: string;
  office: string;
  /** Beijing time to the hour, `2020-05-12T15`; a letter may give the date only. */
  occurredAt: string;
  form: InterferenceForm;
  channel?: Channel;
  interferer: { name: string; post: string; level: Level };
  /** `2017-6`: rule version and item. */
  situation: string;
  content: RecordContent;
  details: RecordDetails;
  supplementary?: Supplementary;
  noEvidenceReason?: string;
}

export type TopLevelField = keyof RecordInput;

export const evidenceKinds = ['image', 'pdf', 'audio', 'video', 'document', 'text'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export type EvidenceRole = 'evidence' | 'witness-signatures';

export interface Evidence {
  id: string;
  name: string;
  mediaType: string;
  kind: EvidenceKind;
  role: EvidenceRole;
  size: number;
  sm3: string;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  superseded: { at: string; by: string; reason: string } | null;
}

export interface Person {
  username: string;
  name: string;
}

export interface InterferenceRecord extends RecordInput {
  id: string;
  /** The quarter of 干预时间, `2020Q2`. */
  period: string;
  status: RecordStatus;
  ruleVersion: string;
  version: number;
  recorder: Person;
  interfererId: string;
  logIndex: number;
  createdAt: string;
  updatedAt: string;
  signedAt: string | null;
  completedAt: string | null;
  voided: { reason: string; at: string; by: string } | null;
  supplementaryLate: boolean;
  witnessConfirmations: { index: number; username: string; at: string }[];
  evidence: Evidence[];
  /** Every read of the record; only the single-record answer carries it. */
  reads?: { username: string; name?: string; at: string }[];
}

export interface RecordQuery {
  unit?: string;
  period?: string;
  status?: RecordStatus;
  form?: InterferenceForm;
  situation?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface RecordPage {
  total: number;
  records: InterferenceRecord[];
}

export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface RecordVersion {
  version: number;
  kind: 'created' | 'draft-saved' | 'amended';
  at: string;
  actor: string;
  reason?: string;
  changes: FieldChange[];
}

export interface LogEvent {
  log: string;
  index: number;
  type: string;
  at: string;
  actor: string;
}

export interface RecordHistory {
  versions: RecordVersion[];
  events: LogEvent[];
}

const path = (id: string) => `/records/${encodeURIComponent(id)}`;

/** Where the browser downloads or previews files; plain links carry the session cookie. */
export const recordLinks = {
  evidence: (id: string, evidenceId: string) =>
    `/api/v1${path(id)}/evidence/${encodeURIComponent(evidenceId)}`,
  evidencePreview: (id: string, evidenceId: string) =>
    `${recordLinks.evidence(id, evidenceId)}?inline=1`,
  receipt: (id: string) => `/api/v1${path(id)}/receipt`,
  receiptPdf: (id: string) => `/api/v1${path(id)}/receipt?format=pdf`,
  evidenceUpload: (id: string) => `/api/v1${path(id)}/evidence`,
};

export const recordsApi = {
  list: (query: RecordQuery) => api.get<RecordPage>('/records', { ...query }),
  read: (id: string) => api.get<InterferenceRecord>(path(id)),
  create: (input: RecordInput) => api.post<InterferenceRecord>('/records', input),
  update: (id: string, input: Partial<RecordInput>) =>
    api.patch<InterferenceRecord>(path(id), input),
  sign: (id: string, password: string) =>
    api.post<InterferenceRecord>(`${path(id)}/sign`, { password }),
  confirmWitness: (id: string, password: string) =>
    api.post<InterferenceRecord>(`${path(id)}/witness-confirmations`, { password }),
  amend: (id: string, changes: Partial<RecordInput>, reason: string) =>
    api.post<InterferenceRecord>(`${path(id)}/amendments`, { changes, reason }),
  void: (id: string, reason: string) =>
    api.post<InterferenceRecord>(`${path(id)}/void`, { reason }),
  supersedeEvidence: (id: string, evidenceId: string, reason: string) =>
    api.post<void>(`${path(id)}/evidence/${encodeURIComponent(evidenceId)}/supersede`, {
      reason,
    }),
  history: (id: string) => api.get<RecordHistory>(`${path(id)}/history`),
};

/** The input part of a record view: what the form edits and an amendment compares. */
export function inputOf(record: InterferenceRecord): RecordInput {
  const input: RecordInput = {
    unit: record.unit,
    office: record.office,
    occurredAt: record.occurredAt,
    form: record.form,
    interferer: record.interferer,
    situation: record.situation,
    content: record.content ?? {},
    details: record.details ?? {},
  };
  if (record.channel) input.channel = record.channel;
  if (record.supplementary) input.supplementary = record.supplementary;
  if (record.noEvidenceReason) input.noEvidenceReason = record.noEvidenceReason;

  return input;
}
