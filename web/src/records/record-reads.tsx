/**
 * Who has read a record (已阅人员). The server keeps every read and logs it, because a
 * recorder must be able to see who saw what they wrote (domain README §8).
 */
import { Card, Empty, Table } from 'antd';
import { beijingTime } from './record-terms';
import type { InterferenceRecord } from './records';

interface Reader {
  username: string;
  name?: string;
  count: number;
  first: string;
  last: string;
}

/** Every read is kept; the list shows each reader once, with how often and when. */
function readersOf(record: InterferenceRecord): Reader[] {
  const readers = new Map<string, Reader>();
  for (const read of record.reads ?? []) {
    const reader = readers.get(read.username);
    if (!reader) {
      readers.set(read.username, { ...read, count: 1, first: read.at, last: read.at });
      continue;
    }

    reader.count += 1;
    if (read.at < reader.first) reader.first = read.at;
    if (read.at > reader.last) reader.last = read.at;
  }

  return [...readers.values()].sort((a, b) => b.last.localeCompare(a.last));
}

export function RecordReads({ record }: { record: InterferenceRecord }) {
  const readers = readersOf(record);

  return (
    <Card title={`已阅人员（${readers.length}）`} size="small" data-testid="record-reads">
      {readers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无查阅记录" />
      ) : (
        <Table<Reader>
          size="small"
          rowKey="username"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={readers}
          columns={[
            { title: '查阅人', key: 'who', render: (_, r) => r.name ?? r.username },
            { title: '账号', dataIndex: 'username' },
            { title: '次数', dataIndex: 'count' },
            { title: '首次查阅', key: 'first', render: (_, r) => beijingTime(r.first) },
            { title: '最近查阅', key: 'last', render: (_, r) => beijingTime(r.last) },
          ]}
        />
      )}
    </Card>
  );
}
