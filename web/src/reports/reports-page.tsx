/**
 * `/reports` (季度报送): where a unit's filler and heads pick the unit and quarter to work on
 * (by default the last quarter that has ended, the one due now), and where a reviewer sees the
 * units reporting to their bureau for a quarter and across a year.
 */
import { Button, Card, Empty, Flex, Form, Select } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import type { RoleGrant } from '../org/users';
import { PageTitle } from '../page-title';
import { useSignedIn } from '../session/session-context';
import { InboxMatrix } from './inbox-matrix';
import { InboxTable, reportPath } from './inbox-table';
import { currentQuarter, lastFinishedQuarter, parseQuarter, quarterOptions } from './quarters';

const UNIT_ROLES = new Set(['filler', 'ruleOfLawLeader', 'principal']);

const distinctUnits = (grants: RoleGrant[]) => [...new Set(grants.map((g) => g.unit))];

export function ReportsPage() {
  const { roles } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const ownUnits = distinctUnits(roles.filter((g) => UNIT_ROLES.has(g.role)));
  const bureaus = distinctUnits(roles.filter((g) => g.role === 'reviewer'));
  const fallback = lastFinishedQuarter();
  const period = parseQuarter(params.get('period') ?? '') ? params.get('period')! : fallback;
  const unit = ownUnits.includes(params.get('unit') ?? '') ? params.get('unit')! : ownUnits[0];
  const bureau = bureaus.includes(params.get('bureau') ?? '') ? params.get('bureau')! : bureaus[0];
  const year = parseQuarter(period)?.year ?? new Date().getFullYear();
  const periods = quarterOptions(currentQuarter(), 16);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const unitChoices = (codes: string[]) =>
    codes.map((code) => ({ value: code, label: unitName(byCode, code) }));

  if (ownUnits.length === 0 && bureaus.length === 0) {
    return (
      <>
        <PageTitle title="季度报送" />
        <Empty description="您没有填报人、负责人或上级审核人角色，无需办理季度报送" />
      </>
    );
  }

  const periodPicker = (
    <Form.Item label="季度" style={{ marginBottom: 0 }}>
      <Select
        value={period}
        options={periods}
        onChange={(value) => set('period', value)}
        style={{ width: 160 }}
        data-testid="reports-period"
      />
    </Form.Item>
  );

  return (
    <>
      <PageTitle title="季度报送" />
      <Flex vertical gap="middle">
        {unit && (
          <Card title="本单位季度报告" size="small">
            <Flex wrap gap="middle" align="end">
              <Form.Item label="单位" style={{ marginBottom: 0 }}>
                <Select
                  value={unit}
                  options={unitChoices(ownUnits)}
                  onChange={(value) => set('unit', value)}
                  style={{ minWidth: 200, maxWidth: '100%' }}
                  data-testid="reports-unit"
                />
              </Form.Item>
              {periodPicker}
              <Link to={reportPath(unit, period)}>
                <Button type="primary" data-testid="reports-open">
                  打开季度报告
                </Button>
              </Link>
            </Flex>
          </Card>
        )}
        {bureau && (
          <>
            <Card
              title="下级单位报送情况"
              size="small"
              extra={
                bureaus.length > 1 && (
                  <Select
                    value={bureau}
                    options={unitChoices(bureaus)}
                    onChange={(value) => set('bureau', value)}
                    data-testid="reports-bureau"
                  />
                )
              }
            >
              {!unit && <Flex style={{ marginBottom: 12 }}>{periodPicker}</Flex>}
              <InboxTable bureau={bureau} period={period} />
            </Card>
            <Card title={`${year} 年报送一览`} size="small">
              <InboxMatrix bureau={bureau} from={`${year}Q1`} to={`${year}Q4`} />
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}
