/** The plain centred frame of the sign-in page and the forced password change. */
import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';

export const PRODUCT_TITLE = '留痕 · 领导干部干预统计工作记录系统';

export function AuthFrame({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}
    >
      <Typography.Title level={2} style={{ marginBottom: 24, textAlign: 'center' }}>
        <span style={{ color: token.colorPrimary }}>留痕</span>
        <span style={{ fontSize: 16, fontWeight: 400, color: token.colorTextSecondary }}>
          {' · 领导干部干预统计工作记录系统'}
        </span>
      </Typography.Title>
      <Card style={{ width: '100%', maxWidth: 400 }}>{children}</Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        全程留痕 · 永久保存 · 有据可查
      </Typography.Text>
    </Flex>
  );
}
