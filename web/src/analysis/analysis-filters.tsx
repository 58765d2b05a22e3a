/**
 * The filter bar of the analysis page. It edits the address only: the page reads its filters
 * back from there, so the browser's back button, a bookmark and a link sent to a colleague
 * all show the same view.
 */
import { Checkbox, Flex, Form, Select, Typography } from 'antd';
import { currentQuarter, quarterOptions } from '../reports/quarters';
import type { AnalysisFilters, ListKey, RegionAnalysis } from './analysis';

interface Props {
  filters: AnalysisFilters;
  regions: Array<{ value: string; label: string }>;
  /** The last analysis loaded: its units and rule version give the choices. */
  analysis: RegionAnalysis | undefined;
  onChange: (next: AnalysisFilters) => void;
}

const levelChoices = [
  { value: 'county', label: '县处级' },
  { value: 'township', label: '乡科级' },
  { value: 'other', label: '其他' },
];

// The rows of 附件2: a letter counts as 「其他形式」, a message under its channel.
const formChoices = [
  { value: 'oral', label: '口头干预' },
  { value: 'phone', label: '电话干预' },
  { value: 'qq', label: 'QQ 干预' },
  { value: 'wechat', label: '微信干预' },
  { value: 'email', label: 'Email 干预' },
  { value: 'other', label: '其他形式干预' },
];

export function AnalysisFilterBar({ filters, regions, analysis, onChange }: Props) {
  const quarters = quarterOptions(currentQuarter(), 40);
  const set = (change: Partial<AnalysisFilters>) => onChange({ ...filters, ...change });
  const list = (key: ListKey, label: string, options: Array<{ value: string; label: string }>) => (
    <Form.Item label={label} style={{ marginBottom: 0 }}>
      <Select
        mode="multiple"
        allowClear
        placeholder="全部"
        value={filters[key]}
        options={options}
        onChange={(values: string[]) => set({ [key]: values })}
        style={{ minWidth: 160, maxWidth: 360 }}
        maxTagCount="responsive"
        data-testid={`analysis-${key}`}
      />
    </Form.Item>
  );

  return (
    <Flex wrap gap="middle" align="end" style={{ marginBottom: 16 }}>
      {regions.length > 1 && (
        <Form.Item label="地区" style={{ marginBottom: 0 }}>
          <Select
            value={filters.region}
            options={regions}
            onChange={(region) => set({ region, units: [] })}
            style={{ minWidth: 180 }}
          />
        </Form.Item>
      )}
      <Form.Item label="起" style={{ marginBottom: 0 }}>
        <Select
          value={filters.from}
          options={quarters}
          onChange={(from) => set({ from })}
          style={{ width: 150 }}
          data-testid="analysis-from"
        />
      </Form.Item>
      <Form.Item label="止" style={{ marginBottom: 0 }}>
        <Select
          value={filters.to}
          options={quarters}
          onChange={(to) => set({ to })}
          style={{ width: 150 }}
          data-testid="analysis-to"
        />
      </Form.Item>
      {list(
        'units',
        '单位',
        (analysis?.regionUnits ?? []).map((u) => ({ value: u.code, label: u.name })),
      )}
      {list('levels', '级别', levelChoices)}
      {list('forms', '形式', formChoices)}
      {list(
        'situations',
        '情形',
        (analysis?.ruleVersion.situations ?? []).map((s) => ({
          value: s.id,
          label: `${s.label} ${s.text}`,
        })),
      )}
      <Checkbox
        checked={filters.submitted}
        onChange={(event) => set({ submitted: event.target.checked })}
        data-testid="analysis-include"
      >
        含已报送、尚未接收的报告
      </Checkbox>
      {/* antd falls back to execCommand where the clipboard API is missing (plain http). */}
      <Typography.Text
        copyable={{ text: () => window.location.href, tooltips: ['复制链接', '已复制'] }}
      >
        本页链接
      </Typography.Text>
    </Flex>
  );
}
