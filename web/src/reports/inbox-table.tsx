/**
 * A reviewer's inbox for one quarter: every unit reporting to the bureau, with its status in
 * words (未报送 too), due date, version, when it was submitted and how late. A row opens the
 * unit's report for the quarter.
 */
import { Table, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { beijingTime } from '../records/record-terms';
import { dateText } from './quarters';
import { LateTag, ReportStatusTag } from './report-terms';
import { type InboxRow, inboxApi } from './reports';

export const reportPath = (unit: string, period: string) =>
  `/reports/${encodeURIComponent(unit)}/${encodeURIComponent(period)}`;

export function InboxTable({ bureau, period }: { bureau: string; period: string }) {
  const navigate = useNavigate();
  const inbox = useResource(`inbox:${bureau}:${period}`, () => inboxApi.read(bureau, period));

  const columns: TableColumnsType<InboxRow> = [
    {
      title: '单位',
      key: 'name',
      render: (_, row) => (
        <Link to={reportPath(row.unit, period)} onClick={(e) => e.stopPropagation()}>
          {row.name}
        </Link>
      ),
    },
    {
      title: '状态',
      key: 'status',
      render: (_, row) => (
        <>
          <ReportStatusTag status={row.status} testId={`inbox-status-${row.unit}`} />
          <LateTag late={row.late} daysLate={row.daysLate} />
        </>
      ),
    },
    { title: '截止日期', key: 'due', render: (_, row) => dateText(row.due) },
    {
      title: '版本',
      key: 'version',
      render: (_, row) => (row.version ? `第 ${row.version} 版` : '—'),
    },
    { title: '报送时间', key: 'submittedAt', render: (_, row) => beijingTime(row.submittedAt) },
  ];

  return (
    <>
      {inbox.error ? <LoadFailure error={inbox.error} onRetry={inbox.reload} /> : null}
      <Table<InboxRow>
        data-testid="inbox-table"
        rowKey="unit"
        size="middle"
        columns={columns}
        dataSource={inbox.data?.units ?? []}
        loading={inbox.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有向本单位报送的下级单位' }}
        onRow={(row) =>
          ({
            onClick: () => navigate(reportPath(row.unit, period)),
            style: { cursor: 'pointer' },
            'data-testid': `inbox-row-${row.unit}`,
          }) as object
        }
      />
    </>
  );
}
