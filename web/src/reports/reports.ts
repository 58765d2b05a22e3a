/**
 * Quarterly reports (附件2 with the ledger of 附件1) and the reviewer's inbox as the API shows
 * them, and the calls that compile, sign, seal, attach the scan, submit, accept and return a
 * report (domain README §7). Every call answers the whole report view again.
 */
import { ApiError, api } from '../api/client';
import { sessionApi } from '../session/session';

export const reportStatuses = [
  'draft',
  'signed',
  'sealed',
  'submitted',
  'returned',
  'accepted',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** What the inbox adds for a unit without a report: not due yet, due soon, overdue. */
export type InboxStatus = 'not-due' | 'due-soon' | 'missing' | ReportStatus;

export type ReportKind = 'regular' | 'resubmission' | 'supplementary';
export type SignerRole = 'ruleOfLawLeader' | 'principal';

/** The rows of 附件2's 干预形式 block, in the order of the form. */
export const summaryForms = ['oral', 'phone', 'qq', 'wechat', 'email', 'other'] as const;
export type SummaryForm = (typeof summaryForms)[number];

/** The three persons' levels of 附件2; a province deployment may add more keys. */
export const summaryLevels = ['county', 'township', 'other'] as const;

export interface CountBlock {
  [row: string]: number;
  total: number;
}

export interface ReportSummary {
  persons: CountBlock;
  forms: Record<SummaryForm | 'total', number>;
  /** By situation id (`2017-1`) of the rule version. */
  situations: CountBlock;
  records: number;
  /** 零报告: no records in the quarter. */
  zero: boolean;
}

export interface ReportWarnings {
  drafts: string[];
  awaitingWitness: string[];
  witnessGapReason?: string;
}

export interface ReportSignature {
  role: SignerRole;
  username: string;
  name: string;
  at: string;
  voided: { at: string; reason: string } | null;
}

export interface Integrity {
  ok: boolean;
  checkedAt: string;
  problems: string[];
}

export interface ReportVersion {
  id: string;
  version: number;
  kind: ReportKind;
  status: ReportStatus;
  due: string;
  summary: ReportSummary;
  ledger: string[];
  warnings: ReportWarnings;
  witnessGapReason: string | null;
  compiledAt: string;
  compiledBy: string;
  signatures: ReportSignature[];
  sealed: boolean;
  seal: { keyId: string; sealImage: string; statementDigest: string; signature: string } | null;
  scan: { sm3: string; mediaType: string } | null;
  checkpoint: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  late: boolean;
  daysLate: number;
  decidedAt: string | null;
  decidedBy: string | null;
  returnReason: string | null;
  integrity: Integrity | null;
}

/**
 * The report of a unit for a quarter: before the first compile a live preview (`compiled`
 * false, no versions); afterwards the latest version's fields at the top level.
 */
export interface Report extends Partial<ReportVersion> {
  unit: string;
  period: string;
  compiled: boolean;
  status: ReportStatus;
  due: string;
  summary: ReportSummary;
  ledger: string[];
  warnings: ReportWarnings;
  versions: ReportVersion[];
  late?: boolean;
  daysLate?: number;
}

export interface InboxRow {
  unit: string;
  name: string;
  status: InboxStatus;
  due: string;
  version: number | null;
  submittedAt: string | null;
  late: boolean;
  daysLate: number;
}

export interface Inbox {
  unit: string;
  period: string;
  due: string;
  units: InboxRow[];
}

export interface MatrixCell {
  period: string;
  status: InboxStatus;
  due: string;
  version: number | null;
  submittedAt: string | null;
  late: boolean;
  daysLate: number;
}

export interface Matrix {
  unit: string;
  periods: string[];
  units: { unit: string; name: string; cells: MatrixCell[] }[];
  counts: Partial<Record<InboxStatus, number>>;
}

const path = (unit: string, period: string) =>
  `/reports/${encodeURIComponent(unit)}/${encodeURIComponent(period)}`;

export const reportsApi = {
  read: (unit: string, period: string) => api.get<Report>(path(unit, period)),
  compile: (unit: string, period: string, witnessGapReason?: string) =>
    api.post<Report>(`${path(unit, period)}/compile`, witnessGapReason ? { witnessGapReason } : {}),
  sign: (unit: string, period: string, role: SignerRole, password: string) =>
    api.post<Report>(`${path(unit, period)}/signatures`, { role, password }),
  seal: (unit: string, period: string) => api.post<Report>(`${path(unit, period)}/seal`),
  /** The seal image of a unit, which sealing stamps on its summary (system administrator). */
  unitSeal: (unit: string, file: File) =>
    upload<{ unit: string; sm3: string; mediaType: string }>(`/units/${unit}/seal`, file),
  scan: (unit: string, period: string, file: File) =>
    upload<Report>(`${path(unit, period)}/scan`, file),
  submit: (unit: string, period: string) => api.post<Report>(`${path(unit, period)}/submit`),
  accept: (unit: string, period: string) => api.post<Report>(`${path(unit, period)}/accept`),
  return: (unit: string, period: string, reason: string) =>
    api.post<Report>(`${path(unit, period)}/return`, { reason }),
};

export const inboxApi = {
  read: (unit: string, period: string) =>
    api.get<Inbox>(`/inbox/${encodeURIComponent(unit)}`, { period }),
  matrix: (unit: string, from: string, to: string) =>
    api.get<Matrix>(`/inbox/${encodeURIComponent(unit)}/matrix`, { from, to }),
};

/**
 * Sends one file as multipart form data (field `file`). The JSON client cannot, so this reads
 * the CSRF token fresh from the session, as the evidence upload does.
 */
async function upload<T>(apiPath: string, file: File): Promise<T> {
  const { csrfToken } = await sessionApi.read();
  const body = new FormData();
  body.append('file', file, file.name);

  let response: Response;
  try {
    response = await fetch(`/api/v1${apiPath}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试');
  }
  if (response.ok) return (await response.json()) as T;

  const payload = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string } }
    | undefined;
  if (payload?.error?.code) {
    throw new ApiError(response.status, payload.error.code, payload.error.message ?? '上传失败');
  }
  if (response.status === 413) throw new ApiError(413, 'TOO_LARGE', '文件太大，超过了上传大小限制');

  throw new ApiError(response.status, 'HTTP_ERROR', `上传失败（${response.status}），请稍后重试`);
}
