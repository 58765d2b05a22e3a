/** The filters of the audit trail: event type, actor and a range of Beijing dates. */
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { eventTypeOptions } from './audit-events';

export interface AuditFilter {
  type?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Props {
  onSearch: (filter: AuditFilter) => void;
}

const typeOptions = eventTypeOptions();

export function AuditFilters({ onSearch }: Props) {
  const [form] = Form.useForm<AuditFilter>();

  return (
    <Form<AuditFilter>
      form={form}
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="type" label="事件">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={typeOptions}
          placeholder="全部事件"
          style={{ width: 200 }}
          data-testid="audit-type"
        />
      </Form.Item>
      <Form.Item name="actor" label="操作人">
        <Input allowClear placeholder="用户名" style={{ width: 160 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="range" label="日期（北京时间）">
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="audit-range" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
          data-testid="audit-reset"
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}

/** The filter as the API takes it: Beijing days become UTC instants, `to` inclusive. */
export function auditQueryOf(filter: AuditFilter) {
  const [start, end] = filter.range ?? [null, null];

  return {
    type: filter.type || undefined,
    actor: filter.actor?.trim() || undefined,
    from: start ? beijingMidnight(start).toISOString() : undefined,
    to: end ? new Date(beijingMidnight(end.add(1, 'day')).getTime() - 1).toISOString() : undefined,
  };
}

function beijingMidnight(day: Dayjs): Date {
  return new Date(`${day.format('YYYY-MM-DD')}T00:00:00+08:00`);
}
