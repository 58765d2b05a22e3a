/**
 * The holiday table of a year: public holidays (放假) and weekend days made working days
 * (调休上班), as the State Council publishes them each year. A deadline that falls on a day
 * off moves past it when the settings ask for that.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorText } from '../api/client';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { HolidayFormModal } from './holiday-form-modal';
import { type Holiday, holidaysApi } from './rules';

interface Props {
  editable: boolean;
  /** Called after a change, so that what depends on holidays (due dates) reloads. */
  onChanged?: () => void;
}

type Editing = { holiday?: Holiday; year: number } | null;

export function HolidaysPage({ editable, onChanged }: Props) {
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Editing>(null);
  const holidays = useResource(`holidays-${year}`, () => holidaysApi.list(year));
  const years = Array.from({ length: thisYear - 2016 + 2 }, (_, i) => 2017 + i);

  const changed = () => {
    setEditing(null);
    holidays.reload();
    onChanged?.();
  };

  const remove = async (holiday: Holiday) => {
    try {
      await holidaysApi.remove(holiday.date);
      message.success(`已移除 ${holiday.date}`);
      changed();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <Flex vertical gap="small">
      <Flex gap="small" wrap align="center">
        <Select
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y} 年` }))}
          style={{ width: 120 }}
          data-testid="holiday-year"
        />
        {editable && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ year })}
            data-testid="holiday-add"
          >
            添加节假日
          </Button>
        )}
      </Flex>
      {holidays.error ? <LoadFailure error={holidays.error} onRetry={holidays.reload} /> : null}
      <Table<Holiday>
        data-testid="holiday-table"
        rowKey="date"
        size="small"
        loading={holidays.loading}
        dataSource={holidays.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: `${year} 年尚未录入节假日` }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '星期', key: 'weekday', render: (_, h) => dayjs(h.date).format('dddd') },
          { title: '名称', dataIndex: 'name' },
          {
            title: '类型',
            key: 'workday',
            render: (_, h) =>
              h.workday ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>,
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, h: Holiday) => (
                    <HolidayActions
                      holiday={h}
                      onEdit={() => setEditing({ holiday: h, year })}
                      onRemove={() => remove(h)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <HolidayFormModal
          holiday={editing.holiday}
          year={editing.year}
          onClose={() => setEditing(null)}
          onSaved={changed}
        />
      )}
    </Flex>
  );
}

interface ActionProps {
  holiday: Holiday;
  onEdit: () => void;
  onRemove: () => void;
}

function HolidayActions({ holiday, onEdit, onRemove }: ActionProps) {
  return (
    <Flex gap={4}>
      <Button
        size="small"
        type="link"
        onClick={onEdit}
        data-testid={`holiday-edit-${holiday.date}`}
      >
        编辑
      </Button>
      <Popconfirm
        title={`从节假日表移除 ${holiday.date}？`}
        okText="移除"
        okButtonProps={{ danger: true, 'data-testid': 'holiday-remove-confirm' }}
        onConfirm={onRemove}
      >
        <Button size="small" type="link" danger data-testid={`holiday-remove-${holiday.date}`}>
          移除
        </Button>
      </Popconfirm>
    </Flex>
  );
}
