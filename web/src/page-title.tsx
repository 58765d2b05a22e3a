/** The heading of a page with its actions beside it (wrapping below on narrow screens). */
import { Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';

interface Props {
  title: string;
  extra?: ReactNode;
}

export function PageTitle({ title, extra }: Props) {
  useEffect(() => {
    document.title = `${title} · 留痕`;
  }, [title]);

  return (
    <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra && (
        <Flex wrap gap="small">
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
