/**
 * Every version of a quarter's report, newest first: its kind (正常报送, 退回后重报, 补报),
 * status, when it was compiled, submitted and decided, lateness, the return reason, and the
 * signatures with the reason of any that were voided.
 */
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { beijingTime } from '../records/record-terms';
import { dateText } from './quarters';
import { kindNames, LateTag, ReportStatusTag, signerNames } from './report-terms';
import type { ReportSignature, ReportVersion } from './reports';

export function ReportVersions({ versions }: { versions: ReportVersion[] }) {
  const columns: TableColumnsType<ReportVersion> = [
    { title: '版本', key: 'version', render: (_, v) => `第 ${v.version} 版` },
    { title: '类型', key: 'kind', render: (_, v) => kindNames[v.kind] ?? v.kind },
    {
      title: '状态',
      key: 'status',
      render: (_, v) => (
        <>
          <ReportStatusTag status={v.status} />
          <LateTag late={v.late} daysLate={v.daysLate} />
        </>
      ),
    },
    { title: '截止日期', key: 'due', render: (_, v) => dateText(v.due) },
    {
      title: '编制',
      key: 'compiled',
      render: (_, v) => `${beijingTime(v.compiledAt)} ${v.compiledBy}`,
    },
    {
      title: '报送',
      key: 'submitted',
      render: (_, v) =>
        v.submittedAt ? `${beijingTime(v.submittedAt)} ${v.submittedBy ?? ''}` : '—',
    },
    {
      title: '接收/退回',
      key: 'decided',
      render: (_, v) =>
        v.decidedAt ? (
          <>
            {beijingTime(v.decidedAt)} {v.decidedBy}
            {v.returnReason && (
              <div data-testid="report-return-reason-shown">
                <Typography.Text type="danger">退回原因：{v.returnReason}</Typography.Text>
              </div>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '签字',
      key: 'signatures',
      render: (_, v) => <Signatures signatures={v.signatures} />,
    },
  ];

  return (
    <Table<ReportVersion>
      data-testid="report-versions"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...versions].reverse()}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚未编制' }}
    />
  );
}

function Signatures({ signatures }: { signatures: ReportSignature[] }) {
  if (signatures.length === 0) return <>—</>;

  return (
    <>
      {signatures.map((s) => (
        <div
          key={`${s.role}-${s.at}`}
          data-testid="report-signature"
          data-voided={Boolean(s.voided)}
        >
          {signerNames[s.role]} {s.name} {beijingTime(s.at)}
          {s.voided && (
            <>
              {' '}
              <Tag color="red">已失效</Tag>
              <Typography.Text type="secondary">{s.voided.reason}</Typography.Text>
            </>
          )}
        </div>
      ))}
    </>
  );
}
