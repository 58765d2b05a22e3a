/**
 * Persons recorded more than once in the region: in several quarters, by several units, or
 * several times in one quarter. Across units a person is matched by name (the server says
 * why), so every post the records give is shown for the reviewer to judge.
 */
import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { quarterText } from '../reports/quarters';
import type { RegionAnalysis, RepeatedPerson } from './analysis';

interface Props {
  analysis: RegionAnalysis;
}

export function RepeatedPersonsTable({ analysis }: Props) {
  const names = new Map(analysis.regionUnits.map((u) => [u.code, u.name]));
  const levels = new Map(analysis.byLevel.map((l) => [l.level, l.label]));
  const { total, persons } = analysis.repeatedPersons;

  const columns: TableColumnsType<RepeatedPerson> = [
    { title: '干预人', dataIndex: 'name', width: 96 },
    { title: '单位、职务', dataIndex: 'posts', render: (posts: string[]) => posts.join('；') },
    { title: '级别', dataIndex: 'level', width: 72, render: (l: string) => levels.get(l) ?? l },
    { title: '次数', dataIndex: 'records', width: 64, align: 'right' },
    {
      title: '季度',
      dataIndex: 'quarters',
      render: (quarters: string[]) => quarters.map(quarterText).join('、'),
    },
    {
      title: '记录单位',
      dataIndex: 'units',
      render: (units: string[]) => units.map((code) => names.get(code) ?? code).join('、'),
    },
    {
      title: '特点',
      key: 'pattern',
      width: 120,
      render: (_, p) => (
        <>
          {p.acrossQuarters && <Tag>跨季度</Tag>}
          {p.acrossUnits && <Tag>跨单位</Tag>}
          {!p.acrossQuarters && !p.acrossUnits && <Tag>同季度多次</Tag>}
        </>
      ),
    },
    {
      title: '记录',
      key: 'records-links',
      width: 120,
      render: (_, p) =>
        p.recordIds.map((id, i) => (
          <Link key={id} to={`/records/${id}`} style={{ marginRight: 8 }}>
            {`记录${i + 1}`}
          </Link>
        )),
    },
  ];

  return (
    <Card size="small" title="多次被记录的干预人" data-testid="repeated-persons">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        跨单位按姓名归并（同名不同人会归为一行，请对照单位、职务判断）。
        {total > persons.length && `共 ${total} 人，显示次数最多的 ${persons.length} 人。`}
      </Typography.Paragraph>
      <Table<RepeatedPerson>
        size="small"
        rowKey={(p) => p.recordIds[0]!}
        dataSource={persons}
        columns={columns}
        pagination={persons.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '所选范围内没有被记录两次以上的干预人' }}
      />
    </Card>
  );
}
