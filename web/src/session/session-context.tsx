/**
 * The signed-in account for the whole app, loaded once from `GET /api/v1/session`. It keeps
 * the CSRF token of the client in step with the session cookie, and reacts when any request
 * reports that the session ended or the password must be changed first.
 */
import { Button, Result, Spin } from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText, onSessionProblem, type SessionProblem, setCsrfToken } from '../api/client';
import type { RoleGrant, User } from '../org/users';
import { type Session, sessionApi } from './session';

export const SESSION_EXPIRED_NOTICE = '登录已超时，请重新登录';

export interface SessionState {
  user: User | null;
  roles: RoleGrant[];
  /** A notice for the sign-in page, such as why the user was signed out. */
  notice: string | null;
  signIn: (username: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** Reads the session again, e.g. after the password was changed. */
  refresh: () => Promise<User | null>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession needs a SessionProvider');

  return state;
}

/** The session of a page behind the sign-in guard, where the user is known. */
export function useSignedIn(): SessionState & { user: User } {
  const state = useSession();
  if (!state.user) throw new Error('useSignedIn needs a signed-in user');

  return state as SessionState & { user: User };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const userRef = useRef<User | null>(null);

  const adopt = useCallback((next: Session) => {
    setCsrfToken(next.csrfToken);
    userRef.current = next.user;
    setSession(next);
  }, []);

  const refresh = useCallback(async () => {
    const next = await readSessionOnce(setNotice);
    adopt(next);

    return next.user;
  }, [adopt]);

  const load = useCallback(() => {
    setLoadError(undefined);
    refresh().catch(setLoadError);
  }, [refresh]);

  useEffect(() => load(), [load]);

  useEffect(
    () =>
      onSessionProblem((problem: SessionProblem) => {
        const user = userRef.current;
        if (!user) return;

        if (problem === 'PASSWORD_CHANGE_REQUIRED') {
          setSession((s) => s && { ...s, user: { ...user, mustChangePassword: true } });
          navigate('/password', { replace: true });
          return;
        }

        setNotice(SESSION_EXPIRED_NOTICE);
        userRef.current = null;
        setSession((s) => s && { ...s, user: null, roles: [] });
        navigate('/login', { replace: true, state: { from: window.location.pathname } });
        // A fresh pre-session token, so the next sign-in is accepted.
        sessionApi.read().then(adopt, () => undefined);
      }),
    [navigate, adopt],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const next = await sessionApi.signIn(username, password);
      adopt(next);
      setNotice(null);

      return next.user!;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await sessionApi.signOut();
    } finally {
      userRef.current = null;
      await refresh().catch(() => undefined);
      navigate('/login', { replace: true });
    }
  }, [navigate, refresh]);

  const state = useMemo<SessionState | null>(
    () =>
      session && {
        user: session.user,
        roles: session.roles,
        notice,
        signIn,
        signOut,
        refresh,
      },
    [session, notice, signIn, signOut, refresh],
  );

  if (loadError) return <SessionLoadFailure error={loadError} onRetry={load} />;
  if (!state) return <Spin fullscreen tip="正在加载…" />;

  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

/**
 * Reads the session. A session that ended while the page was closed answers 401 once (and
 * the server drops its cookie); the second read then gives a fresh pre-session token.
 */
async function readSessionOnce(setNotice: (notice: string) => void): Promise<Session> {
  try {
    return await sessionApi.read();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'SESSION_EXPIRED' && code !== 'AUTH_REQUIRED') throw error;

    setNotice(SESSION_EXPIRED_NOTICE);
    return sessionApi.read();
  }
}

function SessionLoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title="无法连接留痕服务器"
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
