/**
 * A bureau's annual duties (年度工作) as the API shows them: its yearly regional summary
 * (本地区汇总表, notice 第三条) with every version, the figures as they stand now, and the
 * checklist of what keeps the year open; the calls that compile, sign, seal and send it; and
 * the Chinese words for its states, shared with the compliance page.
 */
import { api } from '../api/client';
import type { ComplianceStatus } from '../oversight/oversight';
import type { ReportSummary, SignerRole } from '../reports/reports';

export type AnnualStatus = 'draft' | 'signed' | 'sealed' | 'submitted';

/** The 附件2 counts of the region, how many units reported and under which rule version. */
export interface AnnualFigures extends ReportSummary {
  units: number;
  ruleVersion: string;
}

export interface AnnualSignature {
  role: SignerRole;
  username: string;
  name: string;
  at: string;
}

export interface AnnualVersion {
  id: string;
  version: number;
  status: AnnualStatus;
  due: string;
  summary: AnnualFigures;
  /** How many quarterly reports the figures count. */
  reports: number;
  signatures: AnnualSignature[];
  sealed: boolean;
  compiledAt: string;
  compiledBy: string;
  submittedAt: string | null;
  daysLate: number | null;
  checkpointSize: number | null;
  /** Reports were accepted since it was compiled: it must be compiled again before signing. */
  stale: boolean;
}

/** A bureau's yearly summary in the compliance view (and in the checklist of the one above). */
export type AnnualComplianceStatus = 'not-due' | 'missing' | 'submitted';

export interface AnnualComplianceCell {
  unit: string;
  name: string;
  year: number;
  due: string;
  status: AnnualComplianceStatus;
  /** The latest version not yet sent; null when there is none. */
  progress: Exclude<AnnualStatus, 'submitted'> | null;
  late: boolean;
  /** Days the first sending was late, or for a missing summary the days overdue so far. */
  daysLate: number;
  firstSubmittedAt: string | null;
  version: number | null;
}

export interface AnnualChecklist {
  quarters: Array<{
    unit: string;
    name: string;
    open: Array<{ period: string; status: ComplianceStatus }>;
  }>;
  summaries: AnnualComplianceCell[];
  referrals: Array<{
    id: string;
    number: string;
    letterDate: string;
    dueDate: string | null;
    overdue: boolean;
  }>;
  complete: boolean;
}

export interface AnnualView {
  region: { code: string; name: string; kind: string };
  year: number;
  due: string;
  today: string;
  /** From 1 January of the next year the summary can be compiled. */
  yearOver: boolean;
  live: AnnualFigures;
  current: AnnualVersion | null;
  versions: AnnualVersion[];
  checklist: AnnualChecklist;
}

const path = (unit: string, year: number) => `/regions/${encodeURIComponent(unit)}/annual/${year}`;

export const annualApi = {
  read: (unit: string, year: number) => api.get<AnnualView>(path(unit, year)),
  compile: (unit: string, year: number) => api.post<AnnualView>(`${path(unit, year)}/compile`),
  sign: (unit: string, year: number, role: SignerRole, password: string) =>
    api.post<AnnualView>(`${path(unit, year)}/signatures`, { role, password }),
  seal: (unit: string, year: number) => api.post<AnnualView>(`${path(unit, year)}/seal`),
  submit: (unit: string, year: number) => api.post<AnnualView>(`${path(unit, year)}/submit`),
};

/** Downloads are plain links: the browser sends the session cookie with the GET. */
export const annualLinks = {
  summary: (unit: string, year: number, format: 'pdf' | 'xlsx', version?: number) =>
    `/api/v1${path(unit, year)}/export?format=${format}${version ? `&version=${version}` : ''}`,
  report: (unit: string, year: number) =>
    `/api/v1/regions/${encodeURIComponent(unit)}/annual-report?year=${year}`,
  page: (unit: string, year: number) => `/annual?unit=${encodeURIComponent(unit)}&year=${year}`,
};

export const annualStatusNames: Record<AnnualStatus, string> = {
  draft: '编制中',
  signed: '已签字',
  sealed: '已盖章',
  submitted: '已报送',
};

export const annualStatusColors: Record<AnnualStatus, string> = {
  draft: 'default',
  signed: 'blue',
  sealed: 'purple',
  submitted: 'green',
};

export const annualComplianceNames: Record<AnnualComplianceStatus, string> = {
  'not-due': '未到期',
  missing: '缺报',
  submitted: '已报送',
};

export const annualComplianceColors: Record<AnnualComplianceStatus, string> = {
  'not-due': 'default',
  missing: 'red',
  submitted: 'green',
};

/**
 * The timing of a summary in words, so a table reads without its colours: 按时 or 逾期 N 天
 * for one sent, 逾期 N 天 for one missing, 截止 … for one not yet due.
 */
export function annualTimingText(cell: AnnualComplianceCell): string {
  if (cell.status === 'submitted') return cell.late ? `逾期 ${cell.daysLate} 天` : '按时';
  if (cell.status === 'missing') return `逾期 ${cell.daysLate} 天`;

  return `截止 ${cell.due}`;
}

/** The last year that has ended in Beijing: the one whose summary is due now. */
export function lastYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() - 1;
}
