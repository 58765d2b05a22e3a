/**
 * `/password`: change one's own password. Forced after sign-in with a one-time password
 * (then it stands alone, as nothing else may be opened yet); otherwise a page of the shell.
 */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { useResource } from '../api/use-resource';
import { AppShell } from '../app-shell';
import { homePathFor } from '../navigation';
import { PageTitle } from '../page-title';
import { settingsApi } from '../settings/settings';
import { AuthFrame } from './auth-frame';
import {
  defaultPasswordPolicy,
  meetsPolicy,
  type PasswordPolicy,
  policyText,
} from './password-policy';
import { sessionApi } from './session';
import { useSignedIn } from './session-context';

interface PasswordChange {
  current: string;
  next: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { user } = useSignedIn();

  if (user.mustChangePassword) {
    return (
      <AuthFrame>
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已重置，请先修改密码"
          style={{ marginBottom: 16 }}
          data-testid="password-forced"
        />
        <ChangePasswordForm policy={defaultPasswordPolicy} />
      </AuthFrame>
    );
  }

  return (
    <AppShell>
      <PageTitle title="修改密码" />
      <Card style={{ maxWidth: 480 }}>
        <PolicyFromSettings />
      </Card>
    </AppShell>
  );
}

/** Settings are readable once the password is no longer one-time; until then the default. */
function PolicyFromSettings() {
  const settings = useResource('settings', settingsApi.read);
  const policy = settings.data
    ? { minLength: settings.data.passwordMinLength, minClasses: settings.data.passwordMinClasses }
    : defaultPasswordPolicy;

  return <ChangePasswordForm policy={policy} />;
}

function ChangePasswordForm({ policy }: { policy: PasswordPolicy }) {
  const { user, refresh, signOut } = useSignedIn();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordChange>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ current, next }: PasswordChange) => {
    setSubmitting(true);
    try {
      await sessionApi.changePassword(current, next);
      const signedIn = await refresh();
      message.success('密码已修改');
      navigate(signedIn ? homePathFor(signedIn) : '/login', { replace: true });
    } catch (error) {
      showFieldErrors(form, error);
      message.error(errorText(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<PasswordChange> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
      {/* Lets password managers tie the new password to this account. */}
      <input type="text" hidden readOnly autoComplete="username" value={user.username} />
      <Typography.Paragraph type="secondary">
        新密码要求：{policyText(policy)}。
      </Typography.Paragraph>
      <Form.Item
        label="当前密码"
        name="current"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" autoFocus data-testid="password-current" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="next"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, value: string | undefined) =>
              !value || meetsPolicy(value, policy)
                ? Promise.resolve()
                : Promise.reject(new Error(`新密码须${policyText(policy)}`)),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-next" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['next']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('next')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={submitting}
        data-testid="password-submit"
      >
        修改密码
      </Button>
      <ForcedSignOut onSignOut={signOut} />
    </Form>
  );
}

/** On the forced page there is no shell, so the way out is offered here. */
function ForcedSignOut({ onSignOut }: { onSignOut: () => Promise<void> }) {
  const { user } = useSignedIn();
  if (!user.mustChangePassword) return null;

  return (
    <Button type="link" block style={{ marginTop: 8 }} onClick={() => onSignOut()}>
      退出登录
    </Button>
  );
}
