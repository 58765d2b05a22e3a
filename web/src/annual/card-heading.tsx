/**
 * A card's title as a heading one level below the page's, so that a screen reader's outline
 * of the annual page lists its parts.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function CardHeading({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ margin: 0 }}>
      {children}
    </Typography.Title>
  );
}
