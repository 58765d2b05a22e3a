/**
 * The details 附件1 asks for beside the ticked form: for oral interference the place and the
 * witnesses, who sign (填报说明 4); for a letter the sending unit; for a message the
 * interferer's number or account on the chosen channel (填报说明 5).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, type FormRule as Rule, Typography } from 'antd';
import type { RecordFields } from './record-form-model';
import { type ChannelField, channelFields } from './record-terms';

export function DetailsSection() {
  const formValue = Form.useWatch<RecordFields['form']>('form');
  const channel = Form.useWatch<RecordFields['channel']>('channel');

  if (formValue === 'oral') return <OralDetails />;
  if (formValue === 'letter') return <LetterDetails />;
  if (formValue === 'message') return <MessageDetails channel={channel} />;

  return null;
}

function OralDetails() {
  return (
    <Card title="口头干预：地点与在场人员" size="small">
      <Form.Item
        label="地点"
        name={['details', 'place']}
        rules={[
          { required: true, whitespace: true, message: '请填写干预发生的地点' },
          { max: 200, message: '地点不能超过 200 个字' },
        ]}
      >
        <Input placeholder="如：县政府 3 楼会议室" data-testid="details-place" />
      </Form.Item>
      <WitnessList />
    </Card>
  );
}

const atLeastOneWitness = {
  validator: async (_: unknown, witnesses: unknown[] | undefined) => {
    if (!witnesses || witnesses.length === 0) {
      throw new Error('口头干预须至少填写一名在场人员');
    }
  },
};

function WitnessList() {
  return (
    <Form.Item
      label="在场人员（签字）"
      required
      extra="填报说明 4：在场人员应当签字。有账号的在场人员可在系统中确认；没有账号的请上传其签字的纸质页"
    >
      <Form.List name={['details', 'witnesses']} rules={[atLeastOneWitness]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <WitnessRow key={field.key} name={field.name} index={i} onRemove={remove} />
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '' })}
              data-testid="witness-add"
            >
              添加在场人员
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

interface WitnessRowProps {
  name: number;
  index: number;
  onRemove: (name: number) => void;
}

function WitnessRow({ name, index, onRemove }: WitnessRowProps) {
  return (
    <Flex gap={8} align="start" wrap style={{ marginBottom: 4 }}>
      <Typography.Text type="secondary" style={{ lineHeight: '32px', minWidth: 20 }}>
        {index + 1}.
      </Typography.Text>
      <Form.Item
        name={[name, 'name']}
        rules={[
          { required: true, whitespace: true, message: '请填写在场人员姓名' },
          { max: 50, message: '姓名不能超过 50 个字' },
        ]}
        style={{ flex: '1 1 120px', marginBottom: 8 }}
      >
        <Input prefix={<Hint>姓名</Hint>} data-testid={`witness-name-${index}`} />
      </Form.Item>
      <Form.Item
        name={[name, 'post']}
        rules={[{ max: 100, message: '职务不能超过 100 个字' }]}
        style={{ flex: '1 1 140px', marginBottom: 8 }}
      >
        <Input prefix={<Hint>职务</Hint>} data-testid={`witness-post-${index}`} />
      </Form.Item>
      <Form.Item
        name={[name, 'user']}
        rules={[
          {
            pattern: /^[A-Za-z0-9_.-]{2,32}$/,
            message: '账号为 2 到 32 位字母、数字、下划线、点或连字符',
          },
        ]}
        style={{ flex: '1 1 140px', marginBottom: 8 }}
      >
        <Input
          prefix={<Hint>账号</Hint>}
          placeholder="可不填"
          autoComplete="off"
          autoCapitalize="off"
          data-testid={`witness-user-${index}`}
        />
      </Form.Item>
      <Button
        icon={<DeleteOutlined />}
        aria-label={`删除在场人员 ${index + 1}`}
        onClick={() => onRemove(name)}
        data-testid={`witness-remove-${index}`}
      />
    </Flex>
  );
}

/** A field's name inside it, so it stays visible once the field is filled. */
function Hint({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}

function LetterDetails() {
  return (
    <Card title="来文来函" size="small">
      <Form.Item
        label="来文来函单位"
        name={['details', 'senderUnit']}
        rules={[
          { required: true, whitespace: true, message: '请填写来文来函单位' },
          { max: 200, message: '来文来函单位不能超过 200 个字' },
        ]}
      >
        <Input placeholder="如：杞县人民政府办公室" data-testid="details-sender-unit" />
      </Form.Item>
    </Card>
  );
}

/** The rules of each channel's identifier, as loose as real numbers and accounts are. */
const identifierRules: Record<ChannelField, Rule[]> = {
  phone: [
    {
      pattern: /^[0-9+\-() ]{3,30}$/,
      message: '电话号码只能包含数字、空格、+、- 和括号',
    },
  ],
  qq: [{ pattern: /^[1-9][0-9]{4,11}$/, message: 'QQ 号码为 5 到 12 位数字' }],
  wechat: [{ max: 50, message: '微信号不能超过 50 个字符' }],
  email: [{ type: 'email', message: 'Email 地址格式不正确' }],
  otherSource: [{ max: 200, message: '其他来源不能超过 200 个字' }],
};

const identifierHints: Record<ChannelField, string> = {
  phone: '干预人的来电或短信号码',
  qq: '干预人的 QQ 号码',
  wechat: '干预人的微信号（不是昵称）',
  email: '干预人发件的 Email 地址',
  otherSource: '如微博账号、钉钉、政务通讯软件等来源',
};

const testIds: Record<ChannelField, string> = {
  phone: 'details-phone',
  qq: 'details-qq',
  wechat: 'details-wechat',
  email: 'details-email',
  otherSource: 'details-other-source',
};

function MessageDetails({ channel }: { channel: RecordFields['channel'] }) {
  if (!channel) {
    return (
      <Card title="通讯信息" size="small">
        <Typography.Text type="secondary">请先在上方选择通讯方式。</Typography.Text>
      </Card>
    );
  }

  const { field, label } = channelFields[channel];

  return (
    <Card title="通讯信息" size="small">
      <Form.Item
        key={field}
        label={label}
        name={['details', field]}
        extra={`填报说明 5：${identifierHints[field]}`}
        rules={[
          { required: true, whitespace: true, message: `请填写${label}` },
          ...identifierRules[field],
        ]}
      >
        <Input autoComplete="off" autoCapitalize="off" data-testid={testIds[field]} />
      </Form.Item>
    </Card>
  );
}
