/**
 * `/settings` (系统设置): the deadline rules, lockout, session limits and password policy,
 * with the due dates of this year beside them so the effect of a change is visible at once.
 */
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Switch } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { DueDatePreview } from '../calendar/due-date-preview';
import { PageTitle } from '../page-title';
import { type Settings, settingsApi } from './settings';

type Field =
  | { key: keyof Settings; label: string; help: string; kind: 'switch' }
  | { key: keyof Settings; label: string; help: string; kind: 'number'; min: number; max: number }
  | { key: keyof Settings; label: string; help: string; kind: 'days' }
  | { key: keyof Settings; label: string; help: string; kind: 'ranges' };

interface Group {
  title: string;
  fields: Field[];
}

/** Ranges as the server checks them (src/settings/settings.ts). */
const groups: Group[] = [
  {
    title: '季度报送截止日',
    fields: [
      {
        key: 'deadlineDay',
        label: '截止日（下一季度第 1 个月的第几日）',
        help: '通知要求“每个季度第 1 个月 6 日前”报送上季度汇总表和台账，默认 6',
        kind: 'number',
        min: 1,
        max: 28,
      },
      {
        key: 'deadlineInclusive',
        label: '截止日当天报送是否算按时',
        help: '开启：6 日当天报送算按时；关闭：须在 5 日及以前报送',
        kind: 'switch',
      },
      {
        key: 'deadlineMovesPastHolidays',
        label: '遇节假日是否顺延',
        help: '开启后，截止日落在节假日（如国庆假期）时顺延到节后第一个工作日；节假日在“规则与日历”中维护',
        kind: 'switch',
      },
    ],
  },
  {
    title: '登录安全',
    fields: [
      {
        key: 'lockoutThreshold',
        label: '连续登录失败锁定次数',
        help: '连续输错密码达到此次数后锁定账号（3 到 10 次）',
        kind: 'number',
        min: 3,
        max: 10,
      },
      {
        key: 'lockoutMinutes',
        label: '锁定时长（分钟）',
        help: '锁定期满自动解锁；安全管理员也可提前解锁',
        kind: 'number',
        min: 1,
        max: 1440,
      },
      {
        key: 'sessionIdleMinutes',
        label: '空闲超时（分钟）',
        help: '无操作超过此时长须重新登录（5 到 120 分钟）',
        kind: 'number',
        min: 5,
        max: 120,
      },
      {
        key: 'adminAddressRanges',
        label: '管理员允许访问的地址',
        help: '三员管理员只能从这些地址或网段登录和操作，如 10.41.0.0/24；留空为不限制。保存时须包含您当前的地址',
        kind: 'ranges',
      },
      {
        key: 'adminSessionIdleMinutes',
        label: '管理员空闲超时（分钟）',
        help: '三员管理员无操作超过此时长须重新登录（5 到 60 分钟，默认 15）',
        kind: 'number',
        min: 5,
        max: 60,
      },
      {
        key: 'sessionAbsoluteHours',
        label: '会话最长（小时）',
        help: '登录后无论是否操作，超过此时长须重新登录（1 到 24 小时）',
        kind: 'number',
        min: 1,
        max: 24,
      },
    ],
  },
  {
    title: '密码策略',
    fields: [
      {
        key: 'passwordMinLength',
        label: '密码最短长度',
        help: '不少于 8 位',
        kind: 'number',
        min: 8,
        max: 64,
      },
      {
        key: 'passwordMinClasses',
        label: '密码至少包含字符类别数',
        help: '大写字母、小写字母、数字、符号四类中至少几类（3 或 4）',
        kind: 'number',
        min: 3,
        max: 4,
      },
      {
        key: 'passwordHistory',
        label: '禁止重复使用最近几次的密码',
        help: '新密码不能与当前及之前共这么多次的密码相同（默认 5 次）',
        kind: 'number',
        min: 1,
        max: 24,
      },
      {
        key: 'adminPasswordMaxAgeDays',
        label: '管理员密码有效期（天）',
        help: '三员管理员的密码超过此天数须在登录时更换（默认 90 天）',
        kind: 'number',
        min: 1,
        max: 180,
      },
    ],
  },
  {
    title: '报送与证据',
    fields: [
      {
        key: 'reminderDays',
        label: '截止日前几天提醒',
        help: '在这些天向填报人和负责人发送提醒（默认 7、3、1 天）；逾期次日另行提醒上级审核人',
        kind: 'days',
      },
      {
        key: 'provinceLevels',
        label: '汇总表增列厅局级、省部级',
        help: '省级部署时开启：干预人员按省部级、厅局级、县处级、乡科级、其他统计',
        kind: 'switch',
      },
      {
        key: 'evidenceMaxMegabytes',
        label: '单个证据材料上限（MB）',
        help: '默认 200 MB，足够一段会议录像；上限 4096 MB',
        kind: 'number',
        min: 1,
        max: 4096,
      },
      {
        key: 'regionalSummaryDueDay',
        label: '县级本地区汇总表截止日（1 月几日）',
        help: '各县（区）次年 1 月此日前报送上一年的本地区汇总表；市级为 1 月 31 日（通知规定）',
        kind: 'number',
        min: 1,
        max: 31,
      },
    ],
  },
];

const dayOptions = Array.from({ length: 30 }, (_, i) => ({ value: i + 1, label: `${i + 1} 天` }));

export function SettingsPage() {
  const settings = useResource('settings', settingsApi.read);
  const [version, setVersion] = useState(0);

  return (
    <>
      <PageTitle title="系统设置" />
      {settings.error ? <LoadFailure error={settings.error} onRetry={settings.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {settings.data && (
            <SettingsForm settings={settings.data} onSaved={() => setVersion((v) => v + 1)} />
          )}
        </Col>
        <Col xs={24} xl={10}>
          <DueDatePreview version={version} />
        </Col>
      </Row>
    </>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async (values: Settings) => {
    setSaving(true);
    setProblem(null);
    try {
      form.setFieldsValue(await settingsApi.update(values));
      message.success('设置已保存');
      onSaved();
    } catch (error) {
      showFieldErrors(form, error);
      setProblem(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Settings> form={form} layout="vertical" initialValues={settings} onFinish={onFinish}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {groups.map((group) => (
        <Card key={group.title} title={group.title} size="small" style={{ marginBottom: 16 }}>
          {group.fields.map((field) => (
            <Form.Item
              key={field.key}
              label={field.label}
              name={field.key}
              extra={field.help}
              valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
              rules={field.kind === 'number' ? [{ required: true, message: '请填写' }] : undefined}
            >
              {control(field)}
            </Form.Item>
          ))}
        </Card>
      ))}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-submit">
        保存设置
      </Button>
    </Form>
  );
}

function control(field: Field): ReactNode {
  const testId = `setting-${field.key}`;
  if (field.kind === 'switch') {
    return <Switch checkedChildren="是" unCheckedChildren="否" data-testid={testId} />;
  }
  if (field.kind === 'days') {
    return (
      <Select mode="multiple" options={dayOptions} style={{ width: 320 }} data-testid={testId} />
    );
  }
  if (field.kind === 'ranges') {
    return (
      <Select
        mode="tags"
        open={false}
        tokenSeparators={[',', '，', ' ']}
        placeholder="输入网段后按回车，如 10.41.0.0/24"
        style={{ width: 320 }}
        data-testid={testId}
      />
    );
  }

  return (
    <InputNumber
      min={field.min}
      max={field.max}
      precision={0}
      style={{ width: 160 }}
      data-testid={testId}
    />
  );
}
