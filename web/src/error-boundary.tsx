/**
 * Catches a rendering error so that one broken page shows a message in Chinese instead of
 * a blank screen; the rest of the shell keeps working.
 */
import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;

    return (
      <Result
        status="error"
        title="页面出错了"
        subTitle="页面显示时发生错误。请重新加载页面；如果仍然出错，请联系系统管理员。"
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            重新加载
          </Button>,
          <Button key="home" onClick={() => window.location.assign('/')}>
            返回首页
          </Button>,
        ]}
      />
    );
  }
}
