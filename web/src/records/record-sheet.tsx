/**
 * A record laid out as its row of 附件1: 干预人, 干预人单位、职务 (with 级别 and 干预情形, which
 * Liuhen adds), 干预内容, 干预时间, the three 干预形式 boxes with the ticked one's details, and
 * 记录人(签字); then what the paper lacks, the supplementary record and the void.
 */
import { Descriptions, type DescriptionsProps, Grid, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Unit } from '../org/units';
import { unitName } from '../org/units';
import type { Situation } from '../rules/rules';
import {
  beijingTime,
  channelFields,
  channelNames,
  formNames,
  levelNames,
  occurredText,
} from './record-terms';
import { forms, type InterferenceRecord } from './records';

interface Props {
  record: InterferenceRecord;
  units: Map<string, Unit>;
  situations: Map<string, Situation>;
}

export function RecordSheet({ record, units, situations }: Props) {
  const compact = !Grid.useBreakpoint().md;
  const situation = situations.get(record.situation);
  const items: DescriptionsProps['items'] = [
    { key: 'unit', label: '记录单位', children: unitName(units, record.unit) },
    { key: 'office', label: '记录机构', children: record.office },
    { key: 'period', label: '季度', children: record.period },
    { key: 'name', label: '干预人', children: record.interferer.name },
    { key: 'post', label: '干预人单位、职务', children: record.interferer.post },
    { key: 'level', label: '级别', children: levelNames[record.interferer.level] },
    {
      key: 'situation',
      label: '干预情形',
      span: 'filled',
      children: situation ? (
        <>
          <Tag>{record.ruleVersion} 版</Tag>
          {situation.label} {situation.text}
        </>
      ) : (
        record.situation
      ),
    },
    { key: 'content', label: '干预内容', span: 'filled', children: <Content record={record} /> },
    { key: 'time', label: '干预时间', children: occurredText(record.occurredAt) },
    { key: 'form', label: '干预形式', span: 'filled', children: <FormBoxes record={record} /> },
    ...detailItems(record),
    {
      key: 'recorder',
      label: '记录人(签字)',
      span: 'filled',
      children: <Signature record={record} />,
    },
    ...extraItems(record),
  ];

  return (
    <Descriptions
      bordered
      size="small"
      layout={compact ? 'vertical' : 'horizontal'}
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      items={items}
      data-testid="record-sheet"
    />
  );
}

function Content({ record }: { record: InterferenceRecord }) {
  const { indicators, case: caseInfo, words, description, storageMedium } = record.content;
  const parts: ReactNode[] = [];
  if (indicators?.length) {
    parts.push(
      <div key="indicators">
        <Typography.Text type="secondary">统计指标：</Typography.Text>
        {indicators.map((i) => `${i.name}（${i.period}）`).join('；')}
      </div>,
    );
  }
  if (caseInfo) {
    const involved = [...(caseInfo.units ?? []), ...(caseInfo.persons ?? [])];
    parts.push(
      <div key="case">
        <Typography.Text type="secondary">案件：</Typography.Text>
        {caseInfo.name}
        {involved.length > 0 && `（涉案：${involved.join('、')}）`}
      </div>,
    );
  }
  if (words) parts.push(<Quoted key="words" label="具体语言或文字表述" text={words} />);
  if (description) parts.push(<Quoted key="description" label="情况描述" text={description} />);
  if (storageMedium) {
    parts.push(<Quoted key="storage" label="信息存储介质情况" text={storageMedium} />);
  }

  return <>{parts}</>;
}

function Quoted({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
    </div>
  );
}

/** The three boxes of the paper form, the record's one ticked. */
function FormBoxes({ record }: { record: InterferenceRecord }) {
  return (
    <span data-testid="record-form-boxes">
      {forms.map((form) => (
        <span key={form} style={{ marginInlineEnd: 16, whiteSpace: 'nowrap' }}>
          {form === record.form ? '☑' : '☐'} {formNames[form]}
          {form === 'message' && record.form === 'message' && record.channel
            ? `（${channelNames[record.channel]}）`
            : ''}
        </span>
      ))}
    </span>
  );
}

function detailItems(record: InterferenceRecord): NonNullable<DescriptionsProps['items']> {
  const d = record.details;
  if (record.form === 'oral') {
    return [
      { key: 'witnesses', label: '在场人员(签字)', children: <Witnesses record={record} /> },
      { key: 'place', label: '地点', children: d.place ?? '—' },
    ];
  }

  if (record.form === 'letter') {
    return [{ key: 'sender', label: '来文来函单位', children: d.senderUnit ?? '—' }];
  }

  if (!record.channel) return [];

  const { field, label } = channelFields[record.channel];

  return [{ key: field, label, children: d[field] ?? '—' }];
}

function Witnesses({ record }: { record: InterferenceRecord }) {
  const confirmations = new Map(record.witnessConfirmations.map((c) => [c.index, c]));
  const paper = record.evidence.some((e) => e.role === 'witness-signatures' && !e.superseded);

  return (
    <>
      {(record.details.witnesses ?? []).map((w, i) => {
        const confirmed = confirmations.get(i);

        return (
          // The list is fixed once signed and confirmations name witnesses by position.
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the witness's identity
          <div key={i} data-testid={`record-witness-${i}`}>
            {w.name}
            {w.post && <Typography.Text type="secondary">（{w.post}）</Typography.Text>}{' '}
            {confirmed ? (
              <Tag color="green">已确认 {beijingTime(confirmed.at)}</Tag>
            ) : w.user ? (
              <Tag color="orange">待确认（账号 {w.user}）</Tag>
            ) : (
              <Tag color={paper ? 'blue' : 'default'}>
                {paper ? '纸质签字页已上传' : '无账号，需纸质签字页'}
              </Tag>
            )}
          </div>
        );
      })}
    </>
  );
}

function Signature({ record }: { record: InterferenceRecord }) {
  return (
    <>
      {record.recorder.name}
      {record.signedAt ? (
        <Tag color="blue" style={{ marginInlineStart: 8 }}>
          已签字 {beijingTime(record.signedAt)}
        </Tag>
      ) : (
        <Tag style={{ marginInlineStart: 8 }}>未签字</Tag>
      )}
    </>
  );
}

function extraItems(record: InterferenceRecord): NonNullable<DescriptionsProps['items']> {
  const items: NonNullable<DescriptionsProps['items']> = [];
  if (record.supplementary) {
    items.push({
      key: 'supplementary',
      label: '补充记录',
      span: 'filled',
      children: (
        <>
          障碍消除日期 {record.supplementary.obstacleRemovedOn}；原因：
          {record.supplementary.reason}
          {record.supplementaryLate && (
            <Tag color="orange" style={{ marginInlineStart: 8 }}>
              超过 15 日
            </Tag>
          )}
        </>
      ),
    });
  }
  if (record.noEvidenceReason) {
    items.push({
      key: 'noEvidence',
      label: '无证据材料的原因',
      span: 'filled',
      children: record.noEvidenceReason,
    });
  }

  return items;
}
