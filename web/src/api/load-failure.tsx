/** What a page shows when loading its data failed: the server's message and a retry. */
import { Alert, Button } from 'antd';
import { errorText } from './client';

export function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={errorText(error)}
      action={
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
