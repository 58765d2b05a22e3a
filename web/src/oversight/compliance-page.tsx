/**
 * `/compliance` (制度执行): for a reviewer, how the units of their region keep the reporting
 * rules over a range of quarters: the rates and counts, the unit × quarter table with each
 * unit's history, the bureaus' yearly summaries (本地区年度汇总表) for the whole years in the
 * range, the xlsx export, and the accountability list (责任追究). The range, bureau and tab
 * live in the address, so a view can be shared as a link.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Select, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { currentQuarter, parseQuarter, quarterOptions } from '../reports/quarters';
import { useSignedIn } from '../session/session-context';
import { AccountabilityList } from './accountability-list';
import { AnnualComplianceList } from './annual-compliance-list';
import { ComplianceTable } from './compliance-table';
import { ComplianceTotals } from './compliance-totals';
import { oversightApi } from './oversight';
import { UnitHistoryDrawer } from './unit-history-drawer';

export function CompliancePage() {
  const { roles } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const bureaus = [...new Set(roles.filter((g) => g.role === 'reviewer').map((g) => g.unit))];
  const latest = currentQuarter();
  const year = parseQuarter(latest)!.year;
  const pick = (key: string, fallback: string) =>
    parseQuarter(params.get(key) ?? '') ? params.get(key)! : fallback;
  const from = pick('from', `${year}Q1`);
  const to = pick('to', latest);
  const bureau = bureaus.includes(params.get('bureau') ?? '') ? params.get('bureau')! : bureaus[0];
  const tab = params.get('tab') === 'accountability' ? 'accountability' : 'compliance';
  const [opened, setOpened] = useState<string | null>(null);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setParams(next, { replace: true });
  };
  const options = quarterOptions(latest, 40);

  if (!bureau) {
    return (
      <>
        <PageTitle title="制度执行" />
        <Empty description="您没有上级审核人角色，无需查看制度执行情况" />
      </>
    );
  }

  return (
    <>
      <PageTitle
        title="制度执行"
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={oversightApi.exportUrl(bureau, from, to)}
            data-testid="compliance-export"
          >
            导出 Excel
          </Button>
        }
      />
      <Flex wrap gap="middle" align="end" style={{ marginBottom: 16 }}>
        {bureaus.length > 1 && (
          <Form.Item label="地区" style={{ marginBottom: 0 }}>
            <Select
              value={bureau}
              options={bureaus.map((code) => ({ value: code, label: unitName(byCode, code) }))}
              onChange={(value) => set({ bureau: value })}
              style={{ minWidth: 180 }}
            />
          </Form.Item>
        )}
        <Form.Item label="起始季度" style={{ marginBottom: 0 }}>
          <Select
            value={from}
            options={options}
            onChange={(value) => set(value > to ? { from: value, to: value } : { from: value })}
            style={{ width: 150 }}
            data-testid="compliance-from"
          />
        </Form.Item>
        <Form.Item label="截止季度" style={{ marginBottom: 0 }}>
          <Select
            value={to}
            options={options}
            onChange={(value) => set(value < from ? { from: value, to: value } : { to: value })}
            style={{ width: 150 }}
            data-testid="compliance-to"
          />
        </Form.Item>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key })}
        items={[
          {
            key: 'compliance',
            label: '执行情况',
            children: (
              <Compliance bureau={bureau} from={from} to={to} onOpen={(unit) => setOpened(unit)} />
            ),
          },
          {
            key: 'accountability',
            label: '责任追究',
            children: <AccountabilityList region={bureau} from={from} to={to} canWrite />,
          },
        ]}
      />
      <UnitHistoryDrawer
        region={bureau}
        unit={opened}
        from={from}
        to={to}
        onClose={() => setOpened(null)}
      />
    </>
  );
}

interface ComplianceProps {
  bureau: string;
  from: string;
  to: string;
  onOpen: (unit: string) => void;
}

function Compliance({ bureau, from, to, onOpen }: ComplianceProps) {
  const view = useResource(`compliance:${bureau}:${from}:${to}`, () =>
    oversightApi.compliance(bureau, from, to),
  );

  return (
    <Flex vertical gap="middle">
      {view.error ? <LoadFailure error={view.error} onRetry={view.reload} /> : null}
      {view.data && <ComplianceTotals view={view.data} />}
      <Card size="small" title="各单位各季度报送情况（点击单位名称查看报送历史）">
        <ComplianceTable view={view.data} loading={view.loading} onOpen={onOpen} />
      </Card>
      <Card
        size="small"
        title="本地区年度汇总表（点击统计局名称查看其年度工作）"
        data-testid="annual-compliance"
      >
        <AnnualComplianceList cells={view.data?.annual} />
      </Card>
    </Flex>
  );
}
