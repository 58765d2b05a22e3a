/**
 * What the filler should know before compiling: records still in draft (they are left out of
 * the ledger until signed) and records still awaiting their witnesses, which may only be
 * submitted with a reason for the gap (`witnessGapReason`, sent with the compile).
 */
import { Alert, Flex, Input, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Report } from './reports';

interface Props {
  report: Report;
  /** The filler may edit the reason; others only read it. */
  editable: boolean;
  reason: string;
  onReason: (reason: string) => void;
}

export function ReportWarnings({ report, editable, reason, onReason }: Props) {
  const { drafts, awaitingWitness } = report.warnings;
  const given = report.witnessGapReason ?? report.warnings.witnessGapReason;
  if (drafts.length === 0 && awaitingWitness.length === 0) return null;

  return (
    <Flex vertical gap="small" data-testid="report-warnings">
      {drafts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-warning-drafts"
          title={`本季度有 ${drafts.length} 条记录仍是草稿，未签字的记录不计入台账`}
          description={<RecordLinks ids={drafts} />}
        />
      )}
      {awaitingWitness.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-warning-witness"
          title={`有 ${awaitingWitness.length} 条口头干预记录仍待在场人员确认`}
          description={
            <Flex vertical gap="small">
              <RecordLinks ids={awaitingWitness} />
              {editable ? (
                <>
                  <Typography.Text>
                    如确需在在场人员确认前报送，请说明原因（编制时一并提交）：
                  </Typography.Text>
                  <Input.TextArea
                    value={reason}
                    onChange={(e) => onReason(e.target.value)}
                    maxLength={1000}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    placeholder={given ?? '例如：在场人员出差，返回后补签'}
                    data-testid="witness-gap-reason"
                  />
                  {report.compiled && !given && (
                    <Typography.Text type="secondary">
                      当前版本未说明原因，报送前须填写原因并重新编制。
                    </Typography.Text>
                  )}
                </>
              ) : null}
              {given && <Typography.Text>已说明的原因：{given}</Typography.Text>}
            </Flex>
          }
        />
      )}
    </Flex>
  );
}

function RecordLinks({ ids }: { ids: string[] }) {
  return (
    <Flex wrap gap="small">
      {ids.map((id, i) => (
        <Link key={id} to={`/records/${encodeURIComponent(id)}`}>
          记录 {i + 1}（{id.slice(0, 8)}）
        </Link>
      ))}
    </Flex>
  );
}
