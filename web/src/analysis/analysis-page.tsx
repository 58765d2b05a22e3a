/**
 * `/analysis` (统计分析): what the counties of a region reported, for its reviewers. The
 * filters live in the address (see analysis.ts); the page is a lazily loaded chunk because it
 * carries ECharts, which no other page needs.
 */
import { Alert, Card, Col, Empty, Flex, Row, Spin, Statistic } from 'antd';
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { quarterText } from '../reports/quarters';
import { useSignedIn } from '../session/session-context';
import {
  type AnalysisFilters,
  analysisApi,
  filtersFrom,
  paramsOf,
  type RegionAnalysis,
} from './analysis';
import { AnalysisCharts } from './analysis-charts';
import { AnalysisFilterBar } from './analysis-filters';
import { RepeatedPersonsTable } from './repeated-persons-table';

export default function AnalysisPage() {
  const { roles } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const regions = [...new Set(roles.filter((g) => g.role === 'reviewer').map((g) => g.unit))];
  const filters = filtersFrom(params, regions);
  const link = paramsOf(filters).toString();
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const analysis = useResource(`analysis?${link}`, () => analysisApi.get(filters));

  // Spell every filter out in the address at once, so even the first view is a full link.
  useEffect(() => {
    if (filters.region && params.toString() !== link) setParams(link, { replace: true });
  }, [filters.region, link, params, setParams]);

  const change = (next: AnalysisFilters) => setParams(paramsOf(next));

  if (regions.length === 0) {
    return (
      <>
        <PageTitle title="统计分析" />
        <Empty description="统计分析供上级审核人使用，您没有上级审核人角色" />
      </>
    );
  }

  const data = analysis.data;
  return (
    <>
      <PageTitle title="统计分析" />
      <AnalysisFilterBar
        filters={filters}
        regions={regions.map((code) => ({ value: code, label: unitName(byCode, code) }))}
        analysis={data}
        onChange={change}
      />
      {analysis.error !== undefined && (
        <LoadFailure error={analysis.error} onRetry={analysis.reload} />
      )}
      {data === undefined && analysis.loading && <Spin />}
      {data && (
        <Spin spinning={analysis.loading}>
          <Flex vertical gap="middle">
            <Overview analysis={data} />
            <AnalysisCharts analysis={data} />
            <RepeatedPersonsTable analysis={data} />
          </Flex>
        </Spin>
      )}
    </>
  );
}

function Overview({ analysis: a }: { analysis: RegionAnalysis }) {
  const range =
    a.from === a.to ? quarterText(a.from) : `${quarterText(a.from)}至${quarterText(a.to)}`;

  return (
    <Card size="small" data-testid="analysis-overview">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`${a.region.name}　${range}　${
          a.included === 'submitted' ? '含已报送、尚未接收的报告' : '仅计已接收的报告'
        }`}
      />
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title="干预次数" value={a.records} />
        </Col>
        <Col span={8}>
          <Statistic title="干预人数" value={a.persons} />
        </Col>
        <Col span={8}>
          <Statistic title="多次被记录的干预人" value={a.repeatedPersons.total} />
        </Col>
      </Row>
    </Card>
  );
}
