/**
 * The bureau above's check of a submitted report: that every record it lists is still in the
 * unit's log as it was, against the checkpoint sent with it. Green when intact; a red alarm
 * naming each problem otherwise.
 */
import { Alert } from 'antd';
import { beijingTime } from '../records/record-terms';
import type { Integrity } from './reports';

export function ReportIntegrity({ integrity }: { integrity: Integrity | null | undefined }) {
  if (!integrity) return null;

  if (integrity.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="report-integrity"
        data-ok="true"
        title="完整性校验通过"
        description={`台账所列记录与报送时的检查点一致（校验时间 ${beijingTime(integrity.checkedAt)}）`}
      />
    );
  }

  return (
    <Alert
      type="error"
      showIcon
      data-testid="report-integrity"
      data-ok="false"
      title="完整性校验未通过：报送后的记录与检查点不一致"
      description={
        <>
          <div>校验时间 {beijingTime(integrity.checkedAt)}</div>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {integrity.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}
