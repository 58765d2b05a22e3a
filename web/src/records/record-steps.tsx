/**
 * Where a record stands: 草稿 → 记录人签字 → 在场人员确认 → 完成 (domain README §7). A letter or
 * message has no witnesses and completes at signing; a voided record ends on a red 作废 step.
 */
import { Grid, Steps, type StepsProps } from 'antd';
import { beijingTime, witnessesAwaited } from './record-terms';
import type { InterferenceRecord } from './records';

// The step in progress; a complete record has finished the last one.
const stepOf = { draft: 1, signed: 2, complete: 3, voided: 4 } as const;

export function RecordSteps({ record }: { record: InterferenceRecord }) {
  const compact = !Grid.useBreakpoint().md;
  const items: NonNullable<StepsProps['items']> = [
    { title: '草稿', content: beijingTime(record.createdAt) },
    {
      title: '记录人签字',
      content: record.signedAt ? beijingTime(record.signedAt) : record.recorder.name,
      status: record.voided && !record.signedAt ? 'wait' : undefined,
    },
    {
      title: '在场人员确认',
      content: confirmationText(record),
      status: record.voided && !record.completedAt ? 'wait' : undefined,
    },
    {
      title: '完成',
      content: record.completedAt ? beijingTime(record.completedAt) : undefined,
      status: record.voided && !record.completedAt ? 'wait' : undefined,
    },
  ];
  if (record.voided) {
    items.push({ title: '已作废', content: beijingTime(record.voided.at), status: 'error' });
  }

  return (
    <Steps
      size="small"
      orientation={compact ? 'vertical' : 'horizontal'}
      current={stepOf[record.status]}
      status={record.status === 'complete' ? 'finish' : 'process'}
      data-testid="record-steps"
      items={items}
    />
  );
}

function confirmationText(record: InterferenceRecord): string | undefined {
  if (record.form !== 'oral') return '无需';
  if (!record.signedAt) return `${record.details.witnesses?.length ?? 0} 名在场人员`;

  const awaited = witnessesAwaited(record);
  if (!record.completedAt) return awaited;

  return awaited ? '签字页已上传' : '已确认';
}
