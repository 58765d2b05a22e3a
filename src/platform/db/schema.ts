/**
 * Table types for Kysely. Instants are ISO-8601 UTC text and booleans are 0/1 integers on
 * both engines, so rows read the same from SQLite and PostgreSQL.
 */
import type { Generated, Kysely, Selectable } from 'kysely';

export interface UnitTable {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  reports_to: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  password_hash: string;
  must_change_password: number;
  admin_role: string | null;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  password_changed_at: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A password an account used before (migration 0012). */
export interface PasswordHistoryTable {
  user_id: string;
  seq: number;
  password_hash: string;
  replaced_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
  unit: string;
  granted_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface RuleVersionTable {
  id: string;
  name: string;
  effective_from: string;
}

export interface SituationTable {
  id: string;
  version: string;
  item: number;
  label: string;
  text: string;
}

export interface SituationMappingTable {
  from_id: string;
  to_id: string;
}

export interface HolidayTable {
  date: string;
  name: string;
  workday: number;
}

/** The head of one append-only log: its size, locked while appending (see ledger). */
export interface LogTable {
  id: string;
  alg: string;
  size: number;
  created_at: string;
  /** The hashes of the perfect subtrees that tile [0, size), largest first, as one hex text. */
  frontier: Generated<string>;
}

export interface LogEntryTable {
  log_id: string;
  idx: number;
  type: string;
  actor: string | null;
  at: string;
  entry: string;
  leaf_hash: string;
}

export interface LogNodeTable {
  log_id: string;
  level: number;
  idx: number;
  hash: string;
}

export interface SigningKeyTable {
  id: string;
  alg: string;
  name: string;
  public_key: string;
  sealed_private_key: string;
  created_at: string;
  retired_at: string | null;
}

export interface CheckpointTable {
  id: string;
  log_id: string;
  size: number;
  root: string;
  at: string;
  key_id: string;
  note: string;
}

export interface InterfererTable {
  id: string;
  unit: string;
  name_key: string;
  name: string;
  post: string;
  level: string;
  created_at: string;
}

export interface RecordTable {
  id: string;
  unit: string;
  period: string;
  status: string;
  recorder_id: string;
  interferer_id: string;
  rule_version: string;
  occurred_at: string;
  form: string;
  channel: string | null;
  situation: string;
  level: string;
  data: string;
  version: number;
  supplementary_late: number;
  created_at: string;
  updated_at: string;
  signed_at: string | null;
  completed_at: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  log_index: number;
  /** SM3 of the Excel ledger the record was imported from; null for records made in Liuhen. */
  imported_from: string | null;
  /** The Excel row (first row of its band) the record came from. */
  imported_row: number | null;
  /** The 记录人 the imported ledger names (the paper signature), as written. */
  imported_recorder: string | null;
}

export interface RecordVersionTable {
  record_id: string;
  version: number;
  kind: string;
  data: string;
  reason: string | null;
  actor: string;
  at: string;
}

export interface RecordWitnessTable {
  record_id: string;
  idx: number;
  username: string | null;
  confirmed_at: string | null;
}

export interface RecordReadTable {
  record_id: string;
  username: string;
  at: string;
}

export interface EvidenceTable {
  id: string;
  record_id: string;
  role: string;
  name: string;
  media_type: string;
  kind: string;
  size: number;
  sm3: string;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
  superseded_at: string | null;
  superseded_by: string | null;
  supersede_reason: string | null;
}

export interface ReportTable {
  id: string;
  unit: string;
  period: string;
  version: number;
  kind: string;
  status: string;
  due: string;
  summary: string;
  ledger_digest: string;
  warnings: string;
  witness_gap_reason: string | null;
  compiled_at: string;
  compiled_by: string;
  seal: string | null;
  scan_sm3: string | null;
  scan_media_type: string | null;
  checkpoint: string | null;
  checkpoint_size: number | null;
  submitted_at: string | null;
  submitted_by: string | null;
  days_late: number | null;
  decided_at: string | null;
  decided_by: string | null;
  return_reason: string | null;
  integrity: string | null;
}

export interface ReportRecordTable {
  report_id: string;
  seq: number;
  record_id: string;
  record_version: number;
  digest: string;
  log_index: number;
}

export interface ReportSignatureTable {
  report_id: string;
  role: string;
  username: string;
  name: string;
  at: string;
  voided_at: string | null;
  void_reason: string | null;
}

export interface UnitSealTable {
  id: string;
  unit: string;
  sm3: string;
  media_type: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface NoticeTable {
  id: string;
  username: string;
  kind: string;
  unit: string;
  period: string;
  text: string;
  created_at: string;
  read_at: string | null;
}

/** A version of a bureau's yearly regional summary (migration 0011). */
export interface AnnualSummaryTable {
  id: string;
  unit: string;
  year: number;
  version: number;
  /** draft, signed (both leaders), sealed, submitted. */
  status: string;
  /** Beijing calendar date by which it is due. */
  due: string;
  /** JSON: the regional summary (附件2 counts) as compiled. */
  summary: string;
  /** JSON: the quarterly report versions the figures count, by unit and period. */
  basis: string;
  basis_digest: string;
  /** JSON list of { role, username, name, at }. */
  signatures: string;
  seal: string | null;
  checkpoint: string | null;
  checkpoint_size: number | null;
  compiled_at: string;
  compiled_by: string;
  submitted_at: string | null;
  submitted_by: string | null;
  days_late: number | null;
}

export interface ReferralTable {
  id: string;
  /** The bureau whose reviewer refers: the letter is theirs and its events go to its log. */
  bureau: string;
  /** 文号, e.g. 汴统移〔2020〕1号; unique within the bureau. */
  number: string;
  /** Beijing calendar date of the letter. */
  letter_date: string;
  /** JSON list of the addressees (主送). */
  addressees: string;
  copy_discipline: number;
  /** JSON list of the bodies copied (抄送), the discipline inspection bodies. */
  copy_to: string;
  /** JSON list of the ids of the records referred, in letter order. */
  record_ids: string;
  status: string;
  due_date: string | null;
  feedback_result: string | null;
  feedback_date: string | null;
  close_note: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  sent_at: string | null;
  feedback_at: string | null;
  closed_at: string | null;
}

export interface ReferralFileTable {
  id: string;
  referral_id: string;
  /** `attachment` (sent with the letter) or `feedback` (the reply received). */
  role: string;
  name: string;
  media_type: string;
  size: number;
  sm3: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ReferralRuleTable {
  level: string;
  addressee: string;
  copy_to: string;
  updated_at: string;
}

/** A follow-up of 责任追究 on a unit's quarter, recorded by a reviewer of `bureau`. */
export interface AccountabilityActionTable {
  id: string;
  bureau: string;
  unit: string;
  period: string;
  /** `notice` 发出通知, `talk` 约谈 or `result` 处理结果. */
  kind: string;
  /** Beijing calendar date of the action. */
  date: string;
  text: string;
  recorded_by: string;
  recorded_at: string;
}

/** A supervision check (监督检查) by bureau `unit` on a statistical body below it. */
export interface SupervisionCheckTable {
  id: string;
  unit: string;
  checked_on: string;
  body: string;
  body_unit: string | null;
  findings: string;
  requirements: string | null;
  rectify_by: string | null;
  /** `open`, `rectified` or `closed`. */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SupervisionUpdateTable {
  check_id: string;
  seq: number;
  status: string;
  date: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

export interface Schema {
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  settings: SettingTable;
  rule_versions: RuleVersionTable;
  situations: SituationTable;
  situation_mappings: SituationMappingTable;
  holidays: HolidayTable;
  logs: LogTable;
  log_entries: LogEntryTable;
  log_nodes: LogNodeTable;
  signing_keys: SigningKeyTable;
  checkpoints: CheckpointTable;
  interferers: InterfererTable;
  records: RecordTable;
  record_versions: RecordVersionTable;
  record_witnesses: RecordWitnessTable;
  record_reads: RecordReadTable;
  evidence: EvidenceTable;
  reports: ReportTable;
  report_records: ReportRecordTable;
  report_signatures: ReportSignatureTable;
  unit_seals: UnitSealTable;
  notices: NoticeTable;
  accountability_actions: AccountabilityActionTable;
  supervision_checks: SupervisionCheckTable;
  supervision_updates: SupervisionUpdateTable;
  referrals: ReferralTable;
  referral_files: ReferralFileTable;
  referral_rules: ReferralRuleTable;
  annual_summaries: AnnualSummaryTable;
  password_history: PasswordHistoryTable;
}

export type Db = Kysely<Schema>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type RecordRow = Selectable<RecordTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ReportRow = Selectable<ReportTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type AnnualSummaryRow = Selectable<AnnualSummaryTable>;
