/**
 * Shows a one-time password once: the server returns it only in the answer that created it
 * (new account or reset) and keeps only its hash, so it cannot be shown again later.
 */
import { Alert, Button, Modal, Typography } from 'antd';

interface Props {
  username: string;
  password: string;
  onClose: () => void;
}

export function OneTimePasswordModal({ username, password, onClose }: Props) {
  return (
    <Modal
      open
      title={`账号 ${username} 的一次性密码`}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-password-close">
          我已记下
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title="请将一次性密码告知用户，首次登录须修改；此密码只显示这一次"
        style={{ marginBottom: 16 }}
      />
      <Typography.Text
        code
        copyable={{ text: password, tooltips: ['复制密码', '已复制'] }}
        style={{ fontSize: 20 }}
      >
        <span data-testid="one-time-password">{password}</span>
      </Typography.Text>
    </Modal>
  );
}
