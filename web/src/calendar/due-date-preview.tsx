/**
 * The due dates of this year's four quarters under the current settings and holiday table,
 * so an administrator sees at once what a change of the deadline rules means.
 */
import { Card, Table } from 'antd';
import dayjs from 'dayjs';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { calendarApi, type PeriodCalendar, quartersOf } from './calendar';

const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** `version` changes whenever the settings or holidays it depends on were saved. */
export function DueDatePreview({ version = 0 }: { version?: number }) {
  const year = dayjs().year();
  const calendars = useResource(`due-dates-${year}-${version}`, () =>
    Promise.all(quartersOf(year).map(calendarApi.period)),
  );

  return (
    <Card
      title={`${year} 年各季度报送截止日（按当前设置）`}
      size="small"
      data-testid="due-date-preview"
    >
      {calendars.error ? <LoadFailure error={calendars.error} onRetry={calendars.reload} /> : null}
      <Table<PeriodCalendar>
        rowKey="period"
        size="small"
        pagination={false}
        loading={calendars.loading}
        dataSource={calendars.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '期别',
            key: 'period',
            render: (_, c, i) => `${c.period}（${quarterNames[i] ?? ''}）`,
          },
          { title: '起止日期', key: 'range', render: (_, c) => `${c.start} 至 ${c.end}` },
          {
            title: '报送截止日',
            key: 'due',
            render: (_, c) => <strong>{`${c.due}（${dayjs(c.due).format('dddd')}）`}</strong>,
          },
        ]}
      />
    </Card>
  );
}
