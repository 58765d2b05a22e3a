/**
 * The charts of the analysis page, each with its data table: incidents (次数) by quarter, by
 * situation, by form, by level and by unit, and the indicators most often targeted. Persons
 * (人数) stand beside incidents where the summary counts both.
 */
import { Col, Row, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { quarterText } from '../reports/quarters';
import type { RegionAnalysis } from './analysis';
import { barOption } from './chart-options';
import { ChartPanel } from './chart-panel';

const count = (title: string, key: string) => ({ title, dataIndex: key, align: 'right' as const });

export function AnalysisCharts({ analysis: a }: { analysis: RegionAnalysis }) {
  const options = useMemo(() => chartOptions(a), [a]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="quarters"
          title="各季度干预次数与人数"
          option={options.quarters}
          rows={a.byQuarter.map((q) => ({ ...q, text: quarterText(q.period) }))}
          rowKey="period"
          columns={[
            { title: '季度', dataIndex: 'text' },
            count('次数', 'records'),
            count('人数', 'persons'),
          ]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="situations"
          title={`按干预情形（${a.ruleVersion.id} 年制度）`}
          option={options.situations}
          rows={a.bySituation}
          rowKey="id"
          columns={situationColumns}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="forms"
          title="按干预形式"
          option={options.forms}
          rows={a.byForm}
          rowKey="row"
          columns={[{ title: '形式', dataIndex: 'label' }, count('次数', 'records')]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="levels"
          title="按干预人级别"
          option={options.levels}
          rows={a.byLevel}
          rowKey="level"
          columns={[
            { title: '级别', dataIndex: 'label' },
            count('次数', 'records'),
            count('人数', 'persons'),
          ]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="units"
          title="按单位"
          option={options.units}
          height={Math.max(240, a.byUnit.length * 44)}
          rows={a.byUnit}
          rowKey="code"
          columns={[
            { title: '单位', dataIndex: 'name' },
            count('次数', 'records'),
            count('人数', 'persons'),
          ]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          id="indicators"
          title="被干预最多的统计指标（前 20 项）"
          option={options.indicators}
          height={Math.max(240, a.topIndicators.length * 32)}
          rows={a.topIndicators}
          rowKey="name"
          columns={[{ title: '统计指标', dataIndex: 'name' }, count('记录数', 'records')]}
        />
      </Col>
    </Row>
  );
}

const situationColumns: TableColumnsType<RegionAnalysis['bySituation'][number]> = [
  { title: '情形', dataIndex: 'label', width: 72 },
  { title: '内容', dataIndex: 'text' },
  count('次数', 'records'),
];

function chartOptions(a: RegionAnalysis) {
  return {
    quarters: barOption({
      categories: a.byQuarter.map((q) => q.period),
      series: [
        { name: '次数', values: a.byQuarter.map((q) => q.records) },
        { name: '人数', values: a.byQuarter.map((q) => q.persons), line: true },
      ],
    }),
    situations: barOption({
      // 2023 numbers its situations 「1.」: shown as (1), so an axis label is not read as a value.
      categories: a.bySituation.map((s) => s.label.replace(/^(\d+)\.$/, '($1)')),
      series: [{ name: '次数', values: a.bySituation.map((s) => s.records) }],
    }),
    forms: barOption({
      categories: a.byForm.map((f) => f.label),
      series: [{ name: '次数', values: a.byForm.map((f) => f.records) }],
    }),
    levels: barOption({
      categories: a.byLevel.map((l) => l.label),
      series: [
        { name: '次数', values: a.byLevel.map((l) => l.records) },
        { name: '人数', values: a.byLevel.map((l) => l.persons) },
      ],
    }),
    units: barOption({
      horizontal: true,
      categories: a.byUnit.map((u) => u.name),
      series: [
        { name: '次数', values: a.byUnit.map((u) => u.records) },
        { name: '人数', values: a.byUnit.map((u) => u.persons) },
      ],
    }),
    indicators: barOption({
      horizontal: true,
      categories: a.topIndicators.map((i) => i.name),
      series: [{ name: '记录数', values: a.topIndicators.map((i) => i.records) }],
    }),
  };
}
