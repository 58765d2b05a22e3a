/**
 * Accounts and roles. Business roles are held per unit; the three administrator roles
 * (三员分立) are a single column, so no account can hold two of them, and they never hold
 * business roles, so no administrator reads interference records.
 */
import { z } from 'zod';
import { unitCode } from './unit-schema.js';

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

export const adminRoleNames: Record<AdminRole, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名须为 2 到 32 位字母、数字、下划线、点或连字符');

export const userInputSchema = z
  .object({
    username,
    name: z.string().trim().min(1, '请填写真实姓名').max(50, '姓名不能超过 50 个字'),
    unit: unitCode,
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{3,20}$/, '电话号码只能包含数字、空格、+ 和 -，3 到 20 位')
      .optional(),
    email: z.email('电子邮箱格式不正确').max(200).optional(),
    password: z.string().min(1).max(128, '密码不能超过 128 位').optional(),
  })
  .strict();

export const userPatchSchema = z
  .object({
    name: z.string().trim().min(1, '请填写真实姓名').max(50, '姓名不能超过 50 个字').optional(),
    unit: unitCode.optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{0,20}$/, '电话号码只能包含数字、空格、+ 和 -')
      .nullable()
      .optional(),
    email: z.email('电子邮箱格式不正确').max(200).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const roleGrantSchema = z
  .array(
    z
      .object({
        role: z.enum(businessRoles, {
          message: '角色须是 recorder、filler、ruleOfLawLeader、principal 或 reviewer',
        }),
        unit: unitCode,
      })
      .strict(),
  )
  .max(200, '一个账号最多 200 个角色');

export type UserInput = z.infer<typeof userInputSchema>;
export type UserPatch = z.infer<typeof userPatchSchema>;
export type RoleGrant = z.infer<typeof roleGrantSchema>[number];

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

export const userOutputSchema = z.object({
  username: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  adminRole: z.enum(adminRoles).nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
});

export const roleOutputSchema = z.object({ role: z.enum(businessRoles), unit: z.string() });
