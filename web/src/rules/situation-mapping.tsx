/**
 * The mapping from each situation of an older rule version to one situation of the newest,
 * used to analyse records across versions. The default follows the domain reference
 * (一→1, 二→2, 三→3, 四→2, 五→3, 六→4, 七→4); the system administrator may change it.
 */
import { App, Button, Flex, Select, Typography, theme } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { byEffectiveDate, type Rules, rulesApi, type Situation } from './rules';

interface Props {
  rules: Rules;
  editable: boolean;
  onSaved: (rules: Rules) => void;
}

interface Row extends Situation {
  versionId: string;
}

export function SituationMapping({ rules, editable, onSaved }: Props) {
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const versions = byEffectiveDate(rules.versions);
  const newest = versions.at(-1);
  const older: Row[] = versions
    .slice(0, -1)
    .flatMap((v) => v.situations.map((s) => ({ ...s, versionId: v.id })));
  const [links, setLinks] = useState(() => new Map(rules.mapping.map((m) => [m.from, m.to])));
  const [saving, setSaving] = useState(false);
  const complete = older.every((s) => links.has(s.id));

  if (!newest || older.length === 0) {
    return <Typography.Text type="secondary">只有一个规则版本，无需对应。</Typography.Text>;
  }

  const options = newest.situations.map((s) => ({ value: s.id, label: `${s.label} ${s.text}` }));

  const save = async () => {
    setSaving(true);
    try {
      const mapping = older.map((s) => ({ from: s.id, to: links.get(s.id)! }));
      onSaved(await rulesApi.setMapping(mapping));
      message.success('情形对应关系已保存');
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap="small">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        旧版本的每一种情形（左）须对应到 {newest.id} 版的一种情形（右），跨版本统计时按此归类。
      </Typography.Paragraph>
      {older.map((s) => (
        <Flex
          key={s.id}
          gap="small"
          wrap
          align="center"
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Typography.Text style={{ flex: '1 1 280px' }}>
            {s.versionId} 版 {s.label} {s.text}
          </Typography.Text>
          <Select
            value={links.get(s.id)}
            options={options}
            disabled={!editable}
            placeholder={`对应 ${newest.id} 版情形`}
            style={{ flex: '1 1 240px', minWidth: 0 }}
            onChange={(to: string) => setLinks(new Map(links).set(s.id, to))}
            data-testid={`mapping-${s.id}`}
          />
        </Flex>
      ))}
      {editable && (
        <div>
          <Button
            type="primary"
            disabled={!complete}
            loading={saving}
            onClick={save}
            data-testid="mapping-submit"
          >
            保存对应关系
          </Button>
        </div>
      )}
    </Flex>
  );
}
