/**
 * `/rules` (规则与日历): the rule versions and their effective dates, the mapping between
 * versions, the holiday table and the due dates it leads to. The tab is in the address
 * (`?tab=holidays`), so a link can open it directly.
 */
import { Card, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { DueDatePreview } from '../calendar/due-date-preview';
import { PageTitle } from '../page-title';
import { AuthorityRulesEditor } from '../referrals/authority-rules-editor';
import { useSignedIn } from '../session/session-context';
import { HolidaysPage } from './holidays-page';
import { RuleVersions } from './rule-versions';
import { type Rules, rulesApi } from './rules';
import { SituationMapping } from './situation-mapping';

const tabKeys = ['versions', 'mapping', 'holidays', 'due-dates', 'referral'] as const;
type TabKey = (typeof tabKeys)[number];

export function RulesPage() {
  const { user } = useSignedIn();
  const editable = user.adminRole === 'sysadmin';
  const rules = useResource('rules', rulesApi.read);
  const [saved, setSaved] = useState<Rules | null>(null);
  const [calendarVersion, setCalendarVersion] = useState(0);
  const [params, setParams] = useSearchParams();
  const tab = tabKeys.find((key) => key === params.get('tab')) ?? 'versions';
  const current = saved ?? rules.data;

  const rulesTab = (render: (r: Rules) => ReactNode) =>
    current ? (
      render(current)
    ) : rules.error ? (
      <LoadFailure error={rules.error} onRetry={rules.reload} />
    ) : null;

  const items: Array<{ key: TabKey; label: string; children: ReactNode }> = [
    {
      key: 'versions',
      label: '规则版本',
      children: rulesTab((r) => <RuleVersions rules={r} editable={editable} onSaved={setSaved} />),
    },
    {
      key: 'mapping',
      label: '新旧情形对应',
      children: rulesTab((r) => (
        <SituationMapping rules={r} editable={editable} onSaved={setSaved} />
      )),
    },
    {
      key: 'holidays',
      label: '节假日',
      children: (
        <Card>
          <HolidaysPage editable={editable} onChanged={() => setCalendarVersion((v) => v + 1)} />
        </Card>
      ),
    },
    {
      key: 'due-dates',
      label: '报送截止日',
      children: <DueDatePreview version={calendarVersion} />,
    },
    {
      key: 'referral',
      label: '干部管理权限',
      children: (
        <Card>
          <AuthorityRulesEditor editable={editable} />
        </Card>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="规则与日历" />
      <Tabs
        activeKey={tab}
        items={items.map((item) => ({
          ...item,
          label: <span data-testid={`rules-tab-${item.key}`}>{item.label}</span>,
        }))}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
      />
    </>
  );
}
