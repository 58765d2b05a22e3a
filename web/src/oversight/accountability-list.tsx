/**
 * The accountability list (责任追究) of a region: each missing, late or returned quarter with
 * why it is listed, the reasons of its returns and the follow-ups so far; the bureau's own
 * reviewers record further follow-ups from here.
 */
import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { quarterText } from '../reports/quarters';
import { FollowUpModal } from './follow-up-modal';
import { type AccountabilityItem, actionNames, oversightApi, reasonNames } from './oversight';

interface Props {
  region: string;
  from: string;
  to: string;
  /** The viewer reviews this very bureau, so may record follow-ups (not only read). */
  canWrite: boolean;
}

export function AccountabilityList({ region, from, to, canWrite }: Props) {
  const list = useResource(`accountability:${region}:${from}:${to}`, () =>
    oversightApi.accountability(region, from, to),
  );
  const [editing, setEditing] = useState<AccountabilityItem | null>(null);
  const counts = list.data?.counts;

  const columns: TableColumnsType<AccountabilityItem> = [
    { title: '单位', dataIndex: 'name', width: 160 },
    { title: '季度', dataIndex: 'period', width: 130, render: (p: string) => quarterText(p) },
    {
      title: '情况',
      key: 'reasons',
      width: 170,
      render: (_, item) => (
        <Flex vertical gap={2}>
          <span>
            {item.reasons.map((r) => (
              <Tag key={r} color={r === 'missing' ? 'red' : r === 'late' ? 'orange' : 'gold'}>
                {reasonNames[r]}
              </Tag>
            ))}
          </span>
          {item.daysLate > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.status === 'missing' ? '已逾期' : '迟报'} {item.daysLate} 天（期限 {item.due}）
            </Typography.Text>
          )}
          {item.returnedVersions.map((r) => (
            <Typography.Text key={r.version} type="secondary" style={{ fontSize: 12 }}>
              第 {r.version} 版退回：{r.reason ?? '—'}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: '处理情况',
      key: 'actions',
      render: (_, item) =>
        item.actions.length === 0 ? (
          <Typography.Text type="secondary">尚未处理</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {item.actions.map((a) => (
              <span key={a.id}>
                <Tag>{actionNames[a.kind]}</Tag>
                {a.date}：{a.text}
              </span>
            ))}
          </Flex>
        ),
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, item: AccountabilityItem) => (
              <Button
                size="small"
                onClick={() => setEditing(item)}
                data-testid={`follow-up-${item.unit}-${item.period}`}
              >
                登记处理
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {list.error ? <LoadFailure error={list.error} onRetry={list.reload} /> : null}
      {counts && (
        <Typography.Paragraph data-testid="accountability-counts">
          共 {counts.items} 项：缺报 {counts.missing}，迟报 {counts.late}，被退回 {counts.returned}
          ； 已处理 {counts.followedUp} 项。
        </Typography.Paragraph>
      )}
      <Table<AccountabilityItem>
        data-testid="accountability-table"
        rowKey={(item) => `${item.unit}/${item.period}`}
        size="small"
        bordered
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '所选期间没有缺报、迟报或被退回的情况' }}
      />
      <FollowUpModal
        region={region}
        item={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </>
  );
}
