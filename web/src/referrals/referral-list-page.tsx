/**
 * `/referrals` (案件移送): the referral letters of the reviewer's bureau, filtered by status,
 * year or late feedback (the filters are in the address, so a link shares them). New letters
 * start from records: the 「移送」 button of a record, or 「新建移送函」 with record ids.
 */
import { Button, Card, Checkbox, Flex, Form, Select, Table } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../page-title';
import { ReferralStatusTag } from './referral-status-tag';
import {
  type Referral,
  type ReferralFilter,
  type ReferralStatus,
  referralStatuses,
  referralStatusNames,
  referralsApi,
} from './referrals';

export function ReferralListPage() {
  const [params, setParams] = useSearchParams();
  const filter: ReferralFilter = {
    status: referralStatuses.find((s) => s === params.get('status')),
    year: Number(params.get('year')) || undefined,
    overdue: params.get('overdue') === '1' ? '1' : undefined,
  };
  const list = useResource(`referrals:${params.toString()}`, () => referralsApi.list(filter));
  const thisYear = new Date().getFullYear();

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns = [
    {
      title: '文号',
      dataIndex: 'number',
      render: (number: string, r: Referral) => <Link to={`/referrals/${r.id}`}>{number}</Link>,
    },
    { title: '日期', dataIndex: 'date' },
    { title: '主送机关', dataIndex: 'addressees', render: (a: string[]) => a.join('、') },
    { title: '记录数', dataIndex: 'recordIds', render: (ids: string[]) => ids.length },
    { title: '反馈期限', dataIndex: 'dueDate', render: (d: string | null) => d ?? '—' },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, r: Referral) => <ReferralStatusTag referral={r} />,
    },
  ];

  return (
    <>
      <PageTitle
        title="案件移送"
        extra={
          <Link to="/referrals/new">
            <Button type="primary" data-testid="referral-new">
              新建移送函
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex wrap gap="middle" style={{ marginBottom: 16 }}>
          <Form.Item label="状态" style={{ marginBottom: 0 }}>
            <Select
              allowClear
              placeholder="全部"
              value={filter.status}
              style={{ width: 160 }}
              options={referralStatuses.map((s) => ({ value: s, label: referralStatusNames[s] }))}
              onChange={(value?: ReferralStatus) => set('status', value)}
            />
          </Form.Item>
          <Form.Item label="年度" style={{ marginBottom: 0 }}>
            <Select
              allowClear
              placeholder="全部"
              value={filter.year}
              style={{ width: 120 }}
              options={Array.from({ length: 8 }, (_, i) => ({
                value: thisYear - i,
                label: `${thisYear - i}年`,
              }))}
              onChange={(value?: number) => set('year', value ? String(value) : undefined)}
            />
          </Form.Item>
          <Checkbox
            checked={filter.overdue === '1'}
            onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)}
          >
            只看逾期未反馈
          </Checkbox>
        </Flex>
        {list.error ? (
          <LoadFailure error={list.error} onRetry={list.reload} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data ?? []}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无移送函' }}
            data-testid="referral-table"
          />
        )}
      </Card>
    </>
  );
}
