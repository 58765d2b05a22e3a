/**
 * Units × quarters for a reviewer: each cell says the status in words as well as colour (so it
 * reads in grey print or for colour-blind users), with the days late, and opens that unit's
 * report for the quarter. Above it, how many cells are in each status.
 */
import { Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { reportPath } from './inbox-table';
import { quarterText } from './quarters';
import { inboxStatuses, statusColors, statusNames } from './report-terms';
import { inboxApi, type Matrix, type MatrixCell } from './reports';

type MatrixRow = Matrix['units'][number];

interface Props {
  bureau: string;
  from: string;
  to: string;
}

export function InboxMatrix({ bureau, from, to }: Props) {
  const navigate = useNavigate();
  const matrix = useResource(`matrix:${bureau}:${from}:${to}`, () =>
    inboxApi.matrix(bureau, from, to),
  );
  const periods = matrix.data?.periods ?? [];

  const columns: TableColumnsType<MatrixRow> = [
    { title: '单位', dataIndex: 'name', fixed: 'left', width: 140 },
    ...periods.map((period, i) => ({
      title: quarterText(period),
      key: period,
      render: (_: unknown, row: MatrixRow) => {
        const cell = row.cells[i];
        return cell && <Cell cell={cell} onOpen={() => navigate(reportPath(row.unit, period))} />;
      },
    })),
  ];

  return (
    <>
      {matrix.error ? <LoadFailure error={matrix.error} onRetry={matrix.reload} /> : null}
      <Flex wrap gap="small" style={{ marginBottom: 12 }} data-testid="inbox-counts">
        {inboxStatuses
          .filter((status) => matrix.data?.counts[status])
          .map((status) => (
            <Tag key={status} color={statusColors[status]} data-testid={`inbox-count-${status}`}>
              {statusNames[status]} {matrix.data?.counts[status]}
            </Tag>
          ))}
      </Flex>
      <Table<MatrixRow>
        data-testid="inbox-matrix"
        rowKey="unit"
        size="small"
        bordered
        columns={columns}
        dataSource={matrix.data?.units ?? []}
        loading={matrix.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有向本单位报送的下级单位' }}
      />
    </>
  );
}

function Cell({ cell, onOpen }: { cell: MatrixCell; onOpen: () => void }) {
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid={`matrix-cell-${cell.period}`}
      data-status={cell.status}
      title={`${statusNames[cell.status]}，截止 ${cell.due}`}
      style={{ all: 'unset', cursor: 'pointer', display: 'block' }}
    >
      <Tag color={statusColors[cell.status]} style={{ marginInlineEnd: 0 }}>
        {statusNames[cell.status]}
      </Tag>
      {cell.daysLate > 0 && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          逾期 {cell.daysLate} 天
        </Typography.Text>
      )}
    </button>
  );
}
