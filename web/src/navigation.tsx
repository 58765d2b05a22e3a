/**
 * The pages of the shell and who may open them (三员分立). The menu shows only what the
 * account may use and the route guards read the same table; the server enforces it anyway.
 */
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  HomeOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { RoleGrant, User } from './org/users';

export type PageKey =
  | 'home'
  | 'records'
  | 'imports'
  | 'reports'
  | 'annual'
  | 'compliance'
  | 'supervision'
  | 'referrals'
  | 'analysis'
  | 'units'
  | 'users'
  | 'rules'
  | 'settings'
  | 'audit';

export interface PageEntry {
  key: PageKey;
  path: string;
  icon: ReactNode;
  label: (user: User) => string;
  /**
   * Whether the account may open the page. A caller that passes no `roles` gets the answer by
   * the kind of account alone, so a role-bound page is shown to every business user then.
   */
  allows: (user: User, roles?: RoleGrant[]) => boolean;
}

const isBusinessUser = (user: User) => user.adminRole === null;

/** The roles that take part in quarterly reporting (domain README §7). */
const reportingRoles = new Set(['filler', 'ruleOfLawLeader', 'principal', 'reviewer']);

/** In menu order; the first page an account may open is its home page. */
export const pages: PageEntry[] = [
  {
    key: 'home',
    path: '/home',
    icon: <HomeOutlined />,
    label: () => '工作台',
    allows: isBusinessUser,
  },
  {
    // Which records each business user sees is decided by the server (own, unit's, named in).
    key: 'records',
    path: '/records',
    icon: <FileTextOutlined />,
    label: () => '干预记录',
    allows: isBusinessUser,
  },
  {
    // A unit's recorders and filler bring in the ledgers kept in Excel before Liuhen.
    key: 'imports',
    path: '/imports',
    icon: <CloudUploadOutlined />,
    label: () => '导入台账',
    allows: (user, roles) =>
      isBusinessUser(user) &&
      (!roles || roles.some((grant) => grant.role === 'recorder' || grant.role === 'filler')),
  },
  {
    key: 'reports',
    path: '/reports',
    icon: <SendOutlined />,
    label: () => '季度报送',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => reportingRoles.has(grant.role))),
  },
  {
    // A bureau's yearly summary and checklist (notice 第三条); the page lists only bureaus,
    // so a role held at an office alone leads to an empty page, not to someone else's year.
    key: 'annual',
    path: '/annual',
    icon: <ReconciliationOutlined />,
    label: () => '年度工作',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => reportingRoles.has(grant.role))),
  },
  {
    // The bureau above watches how its region keeps the reporting rules (制度执行、责任追究).
    key: 'compliance',
    path: '/compliance',
    icon: <FileProtectOutlined />,
    label: () => '制度执行',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => grant.role === 'reviewer')),
  },
  {
    // A bureau's checks on the statistical bodies below it (notice 三: 监督检查).
    key: 'supervision',
    path: '/supervision',
    icon: <SafetyCertificateOutlined />,
    label: () => '监督检查',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => reportingRoles.has(grant.role))),
  },
  {
    // Referrals are the reviewer's: the bureau above refers what it received (移送).
    key: 'referrals',
    path: '/referrals',
    icon: <ShareAltOutlined />,
    label: () => '案件移送',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => grant.role === 'reviewer')),
  },
  {
    // The bureau above analyses what its region reported; the server checks the region.
    key: 'analysis',
    path: '/analysis',
    icon: <BarChartOutlined />,
    label: () => '统计分析',
    allows: (user, roles) =>
      isBusinessUser(user) && (!roles || roles.some((grant) => grant.role === 'reviewer')),
  },
  {
    key: 'units',
    path: '/units',
    icon: <ApartmentOutlined />,
    label: (user) => (user.adminRole === 'sysadmin' ? '单位管理' : '单位列表'),
    allows: (user) => user.adminRole === 'sysadmin' || isBusinessUser(user),
  },
  {
    key: 'users',
    path: '/users',
    icon: <TeamOutlined />,
    label: () => '用户管理',
    allows: (user) => user.adminRole === 'sysadmin' || user.adminRole === 'secadmin',
  },
  {
    key: 'rules',
    path: '/rules',
    icon: <CalendarOutlined />,
    label: () => '规则与日历',
    allows: (user) => user.adminRole === 'sysadmin',
  },
  {
    key: 'settings',
    path: '/settings',
    icon: <SettingOutlined />,
    label: () => '系统设置',
    allows: (user) => user.adminRole === 'sysadmin',
  },
  {
    key: 'audit',
    path: '/audit',
    icon: <AuditOutlined />,
    label: () => '审计记录',
    allows: (user) => user.adminRole === 'auditadmin',
  },
];

export function pagesFor(user: User, roles?: RoleGrant[]): PageEntry[] {
  return pages.filter((page) => page.allows(user, roles));
}

export function homePathFor(user: User): string {
  return pagesFor(user)[0]?.path ?? '/password';
}

export function mayOpen(user: User, key: PageKey, roles?: RoleGrant[]): boolean {
  return pages.some((page) => page.key === key && page.allows(user, roles));
}
