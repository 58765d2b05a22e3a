/** The account's name at the top right, with 修改密码 and 退出登录. */
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../api/client';
import { adminRoleNames } from '../org/users';
import { useSignedIn } from './session-context';

export function UserMenu({ compact }: { compact: boolean }) {
  const { user, signOut } = useSignedIn();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const roleName = user.adminRole ? adminRoleNames[user.adminRole] : null;
  const showRole = !compact && roleName && roleName !== user.name;

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">修改密码</span>,
    },
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      label: <span data-testid="menu-sign-out">退出登录</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/password');
    else signOut().catch((error: unknown) => message.error(errorText(error)));
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {user.name}
        {showRole && `（${roleName}）`}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
