/**
 * Accounts and their business roles per unit. The three administrator roles (三员分立) are
 * one field of the account; business roles are granted per unit by the security administrator.
 */
import { api } from '../api/client';

export const adminRoles = ['sysadmin', 'secadmin', 'auditadmin'] as const;
export type AdminRole = (typeof adminRoles)[number];

export const businessRoles = [
  'recorder',
  'filler',
  'ruleOfLawLeader',
  'principal',
  'reviewer',
] as const;
export type BusinessRole = (typeof businessRoles)[number];

export interface RoleGrant {
  role: BusinessRole;
  unit: string;
}

export interface User {
  username: string;
  name: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  adminRole: AdminRole | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
}

export interface UserWithRoles extends User {
  roles: RoleGrant[];
}

export interface UserInput {
  username: string;
  name: string;
  unit: string;
  phone?: string;
  email?: string;
  password?: string;
}

export interface UserPatch {
  name?: string;
  unit?: string;
  phone?: string | null;
  email?: string | null;
  active?: boolean;
}

export const adminRoleNames: Record<AdminRole, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

export const businessRoleNames: Record<BusinessRole, string> = {
  recorder: '记录人',
  filler: '填报人',
  ruleOfLawLeader: '分管统计法治负责人',
  principal: '主要负责人',
  reviewer: '上级审核人',
};

const path = (username: string) => `/users/${encodeURIComponent(username)}`;

export const usersApi = {
  list: async () => (await api.get<{ users: UserWithRoles[] }>('/users')).users,
  create: (input: UserInput) => api.post<{ user: User; password?: string }>('/users', input),
  update: (username: string, patch: UserPatch) => api.patch<User>(path(username), patch),
  setRoles: (username: string, roles: RoleGrant[]) =>
    api.put<RoleGrant[]>(`${path(username)}/roles`, roles),
  unlock: (username: string) => api.post<void>(`${path(username)}/unlock`),
  resetPassword: (username: string) =>
    api.post<{ password: string }>(`${path(username)}/password-reset`),
};
