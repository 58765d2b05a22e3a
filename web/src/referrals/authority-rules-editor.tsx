/**
 * The cadre management authority rules (干部管理权限) on the rules page: per level of the
 * interferer, to whom a referral goes and which discipline body may be copied. {县}, {市} and
 * {省} stand for the county, city and province of the unit where the record was made.
 */
import { Alert, App, Button, Input, Skeleton, Table } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../api/client';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { type AuthorityRule, referralsApi } from './referrals';

export function AuthorityRulesEditor({ editable }: { editable: boolean }) {
  const loaded = useResource('referral-rules', referralsApi.rules);
  const [rules, setRules] = useState<AuthorityRule[]>([]);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  useEffect(() => setRules(loaded.data ?? []), [loaded.data]);

  if (loaded.error) return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Skeleton active />;

  const edit = (level: string, field: 'addressee' | 'copyTo', value: string) =>
    setRules((all) => all.map((r) => (r.level === level ? { ...r, [field]: value } : r)));
  const save = async () => {
    setSaving(true);
    try {
      setRules(await referralsApi.saveRules(rules));
      message.success('干部管理权限规则已保存');
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  const cell = (field: 'addressee' | 'copyTo') => (value: string, rule: AuthorityRule) =>
    editable ? (
      <Input value={value} onChange={(e) => edit(rule.level, field, e.target.value)} />
    ) : (
      value
    );

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按干预人级别确定移送对象；{县}、{市}、{省} 代表记录单位所在的县（区）、市、省，如“中共{县}委”在杞县统计局的记录中为“中共杞县委”。"
      />
      <Table
        rowKey="level"
        size="small"
        pagination={false}
        dataSource={rules}
        columns={[
          { title: '干预人级别', dataIndex: 'label', width: 120 },
          { title: '主送机关', dataIndex: 'addressee', render: cell('addressee') },
          { title: '抄送纪检监察机关（可选）', dataIndex: 'copyTo', render: cell('copyTo') },
        ]}
      />
      {editable && (
        <Button type="primary" onClick={save} loading={saving} style={{ marginTop: 16 }}>
          保存规则
        </Button>
      )}
    </>
  );
}
