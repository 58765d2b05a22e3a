/**
 * The rule versions with their situations and effective dates. A deployment applies one
 * version per period from its effective date; the system administrator may move the dates.
 */
import { App, Button, Card, DatePicker, Flex, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../api/client';
import { byEffectiveDate, type Rules, type RuleVersion, rulesApi, type Situation } from './rules';

interface Props {
  rules: Rules;
  editable: boolean;
  onSaved: (rules: Rules) => void;
}

export function RuleVersions({ rules, editable, onSaved }: Props) {
  const versions = byEffectiveDate(rules.versions);

  return (
    <Flex vertical gap="middle">
      {versions.map((version, i) => (
        <Card
          key={version.id}
          size="small"
          title={
            <Flex gap="small" align="center" wrap>
              <Tag color={i === versions.length - 1 ? 'blue' : 'default'}>{version.id} 版</Tag>
              <span style={{ whiteSpace: 'normal' }}>{version.name}</span>
            </Flex>
          }
        >
          <EffectiveDate version={version} editable={editable} onSaved={onSaved} />
          <Table<Situation>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={version.situations}
            columns={[
              { title: '序号', dataIndex: 'label', width: 72 },
              { title: '干预情形', dataIndex: 'text' },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}

interface DateProps {
  version: RuleVersion;
  editable: boolean;
  onSaved: (rules: Rules) => void;
}

function EffectiveDate({ version, editable, onSaved }: DateProps) {
  const { message } = App.useApp();
  const [value, setValue] = useState<Dayjs | null>(dayjs(version.effectiveFrom));
  const [saving, setSaving] = useState(false);
  const changed = value?.format('YYYY-MM-DD') !== version.effectiveFrom;

  const save = async () => {
    if (!value) return;

    setSaving(true);
    try {
      onSaved(await rulesApi.setEffectiveFrom(version.id, value.format('YYYY-MM-DD')));
      message.success(`${version.id} 版生效日期已保存`);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex gap="small" align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text>生效日期：</Typography.Text>
      {editable ? (
        <>
          <DatePicker
            value={value}
            onChange={setValue}
            allowClear={false}
            data-testid={`rule-effective-${version.id}`}
          />
          <Button
            type="primary"
            disabled={!changed}
            loading={saving}
            onClick={save}
            data-testid={`rule-effective-save-${version.id}`}
          >
            保存
          </Button>
        </>
      ) : (
        <Typography.Text strong>{version.effectiveFrom}</Typography.Text>
      )}
      <Typography.Text type="secondary">
        干预时间在该日及以后的记录，按此版本的情形分类
      </Typography.Text>
    </Flex>
  );
}
