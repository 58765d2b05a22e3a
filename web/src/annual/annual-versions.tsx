/**
 * Every version of a bureau's yearly summary, newest first: its status, how many quarterly
 * reports it counts, when it was compiled and sent, lateness, the two signatures, and its 附件2
 * document as PDF or Excel. A sent version never changes; a correction is a new version.
 */
import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { beijingTime } from '../records/record-terms';
import { dateText } from '../reports/quarters';
import { signerNames } from '../reports/report-terms';
import { type AnnualVersion, annualLinks, annualStatusColors, annualStatusNames } from './annual';

interface Props {
  unit: string;
  year: number;
  versions: AnnualVersion[];
}

export function AnnualVersions({ unit, year, versions }: Props) {
  const columns: TableColumnsType<AnnualVersion> = [
    { title: '版本', key: 'version', render: (_, v) => `第 ${v.version} 版` },
    {
      title: '状态',
      key: 'status',
      render: (_, v) => (
        <Flex wrap gap={4}>
          <Tag color={annualStatusColors[v.status]} data-status={v.status}>
            {annualStatusNames[v.status]}
          </Tag>
          {v.daysLate ? <Tag color="red">逾期 {v.daysLate} 天</Tag> : null}
          {v.stale && <Tag color="gold">已过时</Tag>}
        </Flex>
      ),
    },
    { title: '截止日期', key: 'due', render: (_, v) => dateText(v.due) },
    { title: '汇总报告', key: 'reports', render: (_, v) => `${v.reports} 份` },
    {
      title: '编制',
      key: 'compiled',
      render: (_, v) => `${beijingTime(v.compiledAt)} ${v.compiledBy}`,
    },
    {
      title: '签字',
      key: 'signatures',
      render: (_, v) =>
        v.signatures.length === 0
          ? '—'
          : v.signatures.map((s) => (
              <div key={s.role}>
                {signerNames[s.role]} {s.name} {beijingTime(s.at)}
              </div>
            )),
    },
    {
      title: '报送',
      key: 'submitted',
      render: (_, v) =>
        v.submittedAt ? (
          <>
            {beijingTime(v.submittedAt)}
            {v.checkpointSize !== null && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                日志检查点：共 {v.checkpointSize} 条
              </Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '附件2',
      key: 'export',
      render: (_, v) => (
        <Flex gap="small">
          <Button
            size="small"
            href={annualLinks.summary(unit, year, 'pdf', v.version)}
            aria-label={`第 ${v.version} 版 PDF`}
          >
            PDF
          </Button>
          <Button
            size="small"
            href={annualLinks.summary(unit, year, 'xlsx', v.version)}
            aria-label={`第 ${v.version} 版 Excel`}
          >
            Excel
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Table<AnnualVersion>
      data-testid="annual-versions"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={versions}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚未编制' }}
    />
  );
}
