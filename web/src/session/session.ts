/** The signed-in account as `GET /api/v1/session` describes it, and the calls that change it. */
import { api } from '../api/client';
import type { RoleGrant, User } from '../org/users';

export interface Session {
  user: User | null;
  roles: RoleGrant[];
  csrfToken: string;
}

export const sessionApi = {
  read: () => api.get<Session>('/session'),
  signIn: (username: string, password: string) =>
    api.post<Session>('/session', { username, password }),
  signOut: () => api.delete('/session'),
  changePassword: (current: string, next: string) =>
    api.post<void>('/session/password', { current, next }),
};
