/**
 * The oversight API as the web app uses it: the compliance view (制度执行情况) of a region, a
 * unit's reporting history, the accountability list (责任追究) with its follow-ups, and a
 * bureau's supervision checks (监督检查); with the Chinese words for their states.
 */

import type { AnnualComplianceCell } from '../annual/annual';
import { api } from '../api/client';

export type ComplianceStatus = 'not-due' | 'missing' | 'submitted' | 'returned' | 'accepted';

export interface ComplianceCell {
  period: string;
  due: string;
  status: ComplianceStatus;
  late: boolean;
  daysLate: number;
  firstSubmittedAt: string | null;
  version: number | null;
  returns: number;
}

export interface ComplianceTotals {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  returned: number;
  accepted: number;
  completeness: number | null;
  timeliness: number | null;
}

export interface ComplianceRow {
  unit: string;
  name: string;
  own: boolean;
  totals: ComplianceTotals;
  cells: ComplianceCell[];
}

export interface ComplianceView {
  region: { code: string; name: string };
  from: string;
  to: string;
  today: string;
  periods: Array<{ period: string; due: string; totals: ComplianceTotals }>;
  reportingUnits: number;
  unitsExpected: number;
  totals: ComplianceTotals;
  units: ComplianceRow[];
  /** The bureaus' yearly summaries, for the years whose four quarters lie in the range. */
  annual: AnnualComplianceCell[];
}

export type ActionKind = 'notice' | 'talk' | 'result';

export interface FollowUp {
  id: string;
  bureau: string;
  kind: ActionKind;
  date: string;
  text: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ReportVersion {
  version: number;
  kind: string;
  status: string;
  compiledAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  daysLate: number | null;
  decidedAt: string | null;
  decidedBy: string | null;
  returnReason: string | null;
}

export interface UnitHistory {
  unit: { code: string; name: string };
  from: string;
  to: string;
  totals: ComplianceTotals;
  quarters: Array<ComplianceCell & { versions: ReportVersion[]; actions: FollowUp[] }>;
}

export type Reason = 'missing' | 'late' | 'returned';

export interface AccountabilityItem extends ComplianceCell {
  unit: string;
  name: string;
  reasons: Reason[];
  returnedVersions: Array<{ version: number; at: string | null; reason: string | null }>;
  actions: FollowUp[];
}

export interface AccountabilityList {
  counts: { items: number; missing: number; late: number; returned: number; followedUp: number };
  items: AccountabilityItem[];
}

export type CheckStatus = 'open' | 'rectified' | 'closed';

export interface SupervisionCheck {
  id: string;
  unit: string;
  checkedOn: string;
  body: string;
  bodyUnit: string | null;
  findings: string;
  requirements: string | null;
  rectifyBy: string | null;
  status: CheckStatus;
  overdue: boolean;
  createdBy: string;
  updates: Array<{
    seq: number;
    status: CheckStatus;
    date: string;
    note: string;
    recordedBy: string;
  }>;
}

const region = (unit: string) => `/regions/${encodeURIComponent(unit)}`;
const checks = (unit: string) => `/units/${encodeURIComponent(unit)}/supervision`;

export const oversightApi = {
  compliance: (unit: string, from: string, to: string) =>
    api.get<ComplianceView>(`${region(unit)}/compliance`, { from, to }),
  exportUrl: (unit: string, from: string, to: string) =>
    `/api/v1${region(unit)}/compliance/export?from=${from}&to=${to}&format=xlsx`,
  history: (unit: string, code: string, from: string, to: string) =>
    api.get<UnitHistory>(`${region(unit)}/compliance/units/${encodeURIComponent(code)}`, {
      from,
      to,
    }),
  accountability: (unit: string, from: string, to: string) =>
    api.get<AccountabilityList>(`${region(unit)}/accountability`, { from, to }),
  recordAction: (
    unit: string,
    action: { unit: string; period: string; kind: ActionKind; date: string; text: string },
  ) => api.post<FollowUp>(`${region(unit)}/accountability/actions`, action),
  checks: (unit: string, filter: { status?: CheckStatus; overdue?: boolean }) =>
    api.get<{ checks: SupervisionCheck[] }>(checks(unit), {
      status: filter.status,
      overdue: filter.overdue ? 'true' : undefined,
    }),
  recordCheck: (unit: string, input: Record<string, string | undefined>) =>
    api.post<SupervisionCheck>(checks(unit), input),
  updateCheck: (
    unit: string,
    id: string,
    input: { status: CheckStatus; date: string; note: string },
  ) => api.post<SupervisionCheck>(`${checks(unit)}/${id}/updates`, input),
};

export const complianceNames: Record<ComplianceStatus, string> = {
  'not-due': '未到期',
  missing: '缺报',
  submitted: '已报待审',
  returned: '已退回',
  accepted: '已接收',
};

export const complianceColors: Record<ComplianceStatus, string> = {
  'not-due': 'default',
  missing: 'red',
  submitted: 'blue',
  returned: 'gold',
  accepted: 'green',
};

export const reasonNames: Record<Reason, string> = {
  missing: '缺报',
  late: '迟报',
  returned: '被退回',
};

export const actionNames: Record<ActionKind, string> = {
  notice: '发出通知',
  talk: '约谈',
  result: '处理结果',
};

export const checkNames: Record<CheckStatus, string> = {
  open: '整改中',
  rectified: '已整改',
  closed: '已办结',
};

export const checkColors: Record<CheckStatus, string> = {
  open: 'orange',
  rectified: 'blue',
  closed: 'green',
};

/** `0.8333` → `83.3%`; no rate yet (nothing due) → `—`. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Today in Beijing as `YYYY-MM-DD`, whatever the device's zone. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The Beijing date of a UTC instant as the API gives it (`2020-07-09T18:00:00.000Z`). */
export function beijingDay(instant: string): string {
  return beijingToday(new Date(instant));
}
