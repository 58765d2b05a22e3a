/**
 * A chart in a card with its figures as a table behind 「查看数据表」: the same numbers for
 * anyone who cannot read the chart, for copying into a report, and for checking a bar.
 */
import { Button, Card, Table, type TableColumnsType } from 'antd';

import { useState } from 'react';
import { EChart } from './echart';
import type { ChartOption } from './echarts';

interface Props<Row> {
  id: string;
  title: string;
  option: ChartOption;
  height?: number;
  rows: Row[];
  columns: TableColumnsType<Row>;
  rowKey: keyof Row & string;
}

export function ChartPanel<Row extends object>(props: Props<Row>) {
  const { id, title, option, rows, columns, rowKey } = props;
  const [showTable, setShowTable] = useState(false);

  return (
    <Card
      size="small"
      title={title}
      data-testid={`chart-${id}`}
      extra={
        <Button
          size="small"
          type="link"
          aria-expanded={showTable}
          aria-controls={`table-${id}`}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? '收起数据表' : '查看数据表'}
        </Button>
      }
    >
      <EChart option={option} height={props.height ?? 300} label={title} testId={`echart-${id}`} />
      {showTable && (
        <Table<Row>
          id={`table-${id}`}
          size="small"
          pagination={false}
          rowKey={rowKey}
          dataSource={rows}
          columns={columns}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}
