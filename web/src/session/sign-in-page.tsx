/** `/login`: sign in with username and password. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../api/client';
import { homePathFor, pages } from '../navigation';
import type { User } from '../org/users';
import { AuthFrame, PRODUCT_TITLE } from './auth-frame';
import { useSession } from './session-context';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const { user, notice, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  useEffect(() => {
    document.title = `登录 · ${PRODUCT_TITLE}`;
  }, []);

  if (user && !submitting) return <Navigate to={landingFor(user, from)} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await signIn(username.trim(), password);
      navigate(landingFor(signedIn, from), { replace: true });
    } catch (problem) {
      setError(errorText(problem));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthFrame>
      {notice && !error && (
        <Alert
          type="warning"
          showIcon
          title={notice}
          style={{ marginBottom: 16 }}
          data-testid="login-notice"
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form<Credentials> layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            data-testid="login-username"
          />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={submitting}
          data-testid="login-submit"
        >
          登录
        </Button>
      </Form>
    </AuthFrame>
  );
}

/** Where to go after sign-in: the password change, the page asked for, or the role's home. */
function landingFor(user: User, from: string | undefined): string {
  if (user.mustChangePassword) return '/password';

  const asked = from ? pages.find((page) => from.startsWith(page.path)) : undefined;
  if (from && asked?.allows(user)) return from;

  return homePathFor(user);
}
