/**
 * `/users`: the accounts. The system administrator creates, edits, disables and enables
 * them; the security administrator grants roles, unlocks and resets passwords (三员分立).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../page-title';
import { useSignedIn } from '../session/session-context';
import { OneTimePasswordModal } from './one-time-password-modal';
import { RoleEditor } from './role-editor';
import { RoleTag } from './role-tag';
import { type Unit, unitName, unitsApi } from './units';
import { UserActions } from './user-actions';
import { UserFormModal } from './user-form-modal';
import { adminRoleNames, type UserWithRoles, usersApi } from './users';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserWithRoles }
  | { kind: 'roles'; user: UserWithRoles }
  | { kind: 'password'; username: string; password: string }
  | null;

export function UserListPage() {
  const { user: me } = useSignedIn();
  const users = useResource('users', usersApi.list);
  const units = useResource('units', unitsApi.list);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState('');
  const unitList = units.data ?? [];
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const rows = useMemo(
    () => matching(users.data ?? [], search.trim(), byCode),
    [users.data, search, byCode],
  );

  const closeAndReload = () => {
    setDialog(null);
    users.reload();
  };

  const columns: TableColumnsType<UserWithRoles> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '单位', key: 'unit', render: (_, u) => unitName(byCode, u.unit) },
    { title: '电话', key: 'phone', render: (_, u) => u.phone ?? '—' },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) =>
        u.adminRole ? (
          <Tag color="red">{adminRoleNames[u.adminRole]}</Tag>
        ) : u.roles.length > 0 ? (
          u.roles.map((g) => <RoleTag key={`${g.role}@${g.unit}`} grant={g} units={byCode} />)
        ) : (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ),
    },
    { title: '状态', key: 'status', render: (_, u) => <StatusTags user={u} /> },
    {
      title: '最近登录',
      key: 'lastSignInAt',
      render: (_, u) => (u.lastSignInAt ? dayjs(u.lastSignInAt).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <UserActions
          user={u}
          me={me}
          onEdit={() => setDialog({ kind: 'edit', user: u })}
          onRoles={() => setDialog({ kind: 'roles', user: u })}
          onPassword={(password) => setDialog({ kind: 'password', username: u.username, password })}
          onChanged={users.reload}
        />
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="用户管理"
        extra={
          me.adminRole === 'sysadmin' && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="user-create"
            >
              新建用户
            </Button>
          )
        }
      />
      {users.error ? <LoadFailure error={users.error} onRetry={users.reload} /> : null}
      <Input.Search
        allowClear
        placeholder="按用户名、姓名或单位查找"
        style={{ maxWidth: 320, marginBottom: 12 }}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="user-search"
      />
      <Table<UserWithRoles>
        data-testid="user-table"
        rowKey="username"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={users.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个账号` }}
        scroll={{ x: 'max-content' }}
      />
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserFormModal
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          units={unitList}
          onClose={() => setDialog(null)}
          onSaved={(created) => {
            users.reload();
            setDialog(created ? { kind: 'password', ...created } : null);
          }}
        />
      )}
      {dialog?.kind === 'roles' && (
        <RoleEditor
          user={dialog.user}
          units={unitList}
          onClose={() => setDialog(null)}
          onSaved={closeAndReload}
        />
      )}
      {dialog?.kind === 'password' && (
        <OneTimePasswordModal
          username={dialog.username}
          password={dialog.password}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

function matching(list: UserWithRoles[], text: string, units: Map<string, Unit>) {
  if (!text) return list;

  return list.filter(
    (u) =>
      u.username.includes(text) || u.name.includes(text) || unitName(units, u.unit).includes(text),
  );
}

function StatusTags({ user }: { user: UserWithRoles }) {
  return (
    <>
      {user.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
      {user.locked && <Tag color="red">已锁定</Tag>}
      {user.mustChangePassword && <Tag color="orange">须改密码</Tag>}
    </>
  );
}
