/**
 * The head of the record form: where it is recorded (记录单位, 记录机构), how the interference
 * came (干预形式, for messages the channel) and when (干预时间, Beijing time to the hour).
 */
import { AutoComplete, Card, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type Unit, unitOptions } from '../org/units';
import { FormChoice } from './form-choice';
import type { RecordFields } from './record-form-model';
import { channelNames } from './record-terms';
import { channels } from './records';

/** Offices of a county bureau (局机关各科室), offered as suggestions; any name may be typed. */
const officeSuggestions = [
  '办公室',
  '综合科',
  '法规科',
  '核算科',
  '工业交通科',
  '农村科',
  '贸易外经科',
  '投资建筑科',
  '人口和社会科技科',
  '服务业科',
  '普查中心',
  '统计调查队',
].map((value) => ({ value }));

const hourOptions = Array.from({ length: 24 }, (_, hour) => ({
  value: hour,
  label: `${hour} 时`,
}));

interface Props {
  /** Units where the user records; the form picks among them. */
  units: Unit[];
  /** An amendment cannot move a record to another unit. */
  unitLocked?: boolean;
}

export function BasicsSection({ units, unitLocked }: Props) {
  const formValue = Form.useWatch<RecordFields['form']>('form');
  const isLetter = formValue === 'letter';

  return (
    <Card title="记录信息" size="small">
      <Flex wrap gap="0 16px">
        <Form.Item
          label="记录单位"
          name="unit"
          extra="填报说明 1：记录单位为各县（区）统计局"
          rules={[{ required: true, message: '请选择记录单位' }]}
          style={{ flex: '1 1 260px' }}
        >
          <Select
            options={unitOptions(units)}
            disabled={unitLocked}
            placeholder="选择您担任记录人的单位"
            data-testid="record-unit"
          />
        </Form.Item>
        <Form.Item
          label="记录机构"
          name="office"
          extra="发生干预的科室或局属单位"
          rules={[
            { required: true, whitespace: true, message: '请填写记录机构' },
            { max: 50, message: '记录机构不能超过 50 个字' },
          ]}
          style={{ flex: '1 1 220px' }}
        >
          <AutoComplete
            options={officeSuggestions}
            showSearch={{
              filterOption: (input, option) => String(option?.value ?? '').includes(input),
            }}
          >
            <Input placeholder="如：综合科" data-testid="record-office" />
          </AutoComplete>
        </Form.Item>
      </Flex>
      <Form.Item
        label="干预形式"
        name="form"
        rules={[{ required: true, message: '请选择干预形式' }]}
      >
        <FormChoice />
      </Form.Item>
      {formValue === 'message' && (
        <Form.Item
          label="通讯方式"
          name="channel"
          rules={[{ required: true, message: '请选择通讯方式' }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="record-channel"
            options={channels.map((channel) => ({
              value: channel,
              label: <span data-testid={`record-channel-${channel}`}>{channelNames[channel]}</span>,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item
        label="干预时间（北京时间）"
        required
        extra={
          isLetter
            ? '填报说明 3：通过来函形式干预的，可以只填写月日'
            : '填报说明 3：干预时间应当具体到月、日、时'
        }
        style={{ marginBottom: 0 }}
      >
        <Flex wrap gap="0 8px">
          <Form.Item
            name="occurredDate"
            rules={[{ required: true, message: '请选择干预日期' }, { validator: notInFuture }]}
            style={{ flex: '1 1 180px' }}
          >
            <DatePicker
              style={{ width: '100%' }}
              placeholder="日期"
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              inputReadOnly
              data-testid="record-occurred-date"
            />
          </Form.Item>
          <Form.Item
            name="occurredHour"
            dependencies={['occurredDate']}
            rules={[{ required: !isLetter, message: '请选择干预发生的小时' }, hourNotInFuture]}
            style={{ flex: '1 1 140px' }}
          >
            <Select
              options={hourOptions}
              allowClear={isLetter}
              placeholder={isLetter ? '时（可不填）' : '时'}
              data-testid="record-occurred-hour"
            />
          </Form.Item>
        </Flex>
      </Form.Item>
    </Card>
  );
}

/** The server refuses a time later than the current hour; say so before it does. */
function hourNotInFuture({ getFieldValue }: { getFieldValue: (name: string) => unknown }) {
  return {
    validator: async (_: unknown, hour: number | null | undefined) => {
      const date = getFieldValue('occurredDate') as Dayjs | null | undefined;
      const now = dayjs();
      if (hour != null && date?.isSame(now, 'day') && hour > now.hour()) {
        throw new Error('干预时间不能晚于现在');
      }
    },
  };
}

async function notInFuture(_: unknown, value: Dayjs | null | undefined) {
  if (value?.isAfter(dayjs(), 'day')) throw new Error('干预时间不能晚于今天');
}
