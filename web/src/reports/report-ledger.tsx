/**
 * The quarter's ledger in the layout of 附件1: one row per record in 序号 order, with the two
 * columns Liuhen adds (级别, 干预情形), the three 干预形式 boxes with the record's one ticked,
 * the details that belong to it, and the recorder. Each row opens the record itself.
 */
import { Alert, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { channelFields, formNames, levelNames, occurredText } from '../records/record-terms';
import { forms, type InterferenceRecord, recordsApi } from '../records/records';
import { situationLabel } from '../records/rule-situations';
import type { Situation } from '../rules/rules';

interface Row {
  seq: number;
  id: string;
  record?: InterferenceRecord;
}

interface Props {
  ledger: string[];
  situations: Map<string, Situation>;
}

export function ReportLedger({ ledger, situations }: Props) {
  const rows = useResource(ledger.join(','), () => loadRows(ledger));
  const unreadable = (rows.data ?? []).filter((row) => !row.record).length;

  const columns: TableColumnsType<Row> = [
    { title: '序号', dataIndex: 'seq', width: 56, align: 'center' },
    {
      title: '干预人',
      key: 'name',
      render: (_, row) => (
        <Link to={`/records/${encodeURIComponent(row.id)}`}>
          {row.record?.interferer.name ?? row.id}
        </Link>
      ),
    },
    { title: '干预人单位、职务', key: 'post', render: (_, row) => row.record?.interferer.post },
    {
      title: '级别',
      key: 'level',
      render: (_, row) => row.record && levelNames[row.record.interferer.level],
    },
    {
      title: '干预情形',
      key: 'situation',
      render: (_, row) =>
        row.record && (
          <span title={situations.get(row.record.situation)?.text}>
            {situationLabel(situations, row.record.situation)}
          </span>
        ),
    },
    {
      title: '干预内容',
      key: 'content',
      width: 220,
      render: (_, row) =>
        row.record && (
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: true }} style={{ margin: 0 }}>
            {contentText(row.record)}
          </Typography.Paragraph>
        ),
    },
    {
      title: '干预时间',
      key: 'time',
      render: (_, row) =>
        row.record && (
          <span style={{ whiteSpace: 'nowrap' }}>{occurredText(row.record.occurredAt)}</span>
        ),
    },
    { title: '干预形式', key: 'form', render: (_, row) => row.record && <FormBoxes {...row} /> },
    { title: '详细信息', key: 'details', render: (_, row) => row.record && <Details {...row} /> },
    { title: '记录人', key: 'recorder', render: (_, row) => row.record?.recorder.name },
  ];

  return (
    <>
      {unreadable > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${unreadable} 条记录无法读取详情（可能无权查看），仅显示记录编号`}
        />
      )}
      <Table<Row>
        data-testid="report-ledger"
        rowKey="seq"
        size="small"
        bordered
        columns={columns}
        dataSource={rows.data ?? ledger.map((id, i) => ({ seq: i + 1, id }))}
        loading={rows.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本季度没有干预记录（零报告）' }}
        onRow={(row) => ({ 'data-testid': `report-ledger-row-${row.seq}` }) as object}
      />
    </>
  );
}

async function loadRows(ledger: string[]): Promise<Row[]> {
  const answers = await Promise.allSettled(ledger.map((id) => recordsApi.read(id)));

  return answers.map((answer, i) => ({
    seq: i + 1,
    id: ledger[i] ?? '',
    record: answer.status === 'fulfilled' ? answer.value : undefined,
  }));
}

/** The short 干预内容: what was said or asked, else the indicators or the case it was about. */
function contentText(record: InterferenceRecord): string {
  const { content } = record;
  const parts = [
    content.description,
    content.words,
    content.indicators?.map((i) => `${i.period}${i.name}`).join('、'),
    content.case?.name,
  ];

  return parts.find((part) => part?.trim()) ?? '—';
}

function FormBoxes({ record }: { record?: InterferenceRecord }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {forms.map((form) => (
        <span key={form} style={{ display: 'block' }} data-checked={record?.form === form}>
          {record?.form === form ? '☑' : '☐'} {formNames[form]}
        </span>
      ))}
    </span>
  );
}

/** The labelled details of 附件1 that have a value, in the form's order. */
function Details({ record }: { record?: InterferenceRecord }) {
  if (!record) return null;

  const { details } = record;
  const witnesses = details.witnesses?.map((w) => w.name).join('、');
  const items: [string, string | undefined][] = [
    ['在场人员', witnesses],
    ['地点', details.place],
    ['来文来函单位', details.senderUnit],
    ...Object.values(channelFields).map(
      ({ field, label }) => [label, details[field]] as [string, string | undefined],
    ),
  ];
  const filled = items.filter(([, value]) => value?.trim());
  if (filled.length === 0) return <>—</>;

  return (
    <>
      {filled.map(([label, value]) => (
        <div key={label}>
          <Typography.Text type="secondary">{label}：</Typography.Text>
          {value}
        </div>
      ))}
    </>
  );
}
