/**
 * `/audit` (审计记录): every sign-in, sign-out and administrative change, read from the
 * tamper-evident logs. For the audit administrator only, and read-only: the page has no
 * action that changes anything.
 */
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { type AuditEvent, auditApi, eventTypeName } from './audit-events';
import { type AuditFilter, AuditFilters, auditQueryOf } from './audit-filters';

interface Paging {
  page: number;
  pageSize: number;
}

/** Text as well as colour, so the state reads without colour vision. */
const integrityTags: Record<
  AuditEvent['integrity'],
  { color: string; text: string; hint: string }
> = {
  checkpointed: { color: 'green', text: '✓ 已验证', hint: '包含证明与已签名检查点一致' },
  included: { color: 'blue', text: '✓ 已入账', hint: '包含于当前日志，尚待下一个签名检查点' },
  failed: { color: 'red', text: '✗ 验证失败', hint: '条目、日志树或检查点已被改动，请立即报告' },
};

function IntegrityTag({ integrity }: { integrity: AuditEvent['integrity'] }) {
  const tag = integrityTags[integrity];

  return (
    <Tag color={tag.color} title={tag.hint} data-testid="audit-integrity">
      {tag.text}
    </Tag>
  );
}

export function AuditTrailPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 50 });
  const query = useMemo(
    () => ({
      ...auditQueryOf(filter),
      limit: paging.pageSize,
      offset: (paging.page - 1) * paging.pageSize,
    }),
    [filter, paging],
  );
  const events = useResource(JSON.stringify(query), () => auditApi.query(query));
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);

  const columns: TableColumnsType<AuditEvent> = [
    { title: '北京时间', key: 'atBeijing', render: (_, e) => wallClock(e.atBeijing) },
    {
      title: 'UTC 时间',
      key: 'at',
      render: (_, e) => <Typography.Text type="secondary">{wallClock(e.at)}</Typography.Text>,
    },
    { title: '事件', key: 'type', render: (_, e) => <EventType type={e.type} /> },
    { title: '操作人', key: 'actor', render: (_, e) => e.actor ?? '系统' },
    { title: '来源', key: 'ip', render: (_, e) => e.ip ?? '—' },
    { title: '单位', key: 'unit', render: (_, e) => (e.unit ? unitName(byCode, e.unit) : '—') },
    {
      title: '结果',
      key: 'result',
      render: (_, e) =>
        e.result === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>,
    },
    { title: '日志/序号', key: 'position', render: (_, e) => `${e.log} / ${e.index}` },
    {
      title: '完整性',
      key: 'integrity',
      render: (_, e) => <IntegrityTag integrity={e.integrity} />,
    },
  ];

  return (
    <>
      <PageTitle title="审计记录" />
      <AuditFilters
        onSearch={(next) => {
          setFilter(next);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {events.error ? <LoadFailure error={events.error} onRetry={events.reload} /> : null}
      <Table<AuditEvent>
        data-testid="audit-table"
        rowKey={(e) => `${e.log}/${e.index}`}
        size="small"
        columns={columns}
        dataSource={events.data?.events ?? []}
        loading={events.loading}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (e) => <EventDetails event={e} /> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </>
  );
}

function EventType({ type }: { type: string }) {
  return (
    <span title={type}>
      {eventTypeName(type)}
      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
        {type}
      </Typography.Text>
    </span>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  return (
    <div data-testid="audit-event-details">
      <Typography.Text type="secondary">事件数据：</Typography.Text>
      <pre style={{ margin: '4px 0 8px', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {JSON.stringify(event.data, null, 2)}
      </pre>
      <Typography.Text type="secondary">
        叶子哈希：<Typography.Text code>{event.leafHash}</Typography.Text>
      </Typography.Text>
    </div>
  );
}

/** `2026-01-05T10:00:00+08:00` → `2026-01-05 10:00:00`, without converting time zones. */
function wallClock(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}
