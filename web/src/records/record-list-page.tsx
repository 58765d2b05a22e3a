/**
 * `/records` (干预记录): the records the user may see — a recorder their own, the filler and
 * the unit's heads their unit's, a witness those naming them. A table on wide screens, cards
 * on a phone; either way a record opens on a tap.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Collapse, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { RecordCards } from './record-cards';
import { filterOfParams, paramsOfFilter, type RecordFilter, RecordFilters } from './record-filters';
import { formText, levelNames, occurredText, RecordStatusTag } from './record-terms';
import { type InterferenceRecord, recordsApi } from './records';
import { situationLabel, situationsById } from './rule-situations';

const PAGE_SIZE = 20;

export function RecordListPage() {
  const { roles } = useSignedIn();
  const navigate = useNavigate();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOfParams(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const records = useResource(JSON.stringify(query), () => recordsApi.list(query));
  const units = useResource('units', unitsApi.list);
  const rules = useResource('rules', rulesApi.read);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const situations = useMemo(() => situationsById(rules.data?.versions ?? []), [rules.data]);
  const isRecorder = roles.some((g) => g.role === 'recorder');

  const search = (next: RecordFilter, nextPage = 1) => setParams(paramsOfFilter(next, nextPage));
  const open = (record: InterferenceRecord) =>
    navigate(`/records/${encodeURIComponent(record.id)}`);

  const columns: TableColumnsType<InterferenceRecord> = [
    {
      title: '干预时间',
      key: 'occurredAt',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{occurredText(r.occurredAt)}</span>,
    },
    {
      title: '干预人',
      key: 'interferer',
      render: (_, r) => (
        <>
          <Link to={`/records/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
            {r.interferer.name}
          </Link>
          <br />
          <Typography.Text type="secondary">{r.interferer.post}</Typography.Text>
        </>
      ),
    },
    { title: '级别', key: 'level', render: (_, r) => levelNames[r.interferer.level] },
    { title: '形式', key: 'form', render: (_, r) => formText(r) },
    {
      title: '情形',
      key: 'situation',
      render: (_, r) => (
        <span title={situations.get(r.situation)?.text}>
          {situationLabel(situations, r.situation)}
        </span>
      ),
    },
    { title: '记录单位', key: 'unit', render: (_, r) => unitName(byCode, r.unit) },
    { title: '记录人', key: 'recorder', render: (_, r) => r.recorder.name },
    { title: '状态', key: 'status', render: (_, r) => <RecordStatusTag record={r} /> },
  ];

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: records.data?.total ?? 0,
    showSizeChanger: false,
    hideOnSinglePage: true,
    showTotal: (total: number) => `共 ${total} 条`,
    onChange: (next: number) => search(filter, next),
  };

  const filters = (
    <RecordFilters
      value={filter}
      units={units.data ?? []}
      versions={rules.data?.versions ?? []}
      onSearch={search}
    />
  );

  return (
    <>
      <PageTitle
        title="干预记录"
        extra={
          isRecorder && (
            <Link to="/records/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="record-create">
                新建记录
              </Button>
            </Link>
          )
        }
      />
      {compact ? (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          defaultActiveKey={Object.keys(filter).length > 0 ? ['filters'] : []}
          items={[{ key: 'filters', label: '筛选条件', children: filters }]}
        />
      ) : (
        filters
      )}
      {records.error ? <LoadFailure error={records.error} onRetry={records.reload} /> : null}
      {compact ? (
        <RecordCards
          records={records.data?.records ?? []}
          loading={records.loading}
          situations={situations}
          pagination={pagination}
          onOpen={open}
        />
      ) : (
        <Table<InterferenceRecord>
          data-testid="record-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={records.data?.records ?? []}
          loading={records.loading}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          onRow={(record) => ({
            onClick: () => open(record),
            style: { cursor: 'pointer' },
            'data-testid': `record-row-${record.id}`,
          })}
          locale={{ emptyText: isRecorder ? '暂无记录，点击“新建记录”开始记录' : '暂无记录' }}
        />
      )}
    </>
  );
}
