/**
 * A bureau's yearly summary in a list: its state as a tag with an icon, its timing and how far
 * an unsent version has come, all in words (已报送 · 逾期 3 天 · 编制中), so that it reads without
 * colour and in grey print.
 */
import { CheckCircleOutlined, CloseCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  type AnnualComplianceCell,
  type AnnualComplianceStatus,
  annualComplianceColors,
  annualComplianceNames,
  annualStatusNames,
  annualTimingText,
} from './annual';

const icons: Record<AnnualComplianceStatus, ReactNode> = {
  'not-due': <MinusCircleOutlined />,
  missing: <CloseCircleOutlined />,
  submitted: <CheckCircleOutlined />,
};

export function AnnualComplianceTag({ cell }: { cell: AnnualComplianceCell }) {
  const timing = annualTimingText(cell);

  return (
    <span data-testid={`annual-cell-${cell.unit}`} data-status={cell.status}>
      <Tag icon={icons[cell.status]} color={annualComplianceColors[cell.status]}>
        {annualComplianceNames[cell.status]}
      </Tag>
      <Typography.Text type={cell.late ? 'danger' : 'secondary'}>{timing}</Typography.Text>
    </span>
  );
}

/** 编制中, 已签字, 已盖章 for a version not yet sent; nothing when there is none. */
export function annualProgressText(cell: AnnualComplianceCell): string {
  if (!cell.progress) return cell.status === 'submitted' ? '—' : '尚未编制';

  const words = annualStatusNames[cell.progress];

  return cell.status === 'submitted' ? `更正版本${words}` : words;
}
