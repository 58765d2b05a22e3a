/**
 * Where a bureau's yearly summary stands: 编制 → 两位负责人签字 → 盖章 → 报送, as the quarterly
 * report's steps but with no decision above: the city's summary goes to 市委、市政府、省统计局.
 */
import { Grid, Steps, type StepsProps } from 'antd';
import { beijingTime } from '../records/record-terms';
import type { AnnualStatus, AnnualVersion } from './annual';

// The step in progress for each status; a sent summary has finished the last one.
const stepOf: Record<AnnualStatus, number> = { draft: 1, signed: 2, sealed: 3, submitted: 3 };

export function AnnualSteps({ current }: { current: AnnualVersion | null }) {
  const compact = !Grid.useBreakpoint().md;
  const items: NonNullable<StepsProps['items']> = [
    { title: '编制', content: current ? beijingTime(current.compiledAt) : '待编制' },
    {
      title: '两位负责人签字',
      content: current ? `${current.signatures.length}/2 位负责人` : undefined,
    },
    { title: '盖章', content: current?.sealed ? '已加盖公章' : undefined },
    { title: '报送', content: current?.submittedAt ? beijingTime(current.submittedAt) : undefined },
  ];

  return (
    <Steps
      size="small"
      orientation={compact ? 'vertical' : 'horizontal'}
      current={current ? stepOf[current.status] : 0}
      status={current?.status === 'submitted' ? 'finish' : current?.stale ? 'error' : 'process'}
      data-testid="annual-steps"
      data-status={current?.status ?? 'uncompiled'}
      items={items}
    />
  );
}
