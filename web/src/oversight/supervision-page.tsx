/**
 * `/supervision` (监督检查): a county or city bureau's checks on the statistical bodies below
 * it, filterable by status and by rectifications past their deadline. The bureau's filler,
 * leaders and reviewers record checks and progress; reviewers above read the checks of the
 * bureaus reporting to them.
 */
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { useSignedIn } from '../session/session-context';
import {
  type CheckStatus,
  checkColors,
  checkNames,
  oversightApi,
  type SupervisionCheck,
} from './oversight';
import { CheckUpdateModal, NewCheckModal } from './supervision-forms';

const KEEPERS = new Set(['reviewer', 'filler', 'ruleOfLawLeader', 'principal']);
const statuses: CheckStatus[] = ['open', 'rectified', 'closed'];

export function SupervisionPage() {
  const { roles } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const units = useResource('units', unitsApi.list);
  const all = units.data ?? [];
  const kept = [...new Set(roles.filter((g) => KEEPERS.has(g.role)).map((g) => g.unit))];
  const reviewed = roles.filter((g) => g.role === 'reviewer').map((g) => g.unit);
  // A reviewer above also reads the bureaus reporting to theirs.
  const below = all.filter((u) => u.reportsTo && reviewed.includes(u.reportsTo)).map((u) => u.code);
  const choices = [...new Set([...kept, ...below])];
  const unit = choices.includes(params.get('unit') ?? '') ? params.get('unit')! : choices[0];
  const status = statuses.find((s) => s === params.get('status'));
  const overdue = params.get('overdue') === 'true';
  const [adding, setAdding] = useState(false);
  const [updating, setUpdating] = useState<SupervisionCheck | null>(null);
  const bodies = useMemo(() => all.filter((u) => u.parent === unit && u.active), [all, unit]);

  const list = useResource(`checks:${unit}:${status}:${overdue}`, () =>
    unit ? oversightApi.checks(unit, { status, overdue }) : Promise.resolve({ checks: [] }),
  );
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const keeps = unit !== undefined && kept.includes(unit);

  if (!unit) {
    return (
      <>
        <PageTitle title="监督检查" />
        <Empty description="您在统计局没有填报人、负责人或审核人角色，无需登记监督检查" />
      </>
    );
  }

  return (
    <>
      <PageTitle
        title="监督检查"
        extra={
          keeps && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="check-new"
            >
              登记检查
            </Button>
          )
        }
      />
      <Flex wrap gap="middle" align="center" style={{ marginBottom: 16 }}>
        <Form.Item label="单位" style={{ marginBottom: 0 }}>
          <Select
            value={unit}
            options={choices.map((code) => ({
              value: code,
              label: all.find((u) => u.code === code)?.name ?? code,
            }))}
            onChange={(value) => set('unit', value)}
            style={{ minWidth: 180 }}
          />
        </Form.Item>
        <Form.Item label="状态" style={{ marginBottom: 0 }}>
          <Select
            value={status ?? ''}
            options={[
              { value: '', label: '全部' },
              ...statuses.map((s) => ({ value: s, label: checkNames[s] })),
            ]}
            onChange={(value) => set('status', value || undefined)}
            style={{ width: 120 }}
            data-testid="check-status-filter"
          />
        </Form.Item>
        <Checkbox
          checked={overdue}
          onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}
        >
          只看逾期未整改
        </Checkbox>
      </Flex>
      {list.error ? <LoadFailure error={list.error} onRetry={list.reload} /> : null}
      <Table<SupervisionCheck>
        data-testid="check-table"
        rowKey="id"
        size="small"
        bordered
        columns={columns(keeps, setUpdating)}
        dataSource={list.data?.checks ?? []}
        loading={list.loading}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: Updates, rowExpandable: (c) => c.updates.length > 0 }}
        locale={{ emptyText: '没有符合条件的监督检查记录' }}
      />
      <NewCheckModal
        unit={unit}
        open={adding}
        bodies={bodies}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <CheckUpdateModal
        unit={unit}
        check={updating}
        onClose={() => setUpdating(null)}
        onSaved={() => {
          setUpdating(null);
          list.reload();
        }}
      />
    </>
  );
}

function columns(
  keeps: boolean,
  onUpdate: (check: SupervisionCheck) => void,
): TableColumnsType<SupervisionCheck> {
  const text = (value: string | null) => (
    <Typography.Paragraph style={{ marginBottom: 0, maxWidth: 320, whiteSpace: 'pre-wrap' }}>
      {value ?? '—'}
    </Typography.Paragraph>
  );

  return [
    { title: '检查日期', dataIndex: 'checkedOn', width: 110 },
    { title: '被检查单位', dataIndex: 'body', width: 160 },
    { title: '发现的问题', dataIndex: 'findings', render: text },
    { title: '整改要求', dataIndex: 'requirements', render: text },
    {
      title: '整改期限',
      key: 'rectifyBy',
      width: 140,
      render: (_, c) => (
        <span>
          {c.rectifyBy ?? '—'}
          {c.overdue && (
            <Tag icon={<WarningOutlined />} color="red" style={{ marginInlineStart: 6 }}>
              逾期
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, c) => <Tag color={checkColors[c.status]}>{checkNames[c.status]}</Tag>,
    },
    ...(keeps
      ? [
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, c: SupervisionCheck) =>
              c.status !== 'closed' && (
                <Button
                  size="small"
                  onClick={() => onUpdate(c)}
                  data-testid={`check-update-${c.id}`}
                >
                  登记进展
                </Button>
              ),
          },
        ]
      : []),
  ];
}

function Updates(check: SupervisionCheck) {
  return (
    <Flex vertical gap={4}>
      {check.updates.map((u) => (
        <span key={u.seq}>
          {u.date} <Tag color={checkColors[u.status]}>{checkNames[u.status]}</Tag>
          {u.note}（{u.recordedBy}）
        </span>
      ))}
    </Flex>
  );
}
