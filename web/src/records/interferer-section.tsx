/**
 * Who interfered (干预人, 干预人单位、职务, and the level the summary counts by) and which
 * situation of the rule version in force on the day it happened (干预情形).
 */
import { Alert, Card, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { RuleVersion } from '../rules/rules';
import { levelNames } from './record-terms';
import type { Level } from './records';
import { versionInForce } from './rule-situations';

interface Props {
  versions: RuleVersion[];
  /** The levels to offer for the chosen unit (厅局级 and above only where a province records). */
  levelsFor: (unit: string | undefined, current?: Level) => Level[];
}

export function InterfererSection({ versions, levelsFor }: Props) {
  const unit = Form.useWatch<string | undefined>('unit');
  const current = Form.useWatch<Level | undefined>(['interferer', 'level']);
  const levels = levelsFor(unit, current);

  return (
    <Card title="干预人与干预情形" size="small">
      <Flex wrap gap="0 16px">
        <Form.Item
          label="干预人"
          name={['interferer', 'name']}
          extra="干预人的真实姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写干预人姓名' },
            { max: 50, message: '干预人姓名不能超过 50 个字' },
          ]}
          style={{ flex: '1 1 200px' }}
        >
          <Input autoComplete="off" data-testid="interferer-name" />
        </Form.Item>
        <Form.Item
          label="级别"
          name={['interferer', 'level']}
          extra="汇总表按级别统计干预人数"
          rules={[{ required: true, message: '请选择干预人的级别' }]}
          style={{ flex: '1 1 160px' }}
        >
          <Select
            options={levels.map((level) => ({ value: level, label: levelNames[level] }))}
            placeholder="县处级 / 乡科级 / 其他"
            data-testid="interferer-level"
          />
        </Form.Item>
      </Flex>
      <Form.Item
        label="干预人单位、职务"
        name={['interferer', 'post']}
        rules={[
          { required: true, whitespace: true, message: '请填写干预人的单位和职务' },
          { max: 100, message: '干预人单位、职务不能超过 100 个字' },
        ]}
      >
        <Input placeholder="如：杞县人民政府 副县长" data-testid="interferer-post" />
      </Form.Item>
      <SituationField versions={versions} />
    </Card>
  );
}

/** The situations of the version in force on the chosen date, each with its full text. */
function SituationField({ versions }: { versions: RuleVersion[] }) {
  const form = Form.useFormInstance();
  const watched = Form.useWatch<Dayjs | null | undefined>('occurredDate');
  // useWatch answers undefined on the first render; the store already holds a saved draft's
  // date then, and reading it keeps that draft's situation from being cleared below.
  const date =
    watched === undefined ? (form.getFieldValue('occurredDate') as Dayjs | null) : watched;
  const day = (date ?? dayjs()).format('YYYY-MM-DD');
  const version = versionInForce(versions, day);

  // A record is classified under the version of its date; a choice from another version
  // would be refused by the server, so it is cleared when the date moves across versions.
  useEffect(() => {
    const current = form.getFieldValue('situation') as string | undefined;
    if (version && current && !current.startsWith(`${version.id}-`)) {
      form.setFieldValue('situation', undefined);
    }
  }, [form, version]);

  if (!version) {
    return (
      <Alert
        type="warning"
        showIcon
        title="该日期之前没有生效的记录制度版本，请核对干预时间"
        style={{ marginBottom: 16 }}
      />
    );
  }

  return (
    <Form.Item
      label="干预情形"
      name="situation"
      extra={`按干预时间适用：${version.name}（${version.effectiveFrom} 起施行）`}
      rules={[{ required: true, message: '请选择干预情形' }]}
    >
      <Radio.Group
        data-testid="record-situation"
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        {version.situations.map((s) => (
          <Radio
            key={s.id}
            value={s.id}
            data-testid={`record-situation-${s.id}`}
            style={{ alignItems: 'flex-start', whiteSpace: 'normal' }}
          >
            <Typography.Text strong>{s.label}</Typography.Text> {s.text}
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}
