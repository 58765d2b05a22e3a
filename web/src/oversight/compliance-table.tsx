/**
 * Units × quarters of the compliance view. Each cell shows its state as an icon and in words
 * (缺报, 迟报 3 天…) besides the colour, so it reads in grey print and for colour-blind users;
 * a unit's name opens its reporting history.
 */
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  MinusCircleOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { quarterText } from '../reports/quarters';
import {
  type ComplianceCell,
  type ComplianceRow,
  type ComplianceStatus,
  type ComplianceView,
  complianceColors,
  complianceNames,
  rateText,
} from './oversight';

const icons: Record<ComplianceStatus, ReactNode> = {
  'not-due': <MinusCircleOutlined />,
  missing: <CloseCircleOutlined />,
  submitted: <ClockCircleOutlined />,
  returned: <RollbackOutlined />,
  accepted: <CheckCircleOutlined />,
};

interface Props {
  view: ComplianceView | undefined;
  loading: boolean;
  onOpen: (unit: string) => void;
}

export function ComplianceTable({ view, loading, onOpen }: Props) {
  const periods = view?.periods ?? [];
  const columns: TableColumnsType<ComplianceRow> = [
    {
      title: '单位',
      key: 'unit',
      fixed: 'left',
      width: 170,
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => onOpen(row.unit)}
          data-testid={`compliance-unit-${row.unit}`}
        >
          {row.name}
          {row.own ? '（本级）' : ''}
        </Button>
      ),
    },
    ...periods.map((p, i) => ({
      title: (
        <span title={`报送期限 ${p.due}`}>
          {quarterText(p.period)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            期限 {p.due}
          </Typography.Text>
        </span>
      ),
      key: p.period,
      render: (_: unknown, row: ComplianceRow) => row.cells[i] && <Cell cell={row.cells[i]} />,
    })),
    {
      title: '完整率',
      key: 'completeness',
      render: (_, row) => rateText(row.totals.completeness),
    },
    {
      title: '及时率',
      key: 'timeliness',
      render: (_, row) => rateText(row.totals.timeliness),
    },
  ];

  return (
    <Table<ComplianceRow>
      data-testid="compliance-table"
      rowKey="unit"
      size="small"
      bordered
      columns={columns}
      dataSource={view?.units ?? []}
      loading={loading}
      pagination={view && view.units.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '本地区没有报送单位' }}
    />
  );
}

function Cell({ cell }: { cell: ComplianceCell }) {
  const detail =
    cell.status === 'missing'
      ? `逾期 ${cell.daysLate} 天`
      : cell.status !== 'not-due' && cell.late
        ? `迟报 ${cell.daysLate} 天`
        : null;

  return (
    <span data-testid={`compliance-cell-${cell.period}`} data-status={cell.status}>
      <Tag icon={icons[cell.status]} color={complianceColors[cell.status]}>
        {complianceNames[cell.status]}
      </Tag>
      {detail && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {detail}
        </Typography.Text>
      )}
      {cell.returns > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          退回 {cell.returns} 次
        </Typography.Text>
      )}
    </span>
  );
}
