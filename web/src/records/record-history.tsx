/**
 * The record's history (全程留痕): every saved version with who, when, why and what changed
 * (path: from → to), then the events the unit's log holds for it.
 */
import { Card, Collapse, Table, Timeline, Typography } from 'antd';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { beijingTime } from './record-terms';
import { type FieldChange, type RecordVersion, recordsApi } from './records';

const kindNames: Record<RecordVersion['kind'], string> = {
  created: '创建',
  'draft-saved': '保存草稿',
  amended: '更正',
};

const kindColors: Record<RecordVersion['kind'], string> = {
  created: 'green',
  'draft-saved': 'gray',
  amended: 'red',
};

/** Names of the log events of a record, as the server types them. */
const eventNames: Record<string, string> = {
  'record.created': '创建记录',
  'record.draftSaved': '保存草稿',
  'record.signed': '记录人签字',
  'record.witnessConfirmed': '在场人员确认',
  'record.completed': '记录完成',
  'record.amended': '更正',
  'record.voided': '作废',
  'record.read': '查阅',
  'evidence.uploaded': '上传证据材料',
  'evidence.superseded': '证据材料标记为已替代',
};

interface Props {
  recordId: string;
  revision: string;
}

export function RecordHistory({ recordId, revision }: Props) {
  const history = useResource(`history:${recordId}:${revision}`, () =>
    recordsApi.history(recordId),
  );

  return (
    <Card title="修改历史" size="small" data-testid="record-history" loading={history.loading}>
      {history.error ? <LoadFailure error={history.error} onRetry={history.reload} /> : null}
      {history.data && (
        <>
          <Timeline
            items={[...history.data.versions].reverse().map((v) => ({
              key: v.version,
              color: kindColors[v.kind],
              content: <VersionEntry version={v} />,
            }))}
          />
          {history.data.events.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'events',
                  label: `日志事件（${history.data.events.length}）`,
                  children: (
                    <Table
                      size="small"
                      rowKey={(e) => `${e.log}/${e.index}`}
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      dataSource={history.data.events}
                      columns={[
                        { title: '时间', key: 'at', render: (_, e) => beijingTime(e.at) },
                        {
                          title: '事件',
                          key: 'type',
                          render: (_, e) => eventNames[e.type] ?? e.type,
                        },
                        { title: '操作人', dataIndex: 'actor' },
                        {
                          title: '日志/序号',
                          key: 'pos',
                          render: (_, e) => `${e.log} / ${e.index}`,
                        },
                      ]}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}

function VersionEntry({ version }: { version: RecordVersion }) {
  return (
    <div data-testid={`record-version-${version.version}`}>
      <Typography.Text strong>
        第 {version.version} 版 · {kindNames[version.kind]}
      </Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {beijingTime(version.at)} · {version.actor}
      </Typography.Text>
      {version.reason && (
        <div>
          <Typography.Text type="secondary">原因：</Typography.Text>
          {version.reason}
        </div>
      )}
      {version.changes.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {version.changes.map((change) => (
            <ChangeLine key={change.path} change={change} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChangeLine({ change }: { change: FieldChange }) {
  return (
    <li style={{ wordBreak: 'break-all' }}>
      <Typography.Text code>{change.path}</Typography.Text>：
      <Typography.Text delete type="secondary">
        {valueText(change.from)}
      </Typography.Text>
      {' → '}
      <Typography.Text>{valueText(change.to)}</Typography.Text>
    </li>
  );
}

function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'string') return value;

  return JSON.stringify(value);
}
