/**
 * Adds days to the holiday table, or changes one. A holiday usually runs several days
 * (国庆节 1–7 October), so a new entry may cover consecutive days under one name.
 */
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../api/client';
import { type Holiday, holidaysApi } from './rules';

interface Props {
  /** The day to change; none to add days. */
  holiday?: Holiday;
  /** The year shown in the table, where a new entry starts. */
  year: number;
  onClose: () => void;
  onSaved: () => void;
}

interface HolidayFields {
  date: Dayjs;
  days: number;
  name: string;
  workday: boolean;
}

export function HolidayFormModal({ holiday, year, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<HolidayFields>();
  const [saving, setSaving] = useState(false);

  const onFinish = async ({ date, days, name, workday }: HolidayFields) => {
    setSaving(true);
    try {
      const count = holiday ? 1 : days;
      for (let i = 0; i < count; i += 1) {
        await holidaysApi.put({
          date: date.add(i, 'day').format('YYYY-MM-DD'),
          name: name.trim(),
          workday,
        });
      }
      message.success(count > 1 ? `已保存 ${count} 天` : '已保存');
      onSaved();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const initial: Partial<HolidayFields> = holiday
    ? { date: dayjs(holiday.date), days: 1, name: holiday.name, workday: holiday.workday }
    : { date: defaultDate(year), days: 1, workday: false };

  return (
    <Modal
      open
      title={holiday ? `编辑 ${holiday.date}` : '添加节假日'}
      okText="保存"
      okButtonProps={{ loading: saving, 'data-testid': 'holiday-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form<HolidayFields>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initial}
      >
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabled={Boolean(holiday)} allowClear={false} data-testid="holiday-date" />
        </Form.Item>
        {!holiday && (
          <Form.Item label="连续天数" name="days" extra="从所选日期起连续的天数，如国庆节填 7">
            <InputNumber min={1} max={15} precision={0} data-testid="holiday-days" />
          </Form.Item>
        )}
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写名称，如 国庆节' },
            { max: 50, message: '名称不能超过 50 个字' },
          ]}
        >
          <Input placeholder="如 国庆节、春节调休" data-testid="holiday-name" />
        </Form.Item>
        <Form.Item label="类型" name="workday">
          <Radio.Group
            data-testid="holiday-workday"
            options={[
              { value: false, label: '放假' },
              { value: true, label: '调休上班（周末补班）' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function defaultDate(year: number): Dayjs {
  const today = dayjs();

  return today.year() === year ? today.startOf('day') : dayjs(`${year}-01-01`);
}
