/** Route guards: signed in, password changed when the server demands it, page allowed. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { homePathFor, mayOpen, type PageKey } from '../navigation';
import { useSession, useSignedIn } from './session-context';

/** Sends a visitor who is not signed in to the sign-in page, remembering where they were. */
export function RequireSignIn() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  return <Outlet />;
}

/** Keeps an account with a one-time password on the change-password page. */
export function RequirePasswordChanged() {
  const { user } = useSignedIn();
  if (user.mustChangePassword) return <Navigate to="/password" replace />;

  return <Outlet />;
}

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user, roles } = useSignedIn();
  if (mayOpen(user, page, roles)) return children;

  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有使用此页面的权限（三员分立）。"
      extra={
        <Link to={homePathFor(user)}>
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

/** `/`: the home page of the signed-in account's role. */
export function HomeRedirect() {
  const { user } = useSignedIn();

  return <Navigate to={homePathFor(user)} replace />;
}
