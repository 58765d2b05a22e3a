/**
 * One unit's reporting history, opened from the compliance table: per quarter its state, every
 * version with when it was compiled, sent and decided (and why it was returned), and the
 * follow-ups recorded on it.
 */
import { Descriptions, Drawer, Empty, List, Tag, Timeline, Typography } from 'antd';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { quarterText } from '../reports/quarters';
import {
  actionNames,
  beijingDay,
  complianceColors,
  complianceNames,
  oversightApi,
  type ReportVersion,
  rateText,
} from './oversight';

interface Props {
  region: string;
  unit: string | null;
  from: string;
  to: string;
  onClose: () => void;
}

const versionStatus: Record<string, string> = {
  draft: '编制中',
  signed: '已签字',
  sealed: '已盖章',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已接收',
};

export function UnitHistoryDrawer({ region, unit, from, to, onClose }: Props) {
  return (
    <Drawer open={unit !== null} onClose={onClose} size="large" title="报送历史" destroyOnHidden>
      {unit && <History region={region} unit={unit} from={from} to={to} />}
    </Drawer>
  );
}

function History({
  region,
  unit,
  from,
  to,
}: {
  region: string;
  unit: string;
  from: string;
  to: string;
}) {
  const history = useResource(`history:${region}:${unit}:${from}:${to}`, () =>
    oversightApi.history(region, unit, from, to),
  );
  if (history.error) return <LoadFailure error={history.error} onRetry={history.reload} />;
  const data = history.data;
  if (!data) return null;

  return (
    <div data-testid="unit-history">
      <Typography.Title level={5}>{data.unit.name}</Typography.Title>
      <Typography.Paragraph type="secondary">
        应报 {data.totals.expected} 期，已报 {data.totals.submitted} 期，迟报 {data.totals.late}{' '}
        期，缺报 {data.totals.missing} 期；完整率 {rateText(data.totals.completeness)}，及时率{' '}
        {rateText(data.totals.timeliness)}
      </Typography.Paragraph>
      <List
        dataSource={[...data.quarters].reverse()}
        renderItem={(q) => (
          <List.Item key={q.period} data-testid={`history-${q.period}`}>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>{quarterText(q.period)}</Typography.Text>{' '}
              <Tag color={complianceColors[q.status]}>{complianceNames[q.status]}</Tag>
              {q.late && (
                <Typography.Text type="danger">
                  {q.status === 'missing' ? '逾期' : '迟报'} {q.daysLate} 天
                </Typography.Text>
              )}
              <Typography.Text type="secondary"> 报送期限 {q.due}</Typography.Text>
              {q.versions.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未编制报告" />
              ) : (
                <Timeline
                  style={{ marginTop: 12 }}
                  items={q.versions.map((v) => ({ content: <Version v={v} /> }))}
                />
              )}
              {q.actions.map((a) => (
                <Typography.Paragraph key={a.id} style={{ marginBottom: 4 }}>
                  <Tag>{actionNames[a.kind]}</Tag>
                  {a.date}：{a.text}
                </Typography.Paragraph>
              ))}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}

function Version({ v }: { v: ReportVersion }) {
  return (
    <Descriptions
      size="small"
      column={1}
      title={`第 ${v.version} 版 · ${versionStatus[v.status] ?? v.status}`}
      items={[
        { key: 'compiled', label: '编制', children: beijingDay(v.compiledAt) },
        {
          key: 'submitted',
          label: '报送',
          children: v.submittedAt
            ? `${beijingDay(v.submittedAt)}${v.daysLate ? `（迟报 ${v.daysLate} 天）` : '（按时）'}`
            : '未报送',
        },
        ...(v.decidedAt
          ? [{ key: 'decided', label: '审核', children: beijingDay(v.decidedAt) }]
          : []),
        ...(v.returnReason ? [{ key: 'reason', label: '退回原因', children: v.returnReason }] : []),
      ]}
    />
  );
}
