/**
 * `/annual` (年度工作): a bureau's duties for a year — its yearly regional summary compiled,
 * signed, sealed and sent, the documents, and the checklist of what keeps the year open. The
 * bureau and the year live in the address (`?unit=410221&year=2020`), so a view can be shared
 * as a link; the year defaults to the last one that has ended, whose summary is due now.
 */
import { Empty, Flex, Form, Select, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { useSignedIn } from '../session/session-context';
import { lastYear } from './annual';
import { annualBureaus } from './annual-bureaus';
import { AnnualYearView } from './annual-year-view';

/** The years offered: the current one (readable, not yet compilable) and nine before it. */
function yearOptions(): Array<{ value: number; label: string }> {
  const newest = lastYear() + 1;

  return Array.from({ length: 10 }, (_, i) => ({
    value: newest - i,
    label: `${newest - i}年度`,
  }));
}

export function AnnualPage() {
  const { roles } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const bureaus = useMemo(() => annualBureaus(units.data ?? [], roles), [units.data, roles]);
  const asked = params.get('unit') ?? '';
  const unit = bureaus.includes(asked) ? asked : bureaus[0];
  const askedYear = params.get('year') ?? '';
  const year = /^\d{4}$/.test(askedYear) ? Number(askedYear) : lastYear();
  const years = yearOptions();
  if (!years.some((y) => y.value === year)) years.push({ value: year, label: `${year}年度` });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  if (units.error && !units.data) {
    return (
      <>
        <PageTitle title="年度工作" />
        <LoadFailure error={units.error} onRetry={units.reload} />
      </>
    );
  }
  if (!units.data) {
    return (
      <>
        <PageTitle title="年度工作" />
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  if (!unit) {
    return (
      <>
        <PageTitle title="年度工作" />
        <Empty description="您在各统计局没有填报人、负责人或审核人角色，无需办理年度工作" />
      </>
    );
  }

  return (
    <>
      <PageTitle title={`年度工作：${unitName(byCode, unit)} ${year}年度`} />
      <Flex wrap gap="middle" align="end" style={{ marginBottom: 16 }}>
        <Form.Item label="统计局" htmlFor="annual-unit" style={{ marginBottom: 0 }}>
          <Select
            id="annual-unit"
            value={unit}
            options={bureaus.map((code) => ({ value: code, label: unitName(byCode, code) }))}
            onChange={(value) => set('unit', value)}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            data-testid="annual-unit"
          />
        </Form.Item>
        <Form.Item label="年度" htmlFor="annual-year" style={{ marginBottom: 0 }}>
          <Select
            id="annual-year"
            value={year}
            options={years}
            onChange={(value) => set('year', String(value))}
            style={{ width: 140 }}
            data-testid="annual-year"
          />
        </Form.Item>
      </Flex>
      <AnnualYearView key={`${unit}:${year}`} unit={unit} year={year} byCode={byCode} />
    </>
  );
}
