/**
 * The buttons under a long form, kept in view at the bottom of the screen so that on a phone
 * the recorder can save without scrolling back.
 */
import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';

export function FormFooter({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();

  return (
    <Flex
      gap="small"
      wrap
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 10,
        padding: '12px 0',
        background: token.colorBgLayout,
        borderTop: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      {children}
    </Flex>
  );
}
