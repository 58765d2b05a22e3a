/**
 * What happens to a referral after drafting: sending it (with the due date for feedback,
 * 30 days by default), recording the feedback, and closing it (with a note when no feedback
 * came). Each action answers the whole referral again.
 */
import { Alert, App, Button, Flex, Form, type FormInstance, Input } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { type Referral, referralsApi } from './referrals';

interface Props {
  referral: Referral;
  onChanged: (next: Referral) => void;
}

function useAction(onChanged: (next: Referral) => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();

  const run = async <T,>(action: () => Promise<Referral>, done: string, form?: FormInstance<T>) => {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await action());
      message.success(done);
    } catch (error) {
      if (form) showFieldErrors(form, error);
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const alert = problem && (
    <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />
  );

  return { busy, run, alert };
}

export function SendReferral({ referral, onChanged }: Props) {
  const { busy, run, alert } = useAction(onChanged);
  const [form] = Form.useForm<{ dueDate?: string }>();

  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        run(() => referralsApi.send(referral.id, v.dueDate || undefined), '移送函已发出', form)
      }
    >
      {alert}
      <Form.Item name="dueDate" label="反馈期限" extra="不填则为发出之日起 30 日">
        <Input placeholder="2020-09-13" style={{ width: 160 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="referral-send">
        发出移送函
      </Button>
    </Form>
  );
}

export function RecordFeedback({ referral, onChanged }: Props) {
  const { busy, run, alert } = useAction(onChanged);
  const [form] = Form.useForm<{ result: string; date: string }>();

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={referral.feedback ?? {}}
      onFinish={(v) => run(() => referralsApi.feedback(referral.id, v), '反馈已登记', form)}
    >
      {alert}
      <Form.Item
        name="result"
        label="反馈结果"
        rules={[{ required: true, message: '请填写反馈结果' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          data-testid="referral-feedback-result"
        />
      </Form.Item>
      <Form.Item
        name="date"
        label="反馈日期"
        rules={[{ required: true, message: '请填写反馈日期' }]}
      >
        <Input
          placeholder="2020-09-01"
          style={{ width: 200 }}
          data-testid="referral-feedback-date"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="referral-feedback-save">
        {referral.feedback ? '更正反馈' : '登记反馈'}
      </Button>
    </Form>
  );
}

export function CloseReferral({ referral, onChanged }: Props) {
  const { busy, run, alert } = useAction(onChanged);
  const [form] = Form.useForm<{ note?: string }>();
  const noteNeeded = referral.status !== 'feedback';

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) =>
        run(() => referralsApi.close(referral.id, v.note || undefined), '已办结', form)
      }
    >
      {alert}
      <Flex gap="small" align="end" wrap>
        <Form.Item
          name="note"
          label={noteNeeded ? '办结说明（尚未收到反馈，须说明原因）' : '办结说明（可不填）'}
          rules={noteNeeded ? [{ required: true, message: '尚未收到反馈，办结须说明原因' }] : []}
          style={{ flex: 1, minWidth: 280 }}
        >
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="referral-close">
            办结
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
}
