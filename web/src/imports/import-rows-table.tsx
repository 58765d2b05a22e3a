/**
 * The rows of a previewed ledger: what was read, each problem with its cell and column, and
 * a level and situation select for rows whose sheet has none (the paper form lacks them).
 */
import { Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formNames, levelNames } from '../records/record-terms';
import type { Level } from '../records/records';
import { versionInForce } from '../records/rule-situations';
import type { RuleVersion } from '../rules/rules';
import type { PreviewRow, RowChoice } from './imports';

interface Props {
  rows: PreviewRow[];
  versions: RuleVersion[];
  choices: Map<number, RowChoice>;
  onChoose: (choice: RowChoice) => void;
}

const LEVEL_OPTIONS = (['county', 'township', 'other'] as const).map((value) => ({
  value,
  label: levelNames[value],
}));

export function ImportRowsTable({ rows, versions, choices, onChoose }: Props) {
  const situationOptions = (row: PreviewRow) => {
    const date = (row.body.occurredAt ?? '').slice(0, 10);
    const version = versionInForce(versions, date);
    const shown = version ? [version] : versions;
    return shown.flatMap((v) =>
      v.situations.map((s) => ({ value: s.id, label: `${s.label} ${s.text}`, title: s.text })),
    );
  };

  const columns: TableColumnsType<PreviewRow> = [
    { title: '行号', dataIndex: 'row', width: 70 },
    { title: '干预人', render: (_, row) => row.body.interferer?.name ?? '—', width: 100 },
    { title: '干预时间', render: (_, row) => timeText(row.body.occurredAt), width: 140 },
    {
      title: '干预形式',
      width: 100,
      render: (_, row) => formNames[row.body.form as keyof typeof formNames] ?? '—',
    },
    {
      title: '级别',
      width: 130,
      render: (_, row) =>
        row.missing.includes('level') ? (
          <Select<Level>
            data-testid={`import-level-${row.row}`}
            placeholder="请选择"
            style={{ width: 110 }}
            options={LEVEL_OPTIONS}
            value={choices.get(row.row)?.level}
            onChange={(level) => onChoose({ ...choices.get(row.row), row: row.row, level })}
          />
        ) : (
          (levelNames[row.body.interferer?.level as Level] ?? '—')
        ),
    },
    {
      title: '干预情形',
      width: 220,
      render: (_, row) =>
        row.missing.includes('situation') ? (
          <Select<string>
            data-testid={`import-situation-${row.row}`}
            placeholder="请选择"
            style={{ width: 200 }}
            options={situationOptions(row)}
            popupMatchSelectWidth={false}
            value={choices.get(row.row)?.situation}
            onChange={(situation) => onChoose({ ...choices.get(row.row), row: row.row, situation })}
          />
        ) : (
          (row.body.situation ?? '—')
        ),
    },
    { title: '原记录人', dataIndex: 'recorder', width: 90 },
    {
      title: '检查结果',
      render: (_, row) => <RowProblems row={row} choice={choices.get(row.row)} />,
    },
  ];

  return (
    <Table<PreviewRow>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 1000 }}
    />
  );
}

/** `2020-05-12T15` → 2020年5月12日15时, as the ledger writes it. */
function timeText(occurredAt?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?$/.exec(occurredAt ?? '');
  if (!match) return occurredAt || '—';
  const [, year, month, day, hour] = match;
  const date = `${year}年${Number(month)}月${Number(day)}日`;

  return hour === undefined ? date : `${date}${Number(hour)}时`;
}

function RowProblems({ row, choice }: { row: PreviewRow; choice?: RowChoice }) {
  if (row.problems.length === 0) {
    const open = row.missing.filter((key) => !choice?.[key]);
    if (open.length === 0) return <Tag color="success">无误</Tag>;
    return (
      <Tag color="warning">
        请选择{open.map((k) => (k === 'level' ? '级别' : '干预情形')).join('和')}
      </Tag>
    );
  }

  return (
    <div data-testid={`import-problems-${row.row}`}>
      {row.problems.map((p) => (
        <Typography.Text
          key={`${p.cell}-${p.column}-${p.message}`}
          type="danger"
          style={{ display: 'block' }}
        >
          {p.cell ?? ''} {p.column}：{p.message}
        </Typography.Text>
      ))}
    </div>
  );
}
