/**
 * The audit trail as the API returns it, and the Chinese name of each event type. An event
 * type this table does not know yet is shown by its code, never hidden.
 */
import { api } from '../api/client';

export interface AuditEvent {
  log: string;
  index: number;
  type: string;
  actor: string | null;
  /** The instant in UTC, ISO 8601. */
  at: string;
  /** The same instant in Beijing time, `2026-01-05T10:00:00+08:00`. */
  atBeijing: string;
  ip: string | null;
  unit: string | null;
  result: 'success' | 'failure' | string;
  data: unknown;
  leafHash: string;
  /** checkpointed: proved against a signed checkpoint; included: against the current root. */
  integrity: 'checkpointed' | 'included' | 'failed';
}

export interface AuditQuery {
  type?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const auditApi = {
  query: (query: AuditQuery) =>
    api.get<{ total: number; events: AuditEvent[] }>('/audit', { ...query }),
};

export const eventTypeNames: Record<string, string> = {
  'session.signed-in': '登录成功',
  'session.sign-in-failed': '登录失败',
  'session.signed-out': '退出登录',
  'session.expired': '会话超时',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.roles-set': '设置角色',
  'user.locked': '账号锁定',
  'user.unlocked': '解除锁定',
  'user.password-changed': '修改密码',
  'user.password-change-failed': '修改密码失败',
  'user.password-reset': '重置密码',
  'unit.created': '新建单位',
  'unit.updated': '修改单位',
  'unit.imported': '导入单位',
  'unit.preset-loaded': '载入预置单位',
  'settings.updated': '修改系统设置',
  'holiday.set': '设置节假日',
  'holiday.removed': '移除节假日',
  'rules.effective-date-set': '设置规则生效日期',
  'rules.mapping-set': '设置情形对应关系',
  'rules.seeded': '初始化规则版本',
  'keys.created': '启用签名密钥',
};

/** The server filters by prefix, so `session.` selects every session event. */
export const eventCategories: Array<{ prefix: string; name: string }> = [
  { prefix: 'session.', name: '会话' },
  { prefix: 'user.', name: '用户' },
  { prefix: 'unit.', name: '单位' },
  { prefix: 'settings.', name: '设置' },
  { prefix: 'holiday.', name: '节假日' },
  { prefix: 'rules.', name: '规则' },
];

export function eventTypeName(type: string): string {
  return eventTypeNames[type] ?? type;
}

/** Options for the type filter: each category as a whole, then its single types. */
export function eventTypeOptions() {
  return eventCategories.map((category) => ({
    label: `${category.name}事件`,
    title: category.name,
    options: [
      { value: category.prefix, label: `全部${category.name}事件` },
      ...Object.entries(eventTypeNames)
        .filter(([type]) => type.startsWith(category.prefix))
        .map(([type, name]) => ({ value: type, label: name })),
    ],
  }));
}
