/**
 * `/referrals/new?records=<id>,<id>` (新建移送函): the records to refer (from a record's
 * 「移送」 button, or record numbers pasted in), the suggested letter number and the date. The
 * server addresses the draft by the cadre management authority rules; the detail page that
 * follows lets the reviewer change the addressees before sending.
 */
import { Alert, App, Button, Card, Checkbox, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { PageTitle } from '../page-title';
import { referralsApi } from './referrals';

interface NewReferralForm {
  recordIds: string[];
  number: string;
  date: string;
  copyToDiscipline: boolean;
}

/** Today in Beijing, `2020-08-14`: the letter's default date. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function ReferralNewPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<NewReferralForm>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const initialIds = (params.get('records') ?? '').split(',').filter(Boolean);

  useEffect(() => {
    referralsApi
      .nextNumber()
      .then((number) => form.setFieldValue('number', number))
      .catch(() => undefined);
  }, [form]);

  const submit = async (values: NewReferralForm) => {
    setSaving(true);
    setProblem(null);
    try {
      const referral = await referralsApi.create(values);
      message.success(`已生成移送函草稿 ${referral.number}`);
      navigate(`/referrals/${referral.id}`);
    } catch (error) {
      showFieldErrors(form, error);
      setProblem(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageTitle title="新建移送函" />
      <Card style={{ maxWidth: 760 }}>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ recordIds: initialIds, date: beijingToday(), copyToDiscipline: false }}
        >
          <Form.Item
            name="recordIds"
            label="移送的记录"
            extra="从记录页面点击“移送”带入；也可粘贴记录编号后回车。须是向本单位报送的记录。"
            rules={[{ required: true, message: '请至少选择一条记录' }]}
          >
            <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="referral-records" />
          </Form.Item>
          <Form.Item
            name="number"
            label="文号"
            extra="按本单位上一份移送函的格式顺排，可修改，例如“汴统移〔2020〕1号”"
            rules={[{ required: true, message: '请填写文号' }]}
          >
            <Input data-testid="referral-number" />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
            <Input placeholder="2020-08-14" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="copyToDiscipline" valuePropName="checked">
            <Checkbox>抄送同级纪检监察机关</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="referral-create">
            生成草稿
          </Button>
        </Form>
      </Card>
    </>
  );
}
