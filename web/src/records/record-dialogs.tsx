/**
 * The dialogs behind a record's actions: re-entering the password to sign or to confirm as a
 * witness, and the reason for a void.
 */
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, errorText } from '../api/client';
import { type InterferenceRecord, recordsApi } from './records';

interface PasswordModalProps {
  title: string;
  explanation: string;
  okText: string;
  testIds: { password: string; submit: string };
  run: (password: string) => Promise<unknown>;
  success: string;
  onClose: () => void;
  onDone: () => void;
}

/** Re-entering the password is the signature: it proves the account holder is at the keyboard. */
export function PasswordModal(props: PasswordModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async ({ password }: { password: string }) => {
    setSaving(true);
    setProblem(null);
    try {
      await props.run(password);
      message.success(props.success);
      props.onDone();
    } catch (error) {
      setProblem(problemText(error));
      form.setFieldValue('password', '');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      okButtonProps={{ loading: saving, 'data-testid': props.testIds.submit }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{props.explanation}</Typography.Paragraph>
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          data-testid="action-problem"
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          label="登录密码"
          name="password"
          rules={[{ required: true, message: '请输入密码' }]}
        >
          <Input.Password
            autoFocus
            autoComplete="current-password"
            data-testid={props.testIds.password}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** EVIDENCE_REQUIRED gets the steps to take, not only what is missing. */
function problemText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'EVIDENCE_REQUIRED') {
    return `${error.message}（证据材料在本页下方上传；无证据材料的原因在“编辑”中填写）`;
  }

  return errorText(error);
}

interface VoidModalProps {
  record: InterferenceRecord;
  onClose: () => void;
  onDone: () => void;
}

export function VoidModal({ record, onClose, onDone }: VoidModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  const onFinish = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      await recordsApi.void(record.id, reason.trim());
      message.success('记录已作废，原内容仍完整保留');
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="作废记录"
      okText="作废"
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'void-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        作废不会删除记录：记录、证据材料和作废原因都将永久保留，并计入修改历史。作废后不能恢复。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          label="作废原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写作废原因' },
            { max: 1000, message: '不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
