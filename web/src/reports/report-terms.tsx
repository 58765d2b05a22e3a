/**
 * How a report's coded values read in Chinese: its status, as a tag that also says it in words
 * (so a table stays readable without colour), the kind of a version, the signers' roles and
 * the lateness of a submission.
 */
import { Tag } from 'antd';
import type { InboxStatus, ReportKind, SignerRole } from './reports';

export const statusNames: Record<InboxStatus, string> = {
  'not-due': '未到期',
  'due-soon': '即将到期',
  missing: '未报送',
  draft: '草稿',
  signed: '已签字',
  sealed: '已盖章',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已接收',
};

export const statusColors: Record<InboxStatus, string> = {
  'not-due': 'default',
  'due-soon': 'gold',
  missing: 'red',
  draft: 'default',
  signed: 'blue',
  sealed: 'purple',
  submitted: 'cyan',
  returned: 'volcano',
  accepted: 'green',
};

/** The order of the statuses in counts and legends: from nothing done to accepted. */
export const inboxStatuses: InboxStatus[] = [
  'missing',
  'due-soon',
  'not-due',
  'draft',
  'signed',
  'sealed',
  'submitted',
  'returned',
  'accepted',
];

export const kindNames: Record<ReportKind, string> = {
  regular: '正常报送',
  resubmission: '退回后重报',
  supplementary: '补报',
};

export const signerNames: Record<SignerRole, string> = {
  ruleOfLawLeader: '分管统计法治负责人',
  principal: '主要负责人',
};

export function ReportStatusTag({ status, testId }: { status: InboxStatus; testId?: string }) {
  return (
    <Tag color={statusColors[status]} data-testid={testId} data-status={status}>
      {statusNames[status]}
    </Tag>
  );
}

/** `逾期 3 天` for a late submission (or a missing one past its due date), else nothing. */
export function LateTag({ late, daysLate }: { late?: boolean; daysLate?: number }) {
  if (!late && !daysLate) return null;

  return (
    <Tag color="red" data-testid="report-late">
      {daysLate ? `逾期 ${daysLate} 天` : '已逾期'}
    </Tag>
  );
}
