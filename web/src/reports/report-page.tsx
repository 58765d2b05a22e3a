/**
 * `/reports/:unit/:period` (季度报告): a unit's report for one quarter — where it stands, its
 * due date and lateness, what to fix before compiling, what the signed-in user may do next,
 * the summary (附件2), the ledger (附件1) and every version sent. The unit's filler and heads
 * work on it; a reviewer of the bureau above reads it, checks its integrity and decides.
 */
import { Alert, Card, Descriptions, Flex, Result, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { DocumentDownloads } from '../documents/document-downloads';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { beijingTime } from '../records/record-terms';
import { situationsById } from '../records/rule-situations';
import { rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { dateText, parseQuarter, quarterText } from './quarters';
import { permissionsOf, ReportActions } from './report-actions';
import { ReportIntegrity } from './report-integrity';
import { ReportLedger } from './report-ledger';
import { ReportSteps } from './report-steps';
import { ReportSummary } from './report-summary';
import { kindNames, LateTag, ReportStatusTag } from './report-terms';
import { ReportVersions } from './report-versions';
import { ReportWarnings } from './report-warnings';
import { type Report, reportsApi } from './reports';

export function ReportPage() {
  const { unit = '', period = '' } = useParams<{ unit: string; period: string }>();
  const report = useResource(`report:${unit}:${period}`, () => reportsApi.read(unit, period));
  const title = `季度报告 · ${quarterText(period)}`;

  if (!parseQuarter(period)) {
    return <Result status="404" title="季度格式不正确" subTitle="季度应写作 2020Q2 的形式" />;
  }
  if (report.error && !report.data) {
    return (
      <>
        <PageTitle title={title} />
        <LoadFailure error={report.error} onRetry={report.reload} />
      </>
    );
  }
  if (!report.data) {
    return (
      <>
        <PageTitle title={title} />
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  }

  return <ReportView report={report.data} onChanged={report.reload} />;
}

function ReportView({ report, onChanged }: { report: Report; onChanged: () => void }) {
  const { roles } = useSignedIn();
  const units = useResource('units', unitsApi.list);
  const rules = useResource('rules', rulesApi.read);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const situations = useMemo(() => situationsById(rules.data?.versions ?? []), [rules.data]);
  const [reason, setReason] = useState('');
  const name = unitName(byCode, report.unit);
  const permissions = permissionsOf(report.unit, byCode.get(report.unit)?.reportsTo, roles);

  return (
    <>
      <PageTitle title={`季度报告：${name} ${quarterText(report.period)}`} />
      <Flex vertical gap="middle">
        <Flex align="center" gap="small" wrap>
          {report.compiled ? (
            <ReportStatusTag status={report.status} testId="report-status" />
          ) : (
            <span data-testid="report-status" data-status="uncompiled">
              尚未编制
            </span>
          )}
          {report.compiled && report.kind && (
            <span>
              第 {report.version} 版 · {kindNames[report.kind]}
            </span>
          )}
          {permissions.isReviewer && <span>（上级审核，只读）</span>}
        </Flex>
        {report.status === 'returned' && report.returnReason && (
          <Alert
            type="error"
            showIcon
            data-testid="report-returned"
            title={`上级已于 ${beijingTime(report.decidedAt)} 退回本报告`}
            description={`退回原因：${report.returnReason}`}
          />
        )}
        <Card size="small">
          <ReportSteps report={report} />
        </Card>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 4 }}
          data-testid="report-facts"
          items={[
            {
              key: 'due',
              label: '报送截止',
              children: (
                <span data-testid="report-due">
                  {dateText(report.due)} <LateTag late={report.late} daysLate={report.daysLate} />
                </span>
              ),
            },
            { key: 'records', label: '台账记录', children: `${report.ledger.length} 条` },
            {
              key: 'submitted',
              label: '报送时间',
              children: report.submittedAt ? beijingTime(report.submittedAt) : '—',
            },
            {
              key: 'scan',
              label: '扫描件',
              children: report.scan ? (
                <a
                  href={`/api/v1/reports/${report.unit}/${report.period}/scan?version=${report.version}`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="report-scan-view"
                >
                  查看扫描件（SM3 {report.scan.sm3.slice(0, 12)}…）
                </a>
              ) : (
                '—'
              ),
            },
          ]}
        />
        <ReportWarnings
          report={report}
          editable={permissions.isFiller}
          reason={reason}
          onReason={setReason}
        />
        {(permissions.isFiller || permissions.signerRoles.length > 0 || permissions.isReviewer) && (
          <Card size="small" title="办理">
            <ReportActions
              report={report}
              permissions={permissions}
              witnessGapReason={reason}
              onChanged={onChanged}
            />
          </Card>
        )}
        {permissions.isReviewer && <ReportIntegrity integrity={report.integrity} />}
        {!report.compiled && (
          <Alert
            type="info"
            showIcon
            title="以下为按当前记录生成的预览，填报人编制后才成为正式报告"
          />
        )}
        <Card title="导出与打印" size="small">
          <DocumentDownloads unit={report.unit} period={report.period} />
        </Card>
        <Card title="汇总表（附件2）" size="small" styles={{ body: { overflowX: 'auto' } }}>
          <ReportSummary report={report} unitName={name} situations={situations} />
        </Card>
        <Card title="台账（附件1）" size="small">
          <ReportLedger ledger={report.ledger} situations={situations} />
        </Card>
        <Card title="版本记录" size="small">
          <ReportVersions versions={report.versions} />
        </Card>
      </Flex>
    </>
  );
}
