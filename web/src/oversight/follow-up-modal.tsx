/**
 * Records a follow-up of 责任追究 on one flagged quarter: a notice sent, a talk held or the
 * result, with its date and what was done. Recorded follow-ups cannot be changed (they are
 * log events), so the form says so before saving.
 */
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { quarterText } from '../reports/quarters';
import { type AccountabilityItem, type ActionKind, actionNames, oversightApi } from './oversight';

interface Props {
  region: string;
  item: AccountabilityItem | null;
  onClose: () => void;
  onSaved: () => void;
}

interface Values {
  kind: ActionKind;
  date: Dayjs;
  text: string;
}

export function FollowUpModal({ region, item, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!item) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await oversightApi.recordAction(region, {
        unit: item.unit,
        period: item.period,
        kind: values.kind,
        date: values.date.format('YYYY-MM-DD'),
        text: values.text,
      });
      message.success('处理情况已登记');
      form.resetFields();
      onSaved();
    } catch (error) {
      showFieldErrors(form, error);
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? `登记处理情况：${item.name} ${quarterText(item.period)}` : ''}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'notice', date: dayjs() }}
        data-testid="follow-up-form"
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select
            options={(Object.keys(actionNames) as ActionKind[]).map((k) => ({
              value: k,
              label: actionNames[k],
            }))}
          />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="text"
          label="处理情况"
          rules={[{ required: true, whitespace: true, message: '请填写处理情况' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        登记后记入本单位日志，不能修改；如需更正请再登记一条。
      </Typography.Text>
    </Modal>
  );
}
