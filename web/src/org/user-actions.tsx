/**
 * The actions on one account, by who is signed in (三员分立): the system administrator edits
 * and disables or enables accounts; the security administrator grants roles, unlocks and
 * resets passwords. Administrator accounts are protected, and no one acts on themself.
 */
import { App, Button, Flex, Popconfirm } from 'antd';
import { errorText } from '../api/client';
import { type User, type UserWithRoles, usersApi } from './users';

interface Props {
  user: UserWithRoles;
  me: User;
  onEdit: () => void;
  onRoles: () => void;
  onPassword: (password: string) => void;
  onChanged: () => void;
}

export function UserActions(props: Props) {
  const { user, me } = props;
  if (user.username === me.username) return null;
  if (me.adminRole === 'sysadmin' && !user.adminRole) return <AccountActions {...props} />;
  if (me.adminRole === 'secadmin') return <SecurityActions {...props} />;

  return null;
}

function AccountActions({ user, onEdit, onChanged }: Props) {
  const { message } = App.useApp();
  const next = !user.active;

  const toggle = async () => {
    try {
      await usersApi.update(user.username, { active: next });
      message.success(next ? `已启用 ${user.name}` : `已停用 ${user.name}`);
      onChanged();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <Flex gap={4} wrap>
      <Button size="small" type="link" onClick={onEdit} data-testid={`user-edit-${user.username}`}>
        编辑
      </Button>
      <Popconfirm
        title={next ? `启用 ${user.name} 的账号？` : `停用 ${user.name} 的账号？`}
        description={next ? undefined : '停用后该账号不能登录，其记录全部保留'}
        okText={next ? '启用' : '停用'}
        okButtonProps={{ danger: !next, 'data-testid': 'user-toggle-confirm' }}
        onConfirm={toggle}
      >
        <Button
          size="small"
          type="link"
          danger={!next}
          data-testid={`user-toggle-${user.username}`}
        >
          {next ? '启用' : '停用'}
        </Button>
      </Popconfirm>
    </Flex>
  );
}

function SecurityActions({ user, onRoles, onPassword, onChanged }: Props) {
  const { message } = App.useApp();

  const unlock = async () => {
    try {
      await usersApi.unlock(user.username);
      message.success(`已解锁 ${user.name}`);
      onChanged();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const reset = async () => {
    try {
      const { password } = await usersApi.resetPassword(user.username);
      onChanged();
      onPassword(password);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <Flex gap={4} wrap>
      {!user.adminRole && (
        <Button
          size="small"
          type="link"
          onClick={onRoles}
          data-testid={`user-roles-${user.username}`}
        >
          分配角色
        </Button>
      )}
      <Button
        size="small"
        type="link"
        disabled={!user.locked}
        onClick={unlock}
        data-testid={`user-unlock-${user.username}`}
      >
        解锁
      </Button>
      <Popconfirm
        title={`重置 ${user.name} 的密码？`}
        description="将生成一次性密码，原密码立即失效，用户登录后须修改"
        okText="重置"
        okButtonProps={{ danger: true, 'data-testid': 'user-reset-confirm' }}
        onConfirm={reset}
      >
        <Button size="small" type="link" danger data-testid={`user-reset-${user.username}`}>
          重置密码
        </Button>
      </Popconfirm>
    </Flex>
  );
}
