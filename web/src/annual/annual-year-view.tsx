/**
 * One bureau's year on the annual page: the due date and where its summary stands, the steps
 * and what the user may do next, the checklist of what keeps the year open, the documents,
 * the figures of the current version (or, before compiling, the figures as they stand now)
 * and every version.
 */
import { Alert, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import type { Unit } from '../org/units';
import { beijingTime } from '../records/record-terms';
import { situationsById } from '../records/rule-situations';
import { dateText } from '../reports/quarters';
import { SummarySheet } from '../reports/report-summary';
import { rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { type AnnualComplianceCell, type AnnualView, annualApi, annualStatusNames } from './annual';
import { AnnualActions } from './annual-actions';
import { annualPermissionsOf } from './annual-bureaus';
import { AnnualChecklist } from './annual-checklist';
import { AnnualComplianceTag } from './annual-compliance-tag';
import { AnnualDownloads } from './annual-downloads';
import { AnnualSteps } from './annual-steps';
import { AnnualVersions } from './annual-versions';
import { CardHeading } from './card-heading';

interface Props {
  unit: string;
  year: number;
  byCode: Map<string, Unit>;
}

export function AnnualYearView({ unit, year, byCode }: Props) {
  const { roles } = useSignedIn();
  const view = useResource(`annual:${unit}:${year}`, () => annualApi.read(unit, year));
  const permissions = annualPermissionsOf(byCode, roles, unit);

  if (view.error && !view.data) return <LoadFailure error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const data = view.data;

  return (
    <Flex vertical gap="middle" data-testid="annual-view">
      <AnnualFacts view={data} />
      {data.current?.stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="annual-stale"
          title="本地区汇总表已过时，须重新编制"
          description="编制之后又有季度报告被接收，当前版本的数字已不是本地区的最新数字，不能再签字、盖章或报送。请填报人重新编制，再由两位负责人签字、加盖公章后报送。"
        />
      )}
      <Card size="small">
        <AnnualSteps current={data.current} />
      </Card>
      <Card size="small" title={<CardHeading>办理</CardHeading>}>
        <AnnualActions view={data} permissions={permissions} onChanged={view.reload} />
      </Card>
      <AnnualChecklist view={data} />
      <Card size="small" title={<CardHeading>导出</CardHeading>}>
        <AnnualDownloads view={data} mayReport={permissions.isReviewer} />
      </Card>
      <AnnualFigures view={data} />
      <Card size="small" title={<CardHeading>版本记录</CardHeading>}>
        <AnnualVersions unit={unit} year={year} versions={data.versions} />
      </Card>
    </Flex>
  );
}

function AnnualFacts({ view }: { view: AnnualView }) {
  const { current } = view;

  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 4 }}
      data-testid="annual-facts"
      items={[
        {
          key: 'due',
          label: '报送截止',
          children: <span data-testid="annual-due">{dateText(view.due)}</span>,
        },
        {
          key: 'status',
          label: '报送情况',
          children: <AnnualComplianceTag cell={ownCell(view)} />,
        },
        {
          key: 'version',
          label: '当前版本',
          children: current ? (
            <span data-testid="annual-status" data-status={current.status}>
              第 {current.version} 版 · {annualStatusNames[current.status]}
            </span>
          ) : (
            <span data-testid="annual-status" data-status="uncompiled">
              尚未编制
            </span>
          ),
        },
        {
          key: 'submitted',
          label: '报送时间',
          children: current?.submittedAt ? beijingTime(current.submittedAt) : '—',
        },
      ]}
    />
  );
}

/**
 * The bureau's own summary as the compliance view judges it: lateness on the first version
 * sent, or for one not sent the days past the due date so far.
 */
function ownCell(view: AnnualView): AnnualComplianceCell {
  const sent = view.versions.filter((v) => v.submittedAt !== null);
  const first = sent.at(-1);
  const unsent = view.versions.find((v) => v.submittedAt === null);
  const overdue = daysBetween(view.due, view.today);
  const base = {
    unit: view.region.code,
    name: view.region.name,
    year: view.year,
    due: view.due,
    progress: unsent && unsent.status !== 'submitted' ? unsent.status : null,
  };
  if (!first) {
    return {
      ...base,
      status: overdue > 0 ? 'missing' : 'not-due',
      late: overdue > 0,
      daysLate: Math.max(0, overdue),
      firstSubmittedAt: null,
      version: null,
    };
  }

  return {
    ...base,
    status: 'submitted',
    late: (first.daysLate ?? 0) > 0,
    daysLate: first.daysLate ?? 0,
    firstSubmittedAt: first.submittedAt,
    version: sent[0]!.version,
  };
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function AnnualFigures({ view }: { view: AnnualView }) {
  const rules = useResource('rules', rulesApi.read);
  const situations = useMemo(() => situationsById(rules.data?.versions ?? []), [rules.data]);
  const { current } = view;
  const figures = current?.summary ?? view.live;

  return (
    <Card
      size="small"
      title={<CardHeading>本地区汇总表（附件2）</CardHeading>}
      styles={{ body: { overflowX: 'auto' } }}
    >
      <Flex vertical gap="small">
        {current ? (
          <Typography.Text data-testid="annual-basis">
            第 {current.version} 版汇总本地区 {figures.units} 个单位已接收的 {current.reports}{' '}
            份季度报告，共 {figures.records} 条记录。
          </Typography.Text>
        ) : (
          <Alert
            type="info"
            showIcon
            data-testid="annual-live"
            title="尚未编制：以下为按目前已接收的季度报告实时汇总的数字，填报人编制后才成为正式的本地区汇总表"
            description={`目前计入 ${figures.units} 个单位，共 ${figures.records} 条记录。`}
          />
        )}
        <SummarySheet
          summary={figures}
          periodText={`${view.year}年度`}
          unitName={view.region.name}
          sealed={Boolean(current?.sealed)}
          signatures={current?.signatures ?? []}
          compiledBy={current?.compiledBy}
          situations={situations}
          testId="annual-summary"
        />
      </Flex>
    </Card>
  );
}
