/**
 * 本地区年度汇总表 on the compliance page: for each bureau of the region and each year whose four
 * quarters lie in the range, whether its yearly summary was sent on time, late, is missing or
 * not due yet, and how far an unsent version has come — in words, each linking to that
 * bureau's year on the annual page.
 */
import { Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type AnnualComplianceCell, annualLinks } from '../annual/annual';
import { AnnualComplianceTag, annualProgressText } from '../annual/annual-compliance-tag';
import { beijingTime } from '../records/record-terms';
import { dateText } from '../reports/quarters';

export function AnnualComplianceList({ cells }: { cells: AnnualComplianceCell[] | undefined }) {
  if (cells && cells.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="annual-compliance-none">
        所选季度范围包含某一年的一至四季度时，这里列出各统计局该年度的本地区汇总表。
      </Typography.Text>
    );
  }

  const columns: TableColumnsType<AnnualComplianceCell> = [
    {
      title: '统计局',
      key: 'unit',
      render: (_, cell) => (
        <Link
          to={annualLinks.page(cell.unit, cell.year)}
          data-testid={`annual-compliance-link-${cell.unit}-${cell.year}`}
        >
          {cell.name}
        </Link>
      ),
    },
    { title: '年度', key: 'year', render: (_, cell) => `${cell.year}年度` },
    { title: '报送截止', key: 'due', render: (_, cell) => dateText(cell.due) },
    { title: '报送情况', key: 'status', render: (_, cell) => <AnnualComplianceTag cell={cell} /> },
    { title: '进度', key: 'progress', render: (_, cell) => annualProgressText(cell) },
    {
      title: '首次报送',
      key: 'first',
      render: (_, cell) => (cell.firstSubmittedAt ? beijingTime(cell.firstSubmittedAt) : '—'),
    },
    {
      title: '已报送版本',
      key: 'version',
      render: (_, cell) => (cell.version ? `第 ${cell.version} 版` : '—'),
    },
  ];

  return (
    <Table<AnnualComplianceCell>
      data-testid="annual-compliance-table"
      rowKey={(cell) => `${cell.unit}/${cell.year}`}
      size="small"
      columns={columns}
      dataSource={cells ?? []}
      loading={!cells}
      pagination={cells && cells.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}
