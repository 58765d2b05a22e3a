/**
 * The filters of the record list: unit, quarter, status, form, situation and free text. They
 * live in the address (`/records?period=2020Q2&status=draft`), so going back from a record
 * returns to the same list and a filtered list can be bookmarked.
 */
import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { type Unit, unitOptions } from '../org/units';
import type { RuleVersion } from '../rules/rules';
import { formNames, statusNames } from './record-terms';
import { forms, type RecordQuery, statuses } from './records';
import { situationFilterOptions } from './rule-situations';

export type RecordFilter = Pick<
  RecordQuery,
  'unit' | 'period' | 'status' | 'form' | 'situation' | 'q'
>;

const filterKeys = ['unit', 'period', 'status', 'form', 'situation', 'q'] as const;

/** The filter the address holds; unknown values are dropped rather than sent. */
export function filterOfParams(params: URLSearchParams): RecordFilter {
  const filter: RecordFilter = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) (filter as Record<string, string>)[key] = value;
  }
  if (filter.status && !(statuses as readonly string[]).includes(filter.status)) {
    delete filter.status;
  }
  if (filter.form && !(forms as readonly string[]).includes(filter.form)) delete filter.form;

  return filter;
}

export function paramsOfFilter(filter: RecordFilter, page: number): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = filter[key]?.trim();
    if (value) params[key] = value;
  }
  if (page > 1) params.page = String(page);

  return params;
}

interface Props {
  value: RecordFilter;
  units: Unit[];
  versions: RuleVersion[];
  onSearch: (filter: RecordFilter) => void;
}

export function RecordFilters({ value, units, versions, onSearch }: Props) {
  const [form] = Form.useForm<RecordFilter>();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);

  return (
    <Form<RecordFilter>
      form={form}
      layout="inline"
      onFinish={(filter) => onSearch(filter)}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="unit" label="单位">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={unitOptions(units)}
          placeholder="全部单位"
          style={{ width: 200 }}
          data-testid="filter-unit"
        />
      </Form.Item>
      <Form.Item
        name="period"
        label="季度"
        rules={[{ pattern: /^\d{4}Q[1-4]$/, message: '季度写作 2020Q2' }]}
      >
        <Input
          allowClear
          placeholder="如 2020Q2"
          style={{ width: 120 }}
          data-testid="filter-period"
        />
      </Form.Item>
      <Form.Item name="status" label="状态">
        <Select
          allowClear
          options={statuses.map((s) => ({ value: s, label: statusNames[s] }))}
          placeholder="全部"
          style={{ width: 120 }}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item name="form" label="形式">
        <Select
          allowClear
          options={forms.map((f) => ({ value: f, label: formNames[f] }))}
          placeholder="全部"
          style={{ width: 130 }}
          data-testid="filter-form"
        />
      </Form.Item>
      <Form.Item name="situation" label="情形">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={situationFilterOptions(versions)}
          placeholder="全部"
          style={{ width: 220 }}
          popupMatchSelectWidth={360}
          data-testid="filter-situation"
        />
      </Form.Item>
      <Form.Item name="q" label="查找">
        <Input
          allowClear
          placeholder="干预人、职务、内容"
          style={{ width: 200 }}
          data-testid="filter-q"
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="filter-search">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => onSearch({})} data-testid="filter-reset">
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
