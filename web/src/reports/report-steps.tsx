/**
 * Where a quarter's report stands: 编制 → 签字 → 盖章 → 报送 → 接收 (domain README §7). A
 * returned report ends on a red 接收 step until it is compiled again as a new version.
 */
import { Grid, Steps, type StepsProps } from 'antd';
import { beijingTime } from '../records/record-terms';
import type { Report, ReportStatus } from './reports';

// The step in progress for each status; an accepted report has finished the last one.
const stepOf: Record<ReportStatus, number> = {
  draft: 1,
  signed: 2,
  sealed: 3,
  submitted: 4,
  returned: 4,
  accepted: 4,
};

export function ReportSteps({ report }: { report: Report }) {
  const compact = !Grid.useBreakpoint().md;
  const current = report.compiled ? stepOf[report.status] : 0;
  const signed = (report.signatures ?? []).filter((s) => !s.voided).length;
  const items: NonNullable<StepsProps['items']> = [
    { title: '编制', content: report.compiled ? beijingTime(report.compiledAt) : '待编制' },
    { title: '签字', content: report.compiled ? `${signed}/2 位负责人` : undefined },
    { title: '盖章', content: report.sealed ? '已加盖公章' : undefined },
    { title: '报送', content: report.submittedAt ? beijingTime(report.submittedAt) : undefined },
    { title: '接收', content: decisionText(report) },
  ];

  return (
    <Steps
      size="small"
      orientation={compact ? 'vertical' : 'horizontal'}
      current={current}
      status={statusOf(report)}
      data-testid="report-steps"
      data-status={report.compiled ? report.status : 'uncompiled'}
      items={items}
    />
  );
}

function statusOf(report: Report): StepsProps['status'] {
  if (report.status === 'returned') return 'error';
  if (report.status === 'accepted') return 'finish';

  return 'process';
}

function decisionText(report: Report): string | undefined {
  if (report.status === 'accepted') return `已接收 ${beijingTime(report.decidedAt)}`;
  if (report.status === 'returned') return `已退回 ${beijingTime(report.decidedAt)}`;
  if (report.status === 'submitted') return '待上级接收';

  return undefined;
}
