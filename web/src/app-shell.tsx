/**
 * The frame around every signed-in page: the menu of the pages this account may use (a
 * side bar on wide screens, a drawer on phones), the user menu, and the page itself.
 */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, theme } from 'antd';
import { type ReactNode, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from './error-boundary';
import { pagesFor } from './navigation';
import { useSignedIn } from './session/session-context';
import { UserMenu } from './session/user-menu';

const PRODUCT_NAME = '留痕';

export function AppShell({ children }: { children?: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const location = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!compact && (
        <Layout.Sider breakpoint="lg" collapsible theme="light" width={208}>
          <Brand />
          <PageMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: compact ? '0 12px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {compact && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="打开菜单"
              data-testid="nav-open"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <span style={{ flex: 1, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {compact ? PRODUCT_NAME : '领导干部干预统计工作记录系统'}
          </span>
          <UserMenu compact={compact} />
        </Layout.Header>
        <Layout.Content style={{ padding: compact ? 12 : 24 }}>
          <ErrorBoundary key={location.pathname}>{children ?? <Outlet />}</ErrorBoundary>
        </Layout.Content>
      </Layout>
      {compact && (
        <Drawer
          placement="left"
          size={240}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={PRODUCT_NAME}
          styles={{ body: { padding: 0 } }}
        >
          <PageMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}

function Brand() {
  const { token } = theme.useToken();

  return (
    <div
      style={{
        height: 64,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: 22,
        fontWeight: 700,
        letterSpacing: 4,
        color: token.colorPrimary,
      }}
    >
      {PRODUCT_NAME}
    </div>
  );
}

function PageMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { user, roles } = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = pagesFor(user, roles);
  const selected = entries.find((page) => location.pathname.startsWith(page.path));

  const items: MenuProps['items'] = entries.map((page) => ({
    key: page.path,
    icon: page.icon,
    label: <span data-testid={`nav-${page.key}`}>{page.label(user)}</span>,
  }));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
