/**
 * The draft's letter details: number, date, addressees (主送) and the discipline bodies copied
 * (抄送), as the cadre management authority rules proposed them and the reviewer corrects.
 */
import { Alert, App, Button, Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { type Referral, type ReferralDraft, referralsApi } from './referrals';

export function ReferralDraftForm({
  referral,
  onSaved,
}: {
  referral: Referral;
  onSaved: (next: Referral) => void;
}) {
  const [form] = Form.useForm<ReferralDraft>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();

  const save = async (values: ReferralDraft) => {
    setSaving(true);
    setProblem(null);
    try {
      onSaved(await referralsApi.update(referral.id, values));
      message.success('已保存');
    } catch (error) {
      showFieldErrors(form, error);
      setProblem(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      initialValues={{
        number: referral.number,
        date: referral.date,
        addressees: referral.addressees,
        copyTo: referral.copyTo,
        copyToDiscipline: referral.copyToDiscipline,
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="number" label="文号" rules={[{ required: true, message: '请填写文号' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
        <Input placeholder="2020-08-14" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="addressees"
        label="主送机关"
        extra="按干部管理权限规则生成，可增删；输入后回车"
        rules={[{ required: true, message: '请至少填写一个主送机关' }]}
      >
        <Select mode="tags" data-testid="referral-addressees" />
      </Form.Item>
      <Form.Item name="copyToDiscipline" valuePropName="checked">
        <Checkbox>抄送纪检监察机关</Checkbox>
      </Form.Item>
      <Form.Item name="copyTo" label="抄送机关">
        <Select mode="tags" />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        保存草稿
      </Button>
    </Form>
  );
}
